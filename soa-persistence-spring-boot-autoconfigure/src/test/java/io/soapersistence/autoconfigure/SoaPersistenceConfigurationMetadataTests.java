package io.soapersistence.autoconfigure;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;

import com.jayway.jsonpath.DocumentContext;
import com.jayway.jsonpath.JsonPath;
import io.soapersistence.autoconfigure.fixtures.OrderSoA;
import io.soapersistence.autoconfigure.fixtures.sensors.SensorReadingSoA;
import org.junit.jupiter.api.Test;

import org.springframework.core.io.ClassPathResource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests that the configuration metadata the build generates documents every property for IDE completion, and
 * the naming of datasets and beans.
 */
class SoaPersistenceConfigurationMetadataTests {

    private static DocumentContext metadata() throws IOException {
        try (InputStream in = new ClassPathResource("META-INF/spring-configuration-metadata.json").getInputStream()) {
            return JsonPath.parse(in);
        }
    }

    @Test
    void documentsEveryPropertyWithADescription() throws IOException {
        DocumentContext metadata = metadata();
        List<String> names = metadata.read("$.properties[*].name");
        assertThat(names).contains("soa.persistence.enabled", "soa.persistence.base-path",
                "soa.persistence.compression", "soa.persistence.compression-level", "soa.persistence.page-size",
                "soa.persistence.row-group-size", "soa.persistence.layout", "soa.persistence.lock-timeout",
                "soa.persistence.scan-packages", "soa.persistence.health.free-space-threshold",
                "soa.persistence.types", "soa.persistence.types.*.type", "soa.persistence.types.*.path",
                "soa.persistence.types.*.compression", "soa.persistence.types.*.compression-level",
                "soa.persistence.types.*.page-size", "soa.persistence.types.*.row-group-size",
                "management.health.soa-persistence.enabled");
        List<String> undocumented = metadata
            .read("$.properties[?(@.name =~ /soa\\.persistence.*/ && !@.description)].name");
        assertThat(undocumented).isEmpty();
    }

    @Test
    void documentsDefaults() throws IOException {
        DocumentContext metadata = metadata();
        assertThat(defaultOf(metadata, "soa.persistence.enabled")).isEqualTo(true);
        assertThat(defaultOf(metadata, "soa.persistence.base-path")).isEqualTo("./data");
        assertThat(defaultOf(metadata, "soa.persistence.compression")).isEqualTo("snappy");
        assertThat(defaultOf(metadata, "soa.persistence.page-size")).isEqualTo("1MB");
        assertThat(defaultOf(metadata, "soa.persistence.row-group-size")).isEqualTo("128MB");
        assertThat(defaultOf(metadata, "soa.persistence.layout")).isEqualTo("single-file");
        assertThat(defaultOf(metadata, "soa.persistence.lock-timeout")).isEqualTo("30s");
        assertThat(defaultOf(metadata, "soa.persistence.health.free-space-threshold")).isEqualTo("10MB");
    }

    @Test
    void hintsCodecValues() throws IOException {
        DocumentContext metadata = metadata();
        List<String> global = metadata.read("$.hints[?(@.name == 'soa.persistence.compression')].values[*].value");
        assertThat(global).containsExactly("snappy", "gzip", "zstd", "lz4", "brotli", "uncompressed");
        List<String> perType = metadata
            .read("$.hints[?(@.name == 'soa.persistence.types.values.compression')].values[*].value");
        assertThat(perType).containsExactly("snappy", "gzip", "zstd", "lz4", "brotli", "uncompressed");
    }

    @Test
    void derivesDatasetAndBeanNames() {
        assertThat(DatasetNames.of(OrderSoA.class)).isEqualTo("order");
        assertThat(DatasetNames.of(SensorReadingSoA.class)).isEqualTo("sensor-reading");
        assertThat(DatasetNames.beanName("sensor-reading")).isEqualTo("sensorReadingParquetPersistence");
        assertThat(DatasetNames.beanName("orders")).isEqualTo("ordersParquetPersistence");
    }

    private static Object defaultOf(DocumentContext metadata, String name) {
        List<Object> values = metadata.read("$.properties[?(@.name == '" + name + "')].defaultValue");
        assertThat(values).as(name).hasSize(1);
        return values.get(0);
    }
}
