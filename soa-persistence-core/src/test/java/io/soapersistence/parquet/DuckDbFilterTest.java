package io.soapersistence.parquet;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import io.soapersistence.fixtures.Order;
import io.soapersistence.fixtures.OrderSoA;
import io.soapersistence.fixtures.OrderStatus;
import io.soapersistence.query.Filter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Files DuckDB wrote (its own row groups, statistics, dictionaries, page layout, optional columns, NaN and
 * negative zero among the doubles) filter to exactly the rows the oracle keeps.
 */
class DuckDbFilterTest {

    private static final String ROWS = "SELECT range AS order_id, range % 1000 AS customer_id, range % 313 AS product_id, "
            + "(range % 9 + 1)::INTEGER AS quantity, "
            + "CASE WHEN range % 101 = 0 THEN 'nan'::DOUBLE WHEN range % 103 = 0 THEN '-0.0'::DOUBLE "
            + "ELSE (range % 997) * 0.25::DOUBLE END AS unit_price, "
            + "(range % 997) * 0.25::DOUBLE * (range % 9 + 1) AS total_amount, "
            + "CASE WHEN range % 17 = 0 THEN NULL ELSE "
            + "['PENDING', 'CONFIRMED', 'SHIPPED', 'DELIVERED', 'CANCELLED'][range % 5 + 1] END AS status, "
            + "CASE WHEN range % 19 = 0 THEN NULL ELSE "
            + "['CARD', 'PAYPAL', 'BANK_TRANSFER', 'CASH_ON_DELIVERY'][range % 4 + 1] END AS payment_method, "
            + "CASE WHEN range % 23 = 0 THEN NULL ELSE "
            + "'2023-11-01 00:00:00+00'::TIMESTAMPTZ + to_microseconds(range * 1000003) END AS order_timestamp, "
            + "CASE WHEN range % 29 = 0 THEN NULL ELSE 'hash-' || (range % 50) END AS shipping_address_hash "
            + "FROM range(30000) ORDER BY range";

    @TempDir
    Path dir;

    @Test
    void filtersDuckDbFileExactly() throws Exception {
        ParquetPersistence<OrderSoA> orders = new ParquetPersistence<>(OrderSoA.class, this.dir);
        try (Connection duckdb = DriverManager.getConnection("jdbc:duckdb:");
                Statement statement = duckdb.createStatement()) {
            statement.execute("COPY (" + ROWS + ") TO " + DuckDbRows.quote(orders.file())
                    + " (FORMAT PARQUET, ROW_GROUP_SIZE 4096)");
        }
        List<Order> rows = new ArrayList<>();
        orders.load().join().orElseThrow().forEach(rows::add);
        assertThat(rows).hasSize(30_000);
        List<Filter> filters = new ArrayList<>(List.of(OrderSoA.ORDER_ID.between(12_000, 12_299),
                OrderSoA.UNIT_PRICE.eq(0.0), OrderSoA.UNIT_PRICE.le(-0.0), OrderSoA.UNIT_PRICE.ne(1.0),
                OrderSoA.UNIT_PRICE.gt(200).negate(), OrderSoA.STATUS.eq(OrderStatus.SHIPPED).negate(),
                OrderSoA.ADDRESS_HASH.in(List.of("hash-7", "hash-70")), OrderSoA.ORDER_TIMESTAMP.isNull()));
        Random random = new Random(42);
        for (int i = 0; i < 40; i++) {
            filters.add(QueryFixtures.randomFilter(random, QueryFixtures.ORDER_COLUMNS, rows, 2));
        }

        for (Filter filter : filters) {
            QueryTrace trace = new QueryTrace();
            OrderSoA selected = orders.select(filter, OrderSoA.class, trace).join();
            assertThat(selected).as(filter.toString()).isEqualTo(OrderSoA.from(rows.stream()
                .filter(row -> QueryFixtures.ORDER_ORACLE.test(filter, row)).toList()));
        }
        QueryTrace trace = new QueryTrace();
        orders.select(OrderSoA.ORDER_ID.between(12_000, 12_299), OrderSoA.class, trace).join();
        assertThat(trace.rowGroupsInFile).isGreaterThan(4);
        assertThat(trace.rowGroupsRead).as(trace.toString()).isLessThanOrEqualTo(2);
    }
}
