package io.soapersistence.sample;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/** Data written by one application context is there when a new context starts on the same directory. */
class RestartTest {

    @TempDir
    Path dataDir;

    @Test
    void ordersSurviveARestart() {
        String written;
        try (ConfigurableApplicationContext first = start()) {
            Http http = new Http(port(first));
            assertThat(http.post("/orders", Orders.json(Orders.five())).status()).isEqualTo(200);
            assertThat(http.post("/orders/generate?count=100&seed=7", "").status()).isEqualTo(200);
            written = http.get("/orders?limit=10000").body();
            assertThat(http.get("/orders/count").json().get("count").asLong()).isEqualTo(105);
        }
        assertThat(this.dataDir.resolve("orders/data.parquet")).isRegularFile();

        try (ConfigurableApplicationContext second = start()) {
            Http http = new Http(port(second));
            assertThat(http.get("/orders/count").json().get("count").asLong()).isEqualTo(105);
            JsonNode reread = http.get("/orders?limit=10000").json();
            assertThat(reread).isEqualTo(Http.JSON.readTree(written));
            assertThat(http.get("/orders?status=SHIPPED&customerId=8").json().get(0).get("orderId").asLong())
                .isEqualTo(3);
        }
    }

    private ConfigurableApplicationContext start() {
        // Arguments, not builder properties: those are defaults, which application.yml would override.
        return new SpringApplicationBuilder(SampleApplication.class)
            .run("--server.port=0", "--soa.persistence.base-path=" + this.dataDir);
    }

    private static int port(ConfigurableApplicationContext context) {
        return context.getEnvironment().getRequiredProperty("local.server.port", Integer.class);
    }
}
