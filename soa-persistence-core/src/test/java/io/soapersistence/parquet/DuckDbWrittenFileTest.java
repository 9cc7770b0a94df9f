package io.soapersistence.parquet;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionException;

import io.soapersistence.ColumnNotFoundException;
import io.soapersistence.SchemaMismatchException;
import io.soapersistence.fixtures.Order;
import io.soapersistence.fixtures.OrderSoA;
import io.soapersistence.fixtures.OrderStatus;
import io.soapersistence.fixtures.PaymentMethod;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Files written by another engine (DuckDB's own Parquet writer: every column OPTIONAL, its own column order,
 * extra columns, TIMESTAMPTZ, its own row group and dictionary layout) load through ParquetPersistence, matched by
 * column name; files that cannot feed the type fail with the column named.
 */
class DuckDbWrittenFileTest {

    /** Edge rows as DuckDB SQL, in Order's declaration order; the SELECT lists put them in another order. */
    private static final String EDGE_ROWS = "(VALUES "
            + "(9223372036854775807::BIGINT, '-9223372036854775808'::BIGINT, 0::BIGINT, 2147483647::INTEGER, "
            + "'nan'::DOUBLE, 'inf'::DOUBLE, 'SHIPPED', 'CARD', '2024-02-29 23:59:59.999999+00'::TIMESTAMPTZ, '😀𝄞'), "
            + "('-9223372036854775808'::BIGINT, -1::BIGINT, 5::BIGINT, '-2147483648'::INTEGER, "
            + "'-0.0'::DOUBLE, '-inf'::DOUBLE, NULL, NULL, NULL, NULL), "
            + "(0::BIGINT, 42::BIGINT, 7::BIGINT, 0::INTEGER, 4.9e-324::DOUBLE, 1.7976931348623157e308::DOUBLE, "
            + "'CANCELLED', 'BANK_TRANSFER', '1969-12-31 23:59:59.999999+00'::TIMESTAMPTZ, ''), "
            + "(1::BIGINT, 7::BIGINT, 3::BIGINT, -5::INTEGER, 0.1::DOUBLE, 12.34::DOUBLE, 'PENDING', "
            + "'CASH_ON_DELIVERY', '1900-06-15 12:34:56.000001+00'::TIMESTAMPTZ, 'Grüße, 世界')"
            + ") AS t(order_id, customer_id, product_id, quantity, unit_price, total_amount, status, payment_method, "
            + "order_timestamp, shipping_address_hash)";

    private static final List<Order> EDGE_ORDERS = List.of(
            new Order(Long.MAX_VALUE, Long.MIN_VALUE, 0L, Integer.MAX_VALUE, Double.NaN, Double.POSITIVE_INFINITY,
                    OrderStatus.SHIPPED, PaymentMethod.CARD, Instant.parse("2024-02-29T23:59:59.999999Z"), "😀𝄞"),
            new Order(Long.MIN_VALUE, -1L, 5L, Integer.MIN_VALUE, -0.0, Double.NEGATIVE_INFINITY, null, null, null,
                    null),
            new Order(0L, 42L, 7L, 0, Double.MIN_VALUE, Double.MAX_VALUE, OrderStatus.CANCELLED,
                    PaymentMethod.BANK_TRANSFER, Instant.parse("1969-12-31T23:59:59.999999Z"), ""),
            new Order(1L, 7L, 3L, -5, 0.1, 12.34, OrderStatus.PENDING, PaymentMethod.CASH_ON_DELIVERY,
                    Instant.parse("1900-06-15T12:34:56.000001Z"), "Grüße, 世界"));

    /** DuckDB's version of {@link InteropSamples#bulkOrders}: the same rows, computed in SQL. */
    private static final String BULK_ROWS = "(SELECT range AS order_id, range % 1000 AS customer_id, "
            + "range % 313 AS product_id, (range % 9 + 1)::INTEGER AS quantity, (range % 997) * 0.25::DOUBLE AS unit_price, "
            + "(range % 997) * 0.25::DOUBLE * (range % 9 + 1)::INTEGER AS total_amount, "
            + "CASE WHEN range % 17 = 0 THEN NULL ELSE "
            + "['PENDING', 'CONFIRMED', 'SHIPPED', 'DELIVERED', 'CANCELLED'][range % 5 + 1] END AS status, "
            + "CASE WHEN range % 17 = 0 THEN NULL ELSE "
            + "['CARD', 'PAYPAL', 'BANK_TRANSFER', 'CASH_ON_DELIVERY'][range % 4 + 1] END AS payment_method, "
            + "CASE WHEN range % 17 = 0 THEN NULL ELSE "
            + "'2023-11-01 00:00:00+00'::TIMESTAMPTZ + to_microseconds(range * 1000003) END AS order_timestamp, "
            + "CASE WHEN range % 17 = 0 THEN NULL ELSE 'hash-' || (range % 50) END AS shipping_address_hash "
            + "FROM range({rows}) ORDER BY range)";

    @TempDir
    Path dir;

    private Connection duckdb;

    private ParquetPersistence<OrderSoA> orders;

    @BeforeEach
    void setUp() throws SQLException {
        this.duckdb = DriverManager.getConnection("jdbc:duckdb:");
        this.orders = new ParquetPersistence<>(OrderSoA.class, this.dir);
    }

    @AfterEach
    void tearDown() throws SQLException {
        this.duckdb.close();
    }

