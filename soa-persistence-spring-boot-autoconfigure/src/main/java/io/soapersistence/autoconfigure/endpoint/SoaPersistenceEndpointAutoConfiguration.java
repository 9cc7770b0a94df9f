package io.soapersistence.autoconfigure.endpoint;

import io.soapersistence.autoconfigure.SoaPersistenceAutoConfiguration;
import io.soapersistence.autoconfigure.SoaPersistenceDatasets;

import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * Auto-configuration of the {@link SoaPersistenceEndpoint}, when actuator is on the classpath and the endpoint
 * is enabled and exposed ({@code management.endpoints.web.exposure.include=soapersistence}).
 */
@AutoConfiguration(after = SoaPersistenceAutoConfiguration.class)
@ConditionalOnClass({ Endpoint.class, ConditionalOnAvailableEndpoint.class })
@ConditionalOnBean(SoaPersistenceDatasets.class)
@ConditionalOnAvailableEndpoint(SoaPersistenceEndpoint.class)
public final class SoaPersistenceEndpointAutoConfiguration {

    SoaPersistenceEndpointAutoConfiguration() {
    }

    @Bean
    @ConditionalOnMissingBean
    SoaPersistenceEndpoint soaPersistenceEndpoint(SoaPersistenceDatasets datasets) {
        return new SoaPersistenceEndpoint(datasets);
    }

}
