package io.soapersistence.autoconfigure;

import java.nio.file.Path;

import io.soapersistence.autoconfigure.fixtures.FixturesConfiguration;
import io.soapersistence.autoconfigure.fixtures.OrderSoA;
import io.soapersistence.autoconfigure.fixtures.TradeSoA;
import io.soapersistence.parquet.ParquetPersistence;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.aot.hint.predicate.RuntimeHintsPredicates;
import org.springframework.aot.test.generate.TestGenerationContext;
import org.springframework.boot.test.util.TestPropertyValues;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.aot.ApplicationContextAotGenerator;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.context.support.GenericApplicationContext;
import org.springframework.core.ResolvableType;
import org.springframework.core.test.tools.CompileWithForkedClassLoader;
import org.springframework.core.test.tools.TestCompiler;
import org.springframework.javapoet.ClassName;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests that the registered datasets survive ahead-of-time processing: hints for the reflective constructor of
 * each SoA type, and generated code that starts a context with the same beans.
 */
class SoaPersistenceAotTests {

    @TempDir
    Path data;

    @Test
    @CompileWithForkedClassLoader
    @SuppressWarnings("unchecked")
    void processesAheadOfTime() throws Exception {
        AnnotationConfigApplicationContext context = new AnnotationConfigApplicationContext();
        context.register(FixturesConfiguration.class, SoaPersistenceAutoConfiguration.class);
        TestPropertyValues.of("soa.persistence.base-path=" + this.data).applyTo(context);
        TestGenerationContext generation = new TestGenerationContext();
        ClassName initializerClass;
        try (context) {
            initializerClass = new ApplicationContextAotGenerator().processAheadOfTime(context, generation);
        }
        generation.writeGeneratedContent();
        assertThat(RuntimeHintsPredicates.reflection().onConstructorInvocation(OrderSoA.class.getConstructor()))
            .accepts(generation.getRuntimeHints());
        assertThat(RuntimeHintsPredicates.reflection().onConstructorInvocation(TradeSoA.class.getConstructor()))
            .accepts(generation.getRuntimeHints());
        TestCompiler.forSystem().with(generation).compile((compiled) -> {
            GenericApplicationContext fresh = new GenericApplicationContext();
            TestPropertyValues.of("soa.persistence.base-path=" + this.data, "soa.persistence.compression=gzip")
                .applyTo(fresh);
            ApplicationContextInitializer<GenericApplicationContext> initializer = compiled
                .getInstance(ApplicationContextInitializer.class, initializerClass.reflectionName());
            initializer.initialize(fresh);
            fresh.refresh();
            try (fresh) {
                ParquetPersistence<OrderSoA> orders = (ParquetPersistence<OrderSoA>) fresh
                    .getBeanProvider(ResolvableType.forClassWithGenerics(ParquetPersistence.class, OrderSoA.class))
                    .getObject();
                assertThat(fresh.getBeanNamesForType(ParquetPersistence.class)).contains("orderParquetPersistence",
                        "tradeParquetPersistence");
                assertThat(orders.compression().codec().name()).isEqualTo("GZIP");
                orders.save(FixturesConfiguration.orders(3)).join();
                assertThat(orders.count().join()).isEqualTo(3);
                assertThat(fresh.getBean(SoaPersistenceDatasets.class).all()).containsKeys("order", "trade");
            }
        });
    }
}