    @Test
    void loadsDuckDbFileWithOtherColumnOrderAndAnExtraColumn() throws SQLException {
        copy("SELECT 'not ours' AS note, shipping_address_hash, order_timestamp, 17 AS extra_count, payment_method, "
                + "status, total_amount, unit_price, quantity, product_id, customer_id, order_id FROM " + EDGE_ROWS);
        assertThat(DuckDbRows.describe(this.duckdb, this.orders.file()).keySet()).startsWith("note",
                "shipping_address_hash", "order_timestamp", "extra_count");

        OrderSoA loaded = this.orders.load().join().orElseThrow();

        assertThat(loaded).isEqualTo(OrderSoA.from(EDGE_ORDERS));
        assertThat(loaded.get(0).status()).isSameAs(OrderStatus.SHIPPED);
        assertThat(loaded.get(0).orderTimestamp()).isEqualTo(Instant.parse("2024-02-29T23:59:59.999999Z"));
        assertThat(Double.doubleToRawLongBits(loaded.get(1).unitPrice()))
            .isEqualTo(Double.doubleToRawLongBits(-0.0));
        assertThat(this.orders.count().join()).isEqualTo(EDGE_ORDERS.size());
    }

    @Test
    void loadsDuckDbFileWithSeveralRowGroupsAndDictionaries() throws SQLException {
        int rows = 10_000;
        copy("SELECT * FROM " + BULK_ROWS.replace("{rows}", Integer.toString(rows)), "ROW_GROUP_SIZE 2048");
        assertThat(DuckDbRows.scalarLong(this.duckdb, "SELECT count(DISTINCT row_group_id) FROM parquet_metadata("
                + DuckDbRows.quote(this.orders.file()) + ")")).isGreaterThan(1);

        OrderSoA loaded = this.orders.load().join().orElseThrow();

        assertThat(loaded).isEqualTo(OrderSoA.from(InteropSamples.bulkOrders(0, rows)));
    }

    @Test
    void missingColumnIsReportedByName() throws SQLException {
        copy("SELECT order_id, customer_id, quantity, unit_price, total_amount, status, payment_method, "
                + "order_timestamp, shipping_address_hash FROM " + EDGE_ROWS);

        assertThatThrownBy(() -> this.orders.load().join())
            .isInstanceOf(CompletionException.class)
            .cause()
            .isInstanceOfSatisfying(ColumnNotFoundException.class, ex -> {
                assertThat(ex.column()).isEqualTo("product_id");
                assertThat(ex.file()).contains(this.orders.file());
            })
            .hasMessageContaining("product_id");
    }

    @Test
    void wronglyTypedColumnIsReportedWithExpectedAndFoundTypes() throws SQLException {
        copy("SELECT order_id, customer_id::VARCHAR AS customer_id, product_id, quantity, unit_price, total_amount, "
                + "status, payment_method, order_timestamp, shipping_address_hash FROM " + EDGE_ROWS);

        assertThatThrownBy(() -> this.orders.load().join())
            .isInstanceOf(CompletionException.class)
            .cause()
            .isInstanceOfSatisfying(SchemaMismatchException.class, ex -> {
                assertThat(ex.column()).isEqualTo("customer_id");
                assertThat(ex.expected()).contains("Int(64, true)");
                assertThat(ex.found()).contains("BINARY").contains("STRING");
                assertThat(ex.file()).contains(this.orders.file());
            })
            .hasMessageContaining("customer_id");
    }

    @Test
    void appendsOntoDuckDbFileAndDuckDbReadsTheResult() throws SQLException {
        copy("SELECT order_timestamp, status, order_id, customer_id, product_id, quantity, unit_price, total_amount, "
                + "payment_method, shipping_address_hash FROM " + EDGE_ROWS);
        List<Order> appended = InteropSamples.bulkOrders(100, 300);

        this.orders.append(OrderSoA.from(appended)).join();
        this.orders.append(OrderSoA.from(InteropSamples.bulkOrders(400, 5))).join();

        List<Order> all = new ArrayList<>(EDGE_ORDERS);
        all.addAll(appended);
        all.addAll(InteropSamples.bulkOrders(400, 5));
        assertThat(this.orders.count().join()).isEqualTo(all.size());
        assertThat(this.orders.load().join().orElseThrow()).isEqualTo(OrderSoA.from(all));
        assertThat(DuckDbRows.orders(this.duckdb, this.orders.file()))
            .containsExactlyElementsOf(InteropSamples.sortedById(all));
        assertThat(DuckDbRows.describe(this.duckdb, this.orders.file()).keySet())
            .as("the appended file keeps DuckDB's column order")
            .startsWith("order_timestamp", "status", "order_id");
    }

    @Test
    void appendOntoDuckDbFileWithExtraColumnFailsAndLeavesFileUntouched() throws Exception {
        copy("SELECT 'not ours' AS note, * FROM " + EDGE_ROWS);
        byte[] before = Files.readAllBytes(this.orders.file());

        assertThatThrownBy(() -> this.orders.append(OrderSoA.from(InteropSamples.bulkOrders(100, 3))).join())
            .isInstanceOf(CompletionException.class)
            .cause()
            .isInstanceOf(SchemaMismatchException.class);

        assertThat(Files.readAllBytes(this.orders.file())).isEqualTo(before);
        assertThat(this.orders.load().join().orElseThrow()).isEqualTo(OrderSoA.from(EDGE_ORDERS));
    }

    private void copy(String select, String... options) throws SQLException {
        StringBuilder sql = new StringBuilder("COPY (").append(select).append(") TO ")
            .append(DuckDbRows.quote(this.orders.file())).append(" (FORMAT PARQUET");
        for (String option : options) {
            sql.append(", ").append(option);
        }
        sql.append(')');
        try (Statement statement = this.duckdb.createStatement()) {
            statement.execute(sql.toString());
        }
    }
}
