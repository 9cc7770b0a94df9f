package io.soapersistence.autoconfigure.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.observation.ObservationRegistry;
import io.soapersistence.autoconfigure.SoaPersistenceAutoConfiguration;
import io.soapersistence.autoconfigure.SoaPersistenceDatasets;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Auto-configuration of dataset metrics, when a {@link MeterRegistry} bean exists, and of operation
 * observations, when an {@link ObservationRegistry} bean exists. Both are independent: tracing alone needs no
 * meter registry.
 */
@AutoConfiguration(after = SoaPersistenceAutoConfiguration.class,
        afterName = { "org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration",
                "org.springframework.boot.micrometer.observation.autoconfigure.ObservationAutoConfiguration" })
@ConditionalOnBean(SoaPersistenceDatasets.class)
public final class SoaPersistenceMetricsAutoConfiguration {

    SoaPersistenceMetricsAutoConfiguration() {
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(MeterRegistry.class)
    @ConditionalOnBean(MeterRegistry.class)
    static class MeterBinderConfiguration {

        /** Bound by Spring Boot to every registry once all singletons, the datasets among them, exist. */
        @Bean
        @ConditionalOnMissingBean
        SoaPersistenceMetrics soaPersistenceMetrics(ObjectProvider<SoaPersistenceDatasets> datasets) {
            return new SoaPersistenceMetrics(datasets::getObject);
        }

    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(ObservationRegistry.class)
    @ConditionalOnBean(ObservationRegistry.class)
    static class ObservationConfiguration {

        @Bean
        @ConditionalOnMissingBean
        SoaPersistenceObservationListener soaPersistenceObservationListener(ObservationRegistry registry,
                ObjectProvider<SoaPersistenceObservationConvention> convention) {
            return new SoaPersistenceObservationListener(registry, convention.getIfAvailable());
        }

    }

}
