package io.soapersistence.sample;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static io.soapersistence.sample.Orders.five;
import static io.soapersistence.sample.Orders.json;
import static io.soapersistence.sample.Orders.order;
import static org.assertj.core.api.Assertions.assertThat;

/** The whole application over real HTTP, with its data in a temporary directory. */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class OrderApiTest {

    private static final String PROBLEM_JSON = "application/problem+json";

    private static final int TEN_MB = 10 * 1024 * 1024;

    @TempDir
    static Path dataDir;

    @DynamicPropertySource
    static void dataDirectory(DynamicPropertyRegistry registry) {
        registry.add("soa.persistence.base-path", () -> dataDir.toString());
    }

    @LocalServerPort
    int port;

    Http http;

    @BeforeEach
    void clean() {
        this.http = new Http(this.port);
        assertThat(this.http.delete("/orders").status()).isEqualTo(204);
    }

    @Test
    void postsCountsAndQueries() {
        Http.Response created = this.http.post("/orders", json(five()));
        assertThat(created.status()).as(created.toString()).isEqualTo(200);
        assertThat(created.json().get("appended").asLong()).isEqualTo(5);
        assertThat(created.json().get("count").asLong()).isEqualTo(5);
        assertThat(count()).isEqualTo(5);
        assertThat(dataDir.resolve("orders/data.parquet")).isRegularFile();

        JsonNode all = this.http.get("/orders").json();
        assertThat(all.size()).isEqualTo(5);
        JsonNode third = all.get(2);
        assertThat(third.get("orderId").asLong()).isEqualTo(3);
        assertThat(third.get("customerId").asLong()).isEqualTo(8);
        assertThat(third.get("productId").asLong()).isEqualTo(103);
        assertThat(third.get("quantity").asInt()).isEqualTo(3);
        assertThat(third.get("unitPrice").asDouble()).isEqualTo(5.50);
        assertThat(third.get("totalAmount").asDouble()).isEqualTo(16.50);
        assertThat(third.get("status").asString()).isEqualTo("SHIPPED");
        assertThat(third.get("paymentMethod").asString()).isEqualTo("CARD");
        assertThat(third.get("orderTimestamp").asString()).isEqualTo("2025-01-03T10:00:00.123456Z");

        assertThat(orderIds("/orders?status=SHIPPED")).containsExactly(1L, 3L);
        assertThat(orderIds("/orders?customerId=7")).containsExactly(1L, 2L, 5L);
        assertThat(orderIds("/orders?minAmount=20")).containsExactly(1L, 2L, 4L);
        assertThat(orderIds("/orders?from=2025-01-02T10:00:00Z&to=2025-01-04T10:00:00Z")).containsExactly(2L, 3L);
        assertThat(orderIds("/orders?customerId=7&status=SHIPPED&minAmount=1")).containsExactly(1L);
        assertThat(orderIds("/orders?limit=2")).containsExactly(1L, 2L);
        assertThat(orderIds("/orders?customerId=999")).isEmpty();

        // A second append keeps the first.
        assertThat(this.http.post("/orders", json(List.of(order(6, 9, 1, 1.0, "CONFIRMED",
                "2025-02-01T00:00:00Z")))).status()).isEqualTo(200);
        assertThat(count()).isEqualTo(6);
        assertThat(orderIds("/orders?status=CONFIRMED")).containsExactly(6L);
    }

    @Test
    void rejectsBadQueries() {
        assertBadRequest(this.http.get("/orders?limit=0"));
        assertBadRequest(this.http.get("/orders?limit=10001"));
        assertBadRequest(this.http.get("/orders?limit=many"));
        assertBadRequest(this.http.get("/orders?status=LOST"));
        assertBadRequest(this.http.get("/orders?from=yesterday"));
        assertBadRequest(this.http.get("/orders?minAmount=NaN"));
        assertBadRequest(this.http.get("/orders?from=2025-02-01T00:00:00Z&to=2025-01-01T00:00:00Z"));
        assertThat(this.http.get("/orders?limit=10000").status()).isEqualTo(200);
    }

    @Test
    void summarizesPerStatus() {
        this.http.post("/orders", json(five()));
        JsonNode summary = this.http.get("/orders/summary").json();
        assertThat(summary.get("count").asLong()).isEqualTo(5);
        assertThat(summary.get("totalAmount").asDouble()).isEqualTo(2637.48);
        JsonNode byStatus = summary.get("byStatus");
        assertThat(byStatus.get("SHIPPED").get("count").asLong()).isEqualTo(2);
        assertThat(byStatus.get("SHIPPED").get("totalAmount").asDouble()).isEqualTo(36.50);
        assertThat(byStatus.get("PENDING").get("count").asLong()).isEqualTo(1);
        assertThat(byStatus.get("DELIVERED").get("totalAmount").asDouble()).isEqualTo(2500.00);
        assertThat(byStatus.get("CANCELLED").get("totalAmount").asDouble()).isEqualTo(0.99);
        assertThat(byStatus.get("CONFIRMED").get("count").asLong()).isZero();
        assertThat(byStatus.get("CONFIRMED").get("totalAmount").asDouble()).isZero();
    }

    @Test
    void summaryOfNothingIsZero() {
        JsonNode summary = this.http.get("/orders/summary").json();
        assertThat(summary.get("count").asLong()).isZero();
        assertThat(summary.get("byStatus").size()).isEqualTo(5);
    }

    @Test
    void rowsGaugeEqualsCount() {
        this.http.post("/orders", json(five()));
        assertThat(rowsGauge()).isEqualTo(5.0);
        this.http.post("/orders/generate?count=250&seed=1", "");
        assertThat(rowsGauge()).isEqualTo(count()).isEqualTo(255);
        Http.Response rowsWritten = this.http.get("/actuator/metrics/soa.persistence.rows.written?tag=dataset:orders");
        assertThat(rowsWritten.status()).as(rowsWritten.toString()).isEqualTo(200);
        assertThat(rowsWritten.json().at("/measurements/0/value").asDouble()).isGreaterThanOrEqualTo(255);
        Http.Response operations = this.http.get("/actuator/metrics/soa.persistence.operation");
        assertThat(operations.status()).as(operations.toString()).isEqualTo(200);
    }

    @Test
    void healthIsUpWithDatasetDetails() {
        this.http.post("/orders", json(five()));
        Http.Response health = this.http.get("/actuator/health");
        assertThat(health.status()).as(health.toString()).isEqualTo(200);
        JsonNode dataset = health.json().at("/components/soa-persistence/components/orders");
        assertThat(dataset.get("status").asString()).as(health.toString()).isEqualTo("UP");
        assertThat(dataset.get("details").size()).as(health.toString()).isPositive();
    }

    @Test
    void healthIsDownWhenTheDatasetDirectoryIsUnusable() throws IOException {
        this.http.post("/orders", json(five()));
        Path directory = dataDir.resolve("orders");
        Path aside = dataDir.resolve("orders.aside");
        Set<PosixFilePermission> original = Files.getPosixFilePermissions(directory);
        boolean replaced = false;
        try {
            Files.setPosixFilePermissions(directory, PosixFilePermissions.fromString("r-xr-xr-x"));
            if (canCreateFileIn(directory)) {
                // Root ignores permissions: make the directory unusable by putting a regular file in its place.
                Files.setPosixFilePermissions(directory, original);
                Files.move(directory, aside);
                Files.writeString(directory, "not a directory");
                replaced = true;
            }
            Http.Response health = this.http.get("/actuator/health");
            assertThat(health.status()).as(health.toString()).isEqualTo(503);
            JsonNode json = health.json();
            assertThat(json.get("status").asString()).isEqualTo("DOWN");
            assertThat(json.at("/components/soa-persistence/status").asString()).isEqualTo("DOWN");
            assertThat(json.at("/components/soa-persistence/components/orders/status").asString())
                .as(health.toString())
                .isEqualTo("DOWN");
        }
        finally {
            if (replaced) {
                Files.delete(directory);
                Files.move(aside, directory);
            }
            else {
                Files.setPosixFilePermissions(directory, original);
            }
        }
        Http.Response health = this.http.get("/actuator/health");
        assertThat(health.status()).as(health.toString()).isEqualTo(200);
        assertThat(count()).isEqualTo(5);
    }

    @Test
    void invalidOrdersAreRejectedAndNothingIsWritten() {
        this.http.post("/orders", json(five()));
        List<Map<String, Object>> orders = new ArrayList<>(five());
        orders.get(1).put("quantity", 0);
        orders.get(1).put("status", "LOST");
        orders.get(2).remove("orderTimestamp");
        orders.get(3).put("totalAmount", 1.0);
        orders.get(4).put("unitPrice", -1.0);
        orders.get(4).put("customerId", 0);
        orders.get(4).put("paymentMethod", "card");
        Http.Response response = this.http.post("/orders", json(orders));
        assertThat(response.status()).as(response.toString()).isEqualTo(400);
        assertThat(response.contentType()).startsWith(PROBLEM_JSON);
        JsonNode problem = response.json();
        assertThat(problem.get("status").asInt()).isEqualTo(400);
        assertThat(problem.get("detail").asString()).contains("nothing was written");
        assertThat(problem.get("instance").asString()).isEqualTo("/orders");
        List<String> errors = new ArrayList<>();
        problem.get("errors").forEach(e -> errors.add(e.get("index").asInt() + ":" + e.get("field").asString()));
        assertThat(errors).containsExactlyInAnyOrder("1:quantity", "1:status", "2:orderTimestamp",
                "3:totalAmount", "4:customerId", "4:unitPrice", "4:paymentMethod");
        assertThat(problem.get("errors").get(0).get("pointer").asString()).isEqualTo("/1/quantity");
        assertThat(count()).isEqualTo(5);
    }

    @Test
    void malformedJsonIsRejectedNamingThePosition() {
        List<Map<String, Object>> orders = new ArrayList<>(five());
        orders.get(3).put("quantity", "three");
        assertMalformed(this.http.post("/orders", json(orders)), "/3/quantity");

        orders = new ArrayList<>(five());
        orders.get(0).put("quantity", 1.5);
        assertMalformed(this.http.post("/orders", json(orders)), "/0/quantity");

        orders = new ArrayList<>(five());
        orders.get(2).put("orderId", "3");
        assertMalformed(this.http.post("/orders", json(orders)), "/2/orderId");

        orders = new ArrayList<>(five());
        orders.get(4).put("totalAmmount", 1.0);
        assertMalformed(this.http.post("/orders", json(orders)), "/4/totalAmmount");

        assertBadRequest(this.http.post("/orders", "[]"));
        assertBadRequest(this.http.post("/orders", "[null]"));
        assertBadRequest(this.http.post("/orders", "{}"));
        assertBadRequest(this.http.post("/orders", "[{"));
        assertBadRequest(this.http.post("/orders", ""));
        assertThat(count()).isZero();
    }

    @Test
    void bodiesOverTheLimitAreRejected() {
        // Declared length over the limit: rejected before reading.
        byte[] tooLarge = oversizedJsonArray();
        Http.Response declared = this.http.post("/orders", HttpRequest.BodyPublishers.ofByteArray(tooLarge));
        assertTooLarge(declared);

        // Chunked (no Content-Length): rejected while reading, once the limit is passed.
        Http.Response chunked = this.http.postStream("/orders", () -> new ByteArrayInputStream(tooLarge));
        assertTooLarge(chunked);
        assertThat(count()).isZero();

        // Just under the limit, chunked: read in full, then rejected as JSON for its content.
        Http.Response underLimit = this.http.postStream("/orders", () -> paddedArray(TEN_MB - 16));
        assertThat(underLimit.status()).as(underLimit.toString()).isEqualTo(400);
    }

    @Test
    void generatesWithinBounds() {
        Http.Response generated = this.http.post("/orders/generate?count=1000&seed=42", "");
        assertThat(generated.status()).as(generated.toString()).isEqualTo(200);
        assertThat(generated.json().get("appended").asLong()).isEqualTo(1000);
        assertThat(count()).isEqualTo(1000);
        JsonNode summary = this.http.get("/orders/summary").json();
        long perStatus = 0;
        for (OrderStatus status : OrderStatus.values()) {
            perStatus += summary.get("byStatus").get(status.name()).get("count").asLong();
        }
        assertThat(perStatus).isEqualTo(1000);
        assertThat(this.http.get("/orders?customerId=1001").json().size()).isZero();

        assertBadRequest(this.http.post("/orders/generate?count=0", ""));
        assertBadRequest(this.http.post("/orders/generate?count=-5", ""));
        assertBadRequest(this.http.post("/orders/generate?count=1000001", ""));
        assertBadRequest(this.http.post("/orders/generate?count=lots", ""));
        assertBadRequest(this.http.post("/orders/generate", ""));
        assertThat(count()).isEqualTo(1000);
    }

    @Test
    void deleteClearsEverything() {
        this.http.post("/orders", json(five()));
        assertThat(count()).isEqualTo(5);
        assertThat(this.http.delete("/orders").status()).isEqualTo(204);
        assertThat(count()).isZero();
        assertThat(this.http.get("/orders").json().size()).isZero();
        assertThat(rowsGauge()).isZero();
        // Clearing nothing is fine too.
        assertThat(this.http.delete("/orders").status()).isEqualTo(204);
    }

    private long count() {
        Http.Response response = this.http.get("/orders/count");
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        return response.json().get("count").asLong();
    }

    private double rowsGauge() {
        Http.Response metric = this.http.get("/actuator/metrics/soa.persistence.rows?tag=dataset:orders");
        assertThat(metric.status()).as(metric.toString()).isEqualTo(200);
        return metric.json().at("/measurements/0/value").asDouble();
    }

    private List<Long> orderIds(String path) {
        Http.Response response = this.http.get(path);
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        List<Long> ids = new ArrayList<>();
        response.json().forEach(order -> ids.add(order.get("orderId").asLong()));
        return ids;
    }

    private static void assertBadRequest(Http.Response response) {
        assertThat(response.status()).as(response.toString()).isEqualTo(400);
        assertThat(response.contentType()).as(response.toString()).startsWith(PROBLEM_JSON);
        assertThat(response.json().get("status").asInt()).isEqualTo(400);
    }

    private static void assertMalformed(Http.Response response, String pointer) {
        assertBadRequest(response);
        assertThat(response.json().at("/errors/0/pointer").asString()).as(response.toString()).isEqualTo(pointer);
    }

    private static void assertTooLarge(Http.Response response) {
        assertThat(response.status()).as(response.toString()).isEqualTo(413);
        assertThat(response.contentType()).startsWith(PROBLEM_JSON);
        assertThat(response.json().get("status").asInt()).isEqualTo(413);
        assertThat(response.json().get("maxRequestSize").asLong()).isEqualTo(TEN_MB);
    }

    /** A valid JSON array of orders just over 10 MB, so that only its size is wrong. */
    private static byte[] oversizedJsonArray() {
        String one = json(order(1, 1, 1, 1.0, "PENDING", "2025-01-01T00:00:00Z"));
        StringBuilder body = new StringBuilder(TEN_MB + 4096).append('[').append(one);
        while (body.length() <= TEN_MB) {
            body.append(',').append(one);
        }
        return body.append(']').toString().getBytes(StandardCharsets.UTF_8);
    }

    /** {@code [} + spaces + {@code ]}, {@code size} bytes: valid JSON but an empty array. */
    private static InputStream paddedArray(int size) {
        byte[] spaces = new byte[size - 2];
        Arrays.fill(spaces, (byte) ' ');
        return new SequenceInputStream(new ByteArrayInputStream("[".getBytes(StandardCharsets.UTF_8)),
                new SequenceInputStream(new ByteArrayInputStream(spaces),
                        new ByteArrayInputStream("]".getBytes(StandardCharsets.UTF_8))));
    }

    private static boolean canCreateFileIn(Path directory) {
        try {
            Files.delete(Files.createTempFile(directory, "probe", ".tmp"));
            return true;
        }
        catch (IOException ex) {
            return false;
        }
    }
}
