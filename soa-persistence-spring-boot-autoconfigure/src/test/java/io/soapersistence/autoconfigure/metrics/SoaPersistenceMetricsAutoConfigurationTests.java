package io.soapersistence.autoconfigure.metrics;

import java.nio.file.Files;
import java.nio.file.Path;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.observation.DefaultMeterObservationHandler;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.ObservationRegistry;
import io.soapersistence.autoconfigure.SoaPersistenceAutoConfiguration;
import io.soapersistence.autoconfigure.SoaPersistenceDatasets;
import io.soapersistence.autoconfigure.fixtures.FixturesConfiguration;
import io.soapersistence.autoconfigure.fixtures.OrderSoA;
import io.soapersistence.parquet.ParquetPersistence;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link SoaPersistenceMetricsAutoConfiguration}.
 */
class SoaPersistenceMetricsAutoConfigurationTests {

    @TempDir
    Path data;

    private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(MetricsAutoConfiguration.class,
                SoaPersistenceAutoConfiguration.class, SoaPersistenceMetricsAutoConfiguration.class))
        .withUserConfiguration(FixturesConfiguration.class);

    private ApplicationContextRunner withRegistry(SimpleMeterRegistry registry) {
        return this.contextRunner.withPropertyValues("soa.persistence.base-path=" + this.data)
            .withBean(SimpleMeterRegistry.class, () -> registry);
    }

    @SuppressWarnings("unchecked")
    private static ParquetPersistence<OrderSoA> orders(AssertableApplicationContext context) {
        return (ParquetPersistence<OrderSoA>) context.getBean(SoaPersistenceDatasets.class).get("order").orElseThrow();
    }

    private static double gauge(MeterRegistry registry, String name) {
        return registry.get(name).tag("dataset", "order").gauge().value();
    }

    private static double counter(MeterRegistry registry, String name) {
        return registry.get(name).tag("dataset", "order").functionCounter().count();
    }

    @Test
    void noMetricsWithoutMeterRegistry() {
        this.contextRunner.withPropertyValues("soa.persistence.base-path=" + this.data)
            .run((context) -> {
                assertThat(context).hasNotFailed();
                assertThat(context).doesNotHaveBean(SoaPersistenceMetrics.class);
                assertThat(context).doesNotHaveBean(SoaPersistenceObservationListener.class);
            });
    }

    @Test
    void gaugesAndCountersFollowOperations() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        withRegistry(registry).run((context) -> {
            assertThat(context).hasSingleBean(SoaPersistenceMetrics.class);
            assertThat(context).doesNotHaveBean(SoaPersistenceObservationListener.class);
            ParquetPersistence<OrderSoA> orders = orders(context);
            assertThat(gauge(registry, "soa.persistence.rows")).isZero();
            assertThat(registry.get("soa.persistence.rows").gauge().getId().getBaseUnit()).isEqualTo("rows");
            assertThat(registry.get("soa.persistence.file.size").gauge().getId().getBaseUnit()).isEqualTo("bytes");

            orders.save(FixturesConfiguration.orders(100)).join();
            long sizeAfterSave = Files.size(orders.file());
            assertThat(gauge(registry, "soa.persistence.rows")).isEqualTo(100);
            assertThat(gauge(registry, "soa.persistence.file.size")).isEqualTo(sizeAfterSave);

            orders.append(FixturesConfiguration.orders(50)).join();
            long sizeAfterAppend = Files.size(orders.file());
            assertThat(gauge(registry, "soa.persistence.rows")).isEqualTo((double) orders.count().join());
            assertThat(gauge(registry, "soa.persistence.rows")).isEqualTo(150);
            assertThat(gauge(registry, "soa.persistence.file.size")).isEqualTo(sizeAfterAppend);
            assertThat(counter(registry, "soa.persistence.rows.written")).isEqualTo(150);
            assertThat(counter(registry, "soa.persistence.bytes.written")).isEqualTo((double) (sizeAfterSave + sizeAfterAppend));

            orders.clear().join();
            assertThat(gauge(registry, "soa.persistence.rows")).isZero();
            assertThat(gauge(registry, "soa.persistence.file.size")).isZero();
            assertThat(counter(registry, "soa.persistence.rows.written")).isEqualTo(150);
            assertThat(registry.get("soa.persistence.rows").tag("dataset", "trade").gauge().value()).isZero();
        });
    }

    @Test
    void gaugesStartFromTheStoredDataset() {
        withRegistry(new SimpleMeterRegistry())
            .run((context) -> orders(context).save(FixturesConfiguration.orders(7)).join());
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        withRegistry(registry).run((context) -> {
            assertThat(gauge(registry, "soa.persistence.rows")).isEqualTo(7);
            assertThat(gauge(registry, "soa.persistence.file.size")).isEqualTo(Files.size(orders(context).file()));
            assertThat(counter(registry, "soa.persistence.rows.written")).isZero();
        });
    }

    @Test
    void observationPerOperationWithTags() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        ObservationRegistry observations = ObservationRegistry.create();
        observations.observationConfig().observationHandler(new DefaultMeterObservationHandler(registry));
        withRegistry(registry).withBean(ObservationRegistry.class, () -> observations).run((context) -> {
            assertThat(context).hasSingleBean(SoaPersistenceObservationListener.class);
            ParquetPersistence<OrderSoA> orders = orders(context);
            orders.save(FixturesConfiguration.orders(5)).join();
            Files.writeString(orders.file(), "garbage");
            assertThat(orders.load()).failsWithin(java.time.Duration.ofSeconds(10));
            Timer saves = registry.get("soa.persistence.operation")
                .tags("dataset", "order", "operation", "save", "outcome", "success")
                .timer();
            assertThat(saves.count()).isEqualTo(1);
            Timer failedLoads = registry.get("soa.persistence.operation")
                .tags("dataset", "order", "operation", "load", "outcome", "failure")
                .timer();
            assertThat(failedLoads.count()).isEqualTo(1);
            assertThat(failedLoads.getId().getTag("error")).isEqualTo("CorruptFileException");
            assertThat(orders.info()).failsWithin(java.time.Duration.ofSeconds(10));
            assertThat(registry.find("soa.persistence.operation").tag("operation", "info").timer())
                .as("health probes and the endpoint read footers through info(): not timed").isNull();
        });
    }

    @Test
    void observationWithoutMeterRegistry() {
        ObservationRegistry observations = ObservationRegistry.create();
        this.contextRunner.withPropertyValues("soa.persistence.base-path=" + this.data)
            .withBean(ObservationRegistry.class, () -> observations)
            .run((context) -> {
                assertThat(context).doesNotHaveBean(SoaPersistenceMetrics.class);
                assertThat(context).hasSingleBean(SoaPersistenceObservationListener.class);
            });
    }

    @Test
    void customConventionIsUsed() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        ObservationRegistry observations = ObservationRegistry.create();
        observations.observationConfig().observationHandler(new DefaultMeterObservationHandler(registry));
        withRegistry(registry).withBean(ObservationRegistry.class, () -> observations)
            .withBean(SoaPersistenceObservationConvention.class, () -> new DefaultSoaPersistenceObservationConvention() {
                @Override
                public String getName() {
                    return "custom.persistence";
                }
            })
            .run((context) -> {
                orders(context).count().join();
                assertThat(registry.get("custom.persistence").tag("operation", "count").timer().count()).isEqualTo(1);
            });
    }
}
