package io.soapersistence.autoconfigure.endpoint;

import java.nio.file.Path;

import io.soapersistence.autoconfigure.SoaPersistenceAutoConfiguration;
import io.soapersistence.autoconfigure.SoaPersistenceDatasets;
import io.soapersistence.autoconfigure.fixtures.FixturesConfiguration;
import io.soapersistence.autoconfigure.fixtures.OrderSoA;
import io.soapersistence.parquet.ParquetPersistence;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link SoaPersistenceEndpointAutoConfiguration} and {@link SoaPersistenceEndpoint}.
 */
class SoaPersistenceEndpointAutoConfigurationTests {

    @TempDir
    Path data;

    private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(SoaPersistenceAutoConfiguration.class,
                SoaPersistenceEndpointAutoConfiguration.class))
        .withUserConfiguration(FixturesConfiguration.class);

    @Test
    void notAvailableUnlessExposed() {
        this.contextRunner.withPropertyValues("soa.persistence.base-path=" + this.data)
            .run((context) -> assertThat(context).doesNotHaveBean(SoaPersistenceEndpoint.class));
    }

    @Test
    void notAvailableWhenAccessIsNone() {
        this.contextRunner
            .withPropertyValues("soa.persistence.base-path=" + this.data,
                    "management.endpoints.web.exposure.include=soapersistence",
                    "management.endpoint.soapersistence.access=NONE")
            .run((context) -> assertThat(context).doesNotHaveBean(SoaPersistenceEndpoint.class));
    }

    @Test
    @SuppressWarnings("unchecked")
    void listsDatasets() {
        this.contextRunner
            .withPropertyValues("soa.persistence.base-path=" + this.data,
                    "management.endpoints.web.exposure.include=soapersistence", "soa.persistence.compression=zstd")
            .run((context) -> {
                ParquetPersistence<OrderSoA> orders = (ParquetPersistence<OrderSoA>) context
                    .getBean(SoaPersistenceDatasets.class)
                    .get("order")
                    .orElseThrow();
                orders.save(FixturesConfiguration.orders(12)).join();
                SoaPersistenceEndpoint.DatasetsDescriptor descriptor = context.getBean(SoaPersistenceEndpoint.class)
                    .datasets();
                assertThat(descriptor.datasets()).containsOnlyKeys("order", "trade", "sensor-reading");
                SoaPersistenceEndpoint.DatasetDescriptor order = descriptor.datasets().get("order");
                assertThat(order.type()).isEqualTo(OrderSoA.class.getName());
                assertThat(order.path()).isEqualTo(this.data.resolve("order").toString());
                assertThat(order.layout()).isEqualTo("SINGLE_FILE");
                assertThat(order.codec()).isEqualTo("ZSTD(3)");
                assertThat(order.storedCodec()).isEqualTo("ZSTD");
                assertThat(order.rows()).isEqualTo(12);
                assertThat(order.size()).isEqualTo(java.nio.file.Files.size(orders.file()));
                assertThat(order.rowGroups()).isEqualTo(1);
                assertThat(order.schema()).contains("orderId");
                assertThat(order.error()).isNull();
                SoaPersistenceEndpoint.DatasetDescriptor trade = descriptor.datasets().get("trade");
                assertThat(trade.rows()).isZero();
                assertThat(trade.schema()).isNull();
            });
    }
}
