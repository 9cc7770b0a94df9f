package io.soapersistence.parquet;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import io.soapersistence.fixtures.Order;
import io.soapersistence.fixtures.OrderSoA;
import io.soapersistence.fixtures.OrderStatus;
import io.soapersistence.fixtures.PaymentMethod;
import io.soapersistence.query.Filter;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Pruning proven by counting what was decoded: row groups and pages that cannot match are never decoded, and
 * the result is still exact.
 */
class QueryPruningTest {

    private static final int ROWS = 400_000;

    @TempDir
    static Path dir;

    private static ParquetPersistence<OrderSoA> orders;

    private static List<Order> rows;

    @BeforeAll
    static void writeSortedOrders() {
        rows = new ArrayList<>(ROWS);
        for (int i = 0; i < ROWS; i++) {
            long id = i;
            // Even customers only: an odd customer within the min/max range is ruled out by the dictionary.
            rows.add(new Order(id, 2 * (id % 500), id % 313, (int) (id % 9) + 1, (id % 997) * 0.25,
                    (id % 997) * 0.25 * ((id % 9) + 1), OrderStatus.values()[(int) (id % 5)],
                    PaymentMethod.values()[(int) (id % 4)], java.time.Instant.ofEpochSecond(1_700_000_000L + id),
                    "hash-" + (id % 50)));
        }
        orders = new ParquetPersistence<>(OrderSoA.class, dir)
            .withRowGroupSize(512 * 1024)
            .withPageSize(8 * 1024)
            .withBloomFilterColumns(List.of("shipping_address_hash"));
        orders.save(OrderSoA.from(rows)).join();
    }

    @Test
    void onePercentIdRangeDecodesOnlyTheNeededRowGroupsAndPages() {
        QueryTrace trace = new QueryTrace();
        Filter filter = OrderSoA.ORDER_ID.between(200_000, 203_999);

        OrderSoA selected = orders.select(filter, OrderSoA.class, trace).join();

        assertThat(selected).isEqualTo(OrderSoA.from(rows.subList(200_000, 204_000)));
        System.out.println("1% id range: " + trace);
        assertThat(trace.rowGroupsInFile).isGreaterThan(10);
        assertThat(trace.rowGroupsRead).isLessThanOrEqualTo(2);
        assertThat(trace.valuesDecoded("order_id")).isLessThan(ROWS / 20);
        assertThat(trace.valuesDecoded("customer_id")).isLessThan(ROWS / 20);
        assertThat(trace.candidateRows).isLessThan(ROWS / 20);
        assertThat(trace.matchedRows).isEqualTo(4_000);
    }

    @Test
    void bloomFilterMissDecodesNoRowGroup() {
        QueryTrace trace = new QueryTrace();

        OrderSoA selected = orders.select(OrderSoA.ADDRESS_HASH.eq("hash-4x"), OrderSoA.class, trace).join();

        assertThat(selected).isEmpty();
        System.out.println("bloom filter miss: " + trace);
        assertThat(trace.rowGroupsAfterPruning).isZero();
        assertThat(trace.rowGroupsRead).isZero();
        assertThat(trace.valuesDecoded).isEmpty();
    }

    @Test
    void dictionaryMissDecodesNoRowGroup() {
        QueryTrace trace = new QueryTrace();

        OrderSoA selected = orders.select(OrderSoA.CUSTOMER_ID.in(301, 503), OrderSoA.class, trace).join();

        assertThat(selected).isEmpty();
        System.out.println("dictionary miss: " + trace);
        assertThat(trace.rowGroupsRead).isZero();
        assertThat(trace.valuesDecoded).isEmpty();
    }

    @Test
    void negatedRangeStillPrunesAndKeepsEveryOtherRow() {
        QueryTrace trace = new QueryTrace();
        Filter filter = OrderSoA.ORDER_ID.lt(399_000).negate();

        OrderSoA selected = orders.select(filter, OrderSoA.class, trace).join();

        assertThat(selected).isEqualTo(OrderSoA.from(rows.subList(399_000, ROWS)));
        assertThat(trace.rowGroupsRead).isEqualTo(1);
    }

    @Test
    void rowsThatFailTheRecheckDoNotDecodeTheOtherColumns() {
        QueryTrace trace = new QueryTrace();
        // Customer 502 is always CONFIRMED: statistics and dictionaries keep the row group, the re-check drops
        // every row.
        Filter filter = OrderSoA.ORDER_ID.between(100_000, 100_999).and(OrderSoA.CUSTOMER_ID.eq(502))
            .and(OrderSoA.STATUS.eq(OrderStatus.PENDING));

        OrderSoA selected = orders.select(filter, OrderSoA.class, trace).join();

        assertThat(selected).isEqualTo(OrderSoA.from(rows.stream()
            .filter(row -> QueryFixtures.ORDER_ORACLE.test(filter, row)).toList()));
        assertThat(selected).isEmpty();
        assertThat(trace.rowGroupsRead).isPositive();
        assertThat(trace.valuesDecoded("unit_price")).isZero();
        assertThat(trace.valuesDecoded("order_id")).isPositive();
    }

    @Test
    void projectionDecodesOnlyProjectedAndFilterColumns() throws Exception {
        QueryTrace trace = new QueryTrace();

        var ids = orders.select(OrderSoA.QUANTITY.eq(3).and(OrderSoA.ORDER_ID.lt(50_000)),
                io.soapersistence.fixtures.OrderIdsSoA.class, trace).join();

        assertThat(ids.size()).isEqualTo((int) rows.stream().filter(r -> r.quantity() == 3 && r.orderId() < 50_000)
            .count());
        assertThat(trace.valuesDecoded.keySet()).containsExactlyInAnyOrder("order_id", "status", "quantity");
        assertThat(Files.size(orders.file())).isPositive();
    }
}
