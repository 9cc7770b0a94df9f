package io.soapersistence.autoconfigure.health;

import java.nio.file.Files;
import java.nio.file.Path;

import io.soapersistence.autoconfigure.SoaPersistenceAutoConfiguration;
import io.soapersistence.autoconfigure.SoaPersistenceDatasets;
import io.soapersistence.autoconfigure.fixtures.FixturesConfiguration;
import io.soapersistence.autoconfigure.fixtures.OrderSoA;
import io.soapersistence.parquet.ParquetPersistence;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.autoconfigure.contributor.HealthContributorAutoConfiguration;
import org.springframework.boot.health.autoconfigure.registry.HealthContributorRegistryAutoConfiguration;
import org.springframework.boot.health.contributor.CompositeHealthContributor;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.health.registry.HealthContributorRegistry;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link SoaPersistenceHealthContributorAutoConfiguration}.
 */
class SoaPersistenceHealthContributorAutoConfigurationTests {

    @TempDir
    Path data;

    private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(SoaPersistenceAutoConfiguration.class,
                SoaPersistenceHealthContributorAutoConfiguration.class, HealthContributorAutoConfiguration.class,
                HealthContributorRegistryAutoConfiguration.class))
        .withUserConfiguration(FixturesConfiguration.class);

    private ApplicationContextRunner withData() {
        return this.contextRunner.withPropertyValues("soa.persistence.base-path=" + this.data);
    }

    private static Health health(AssertableApplicationContext context, String dataset) {
        CompositeHealthContributor composite = (CompositeHealthContributor) context
            .getBean(HealthContributorRegistry.class)
            .getContributor("soa-persistence");
        return ((HealthIndicator) composite.getContributor(dataset)).health(true);
    }

    @SuppressWarnings("unchecked")
    private static ParquetPersistence<OrderSoA> orders(AssertableApplicationContext context) {
        return (ParquetPersistence<OrderSoA>) context.getBean(SoaPersistenceDatasets.class).get("order").orElseThrow();
    }

    @Test
    void registersContributorNamedSoaPersistenceWithOneComponentPerDataset() {
        withData().run((context) -> {
            assertThat(context).hasBean("soa-persistenceHealthContributor");
            CompositeHealthContributor composite = (CompositeHealthContributor) context
                .getBean(HealthContributorRegistry.class)
                .getContributor("soa-persistence");
            assertThat(composite).isNotNull();
            assertThat(composite.stream().map(CompositeHealthContributor.Entry::name))
                .containsExactlyInAnyOrder("order", "trade", "sensor-reading");
        });
    }

    @Test
    void disabledByProperty() {
        withData().withPropertyValues("management.health.soa-persistence.enabled=false")
            .run((context) -> assertThat(context).doesNotHaveBean("soa-persistenceHealthContributor"));
    }

    @Test
    void disabledWithSoaPersistence() {
        withData().withPropertyValues("soa.persistence.enabled=false")
            .run((context) -> assertThat(context).doesNotHaveBean("soa-persistenceHealthContributor"));
    }

    @Test
    void upWithDetailsForAnEmptyDataset() {
        withData().run((context) -> {
            Health health = health(context, "order");
            assertThat(health.getStatus()).isEqualTo(Status.UP);
            assertThat(health.getDetails()).containsEntry("path", this.data.resolve("order").toString())
                .containsEntry("rows", 0L)
                .containsEntry("bytes", 0L)
                .containsEntry("codec", "SNAPPY")
                .doesNotContainKey("lastWrite");
        });
    }

    @Test
    void upWithDetailsForAStoredDataset() {
        withData().run((context) -> {
            orders(context).save(FixturesConfiguration.orders(10)).join();
            Health health = health(context, "order");
            assertThat(health.getStatus()).isEqualTo(Status.UP);
            assertThat(health.getDetails()).containsEntry("rows", 10L)
                .containsEntry("bytes", Files.size(orders(context).file()))
                .containsEntry("codec", "SNAPPY")
                .containsKey("lastWrite");
        });
    }

    @Test
    void downWhenTheFileIsCorrupt() {
        withData().run((context) -> {
            Files.writeString(orders(context).file(), "garbage, not parquet");
            Health health = health(context, "order");
            assertThat(health.getStatus()).isEqualTo(Status.DOWN);
            assertThat(health.getDetails().get("reason")).asString().contains("not readable");
            assertThat(health(context, "trade").getStatus()).isEqualTo(Status.UP);
        });
    }

    @Test
    void downWhenTheDirectoryIsNotWritable() {
        withData().run((context) -> {
            // Permissions do not stop root, which the tests may run as: replace the directory by a file instead.
            Path directory = orders(context).directory();
            Files.delete(directory);
            Files.writeString(directory, "not a directory");
            Health health = health(context, "order");
            assertThat(health.getStatus()).isEqualTo(Status.DOWN);
            assertThat(health.getDetails().get("reason")).asString().contains("not a writable directory");
        });
    }

    @Test
    void downWhenFreeSpaceIsBelowTheThreshold() {
        withData().withPropertyValues("soa.persistence.health.free-space-threshold=1024TB").run((context) -> {
            Health health = health(context, "order");
            assertThat(health.getStatus()).isEqualTo(Status.DOWN);
            assertThat(health.getDetails().get("reason")).asString().contains("below the threshold");
            assertThat(health.getDetails()).containsEntry("threshold", 1024L * 1024 * 1024 * 1024 * 1024);
        });
    }

    @Test
    void negativeThresholdFails() {
        withData().withPropertyValues("soa.persistence.health.free-space-threshold=-1MB").run((context) -> {
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure()).rootCause()
                .hasMessageContaining("soa.persistence.health.free-space-threshold");
        });
    }

    @Test
    void userContributorOfTheSameNameWins() {
        withData().withBean("soa-persistenceHealthContributor", HealthIndicator.class, () -> () -> Health.up().build())
            .run((context) -> assertThat(context.getBean("soa-persistenceHealthContributor"))
                .isInstanceOf(HealthIndicator.class));
    }

}
