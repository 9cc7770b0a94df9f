package io.soapersistence.autoconfigure.health;

import java.util.LinkedHashMap;
import java.util.Map;

import io.soapersistence.autoconfigure.SoaPersistenceAutoConfiguration;
import io.soapersistence.autoconfigure.SoaPersistenceDatasets;
import io.soapersistence.autoconfigure.SoaPersistenceProperties;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.CompositeHealthContributor;
import org.springframework.boot.health.contributor.HealthContributor;
import org.springframework.context.annotation.Bean;
import org.springframework.util.unit.DataSize;

/**
 * Auto-configuration of the {@code soa-persistence} health contributor: one {@link SoaPersistenceHealthIndicator}
 * per dataset, named by dataset name.
 */
@AutoConfiguration(after = SoaPersistenceAutoConfiguration.class)
@ConditionalOnClass({ HealthContributor.class, ConditionalOnEnabledHealthIndicator.class })
@ConditionalOnBean(SoaPersistenceDatasets.class)
@ConditionalOnEnabledHealthIndicator("soa-persistence")
public final class SoaPersistenceHealthContributorAutoConfiguration {

    /**
     * Spring Boot names a contributor after its bean, minus the {@code HealthContributor} suffix: this bean name
     * makes it {@code soa-persistence}, the same name as its {@code management.health.soa-persistence.enabled}
     * switch.
     */
    static final String BEAN_NAME = "soa-persistenceHealthContributor";

    SoaPersistenceHealthContributorAutoConfiguration() {
    }

    @Bean(BEAN_NAME)
    @ConditionalOnMissingBean(name = BEAN_NAME)
    HealthContributor soaPersistenceHealthContributor(SoaPersistenceDatasets datasets,
            SoaPersistenceProperties properties) {
        DataSize threshold = properties.getHealth().getFreeSpaceThreshold();
        if (threshold == null || threshold.isNegative()) {
            throw new InvalidConfigurationPropertyValueException(
                    SoaPersistenceProperties.PREFIX + ".health.free-space-threshold", threshold,
                    "Must be zero or more");
        }
        Map<String, HealthContributor> indicators = new LinkedHashMap<>();
        datasets.all().forEach((name, persistence) -> indicators.put(name,
                new SoaPersistenceHealthIndicator(persistence, threshold)));
        return CompositeHealthContributor.fromMap(indicators);
    }

}
