package io.soapersistence.sample;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * With Spring Boot's default actuator settings (the sample's application.yml opens them up for the demo), nothing
 * about the datasets' paths leaks: health shows no details and the soapersistence endpoint is not exposed.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
        properties = { "management.endpoints.web.exposure.include=health",
            "management.endpoint.health.show-details=never", "management.endpoint.health.show-components=never" })
class DefaultActuatorExposureTest {

    @TempDir
    static Path dataDir;

    @DynamicPropertySource
    static void dataDirectory(DynamicPropertyRegistry registry) {
        registry.add("soa.persistence.base-path", () -> dataDir.toString());
    }

    @LocalServerPort
    int port;

    @Test
    void defaultsRevealNoDatasetPaths() {
        Http http = new Http(this.port);
        assertThat(http.post("/orders/generate?count=10", "").status()).isEqualTo(200);

        Http.Response health = http.get("/actuator/health");
        assertThat(health.status()).isEqualTo(200);
        assertThat(health.body()).contains("UP")
            .doesNotContain(dataDir.toString())
            .doesNotContain("path")
            .doesNotContain("soa-persistence");
        assertThat(http.get("/actuator/soapersistence").status()).isEqualTo(404);
        assertThat(http.get("/actuator/metrics/soa.persistence.rows").status()).isEqualTo(404);
    }
}
