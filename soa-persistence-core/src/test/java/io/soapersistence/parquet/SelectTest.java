package io.soapersistence.parquet;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.IntStream;

import io.soapersistence.fixtures.AllTypes;
import io.soapersistence.fixtures.AllTypesSoA;
import io.soapersistence.fixtures.Order;
import io.soapersistence.fixtures.OrderIds;
import io.soapersistence.fixtures.OrderIdsSoA;
import io.soapersistence.fixtures.OrderSoA;
import io.soapersistence.fixtures.OrderStatus;
import io.soapersistence.fixtures.PaymentMethod;
import io.soapersistence.fixtures.RandomRows;
import io.soapersistence.query.Filter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static io.soapersistence.parquet.QueryFixtures.ALL_TYPES_COLUMNS;
import static io.soapersistence.parquet.QueryFixtures.ALL_TYPES_ORACLE;
import static io.soapersistence.parquet.QueryFixtures.ORDER_COLUMNS;
import static io.soapersistence.parquet.QueryFixtures.ORDER_ORACLE;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code select} and {@code scan} return exactly the rows the in-memory oracle keeps, for every operator, type and
 * combination, whatever the pushdown pruned.
 */
class SelectTest {

    @TempDir
    Path dir;

    @Test
    void everyOperatorOnOrdersMatchesTheOracle() {
        List<Order> rows = randomOrders(7, 3_000);
        ParquetPersistence<OrderSoA> orders = smallRowGroups(OrderSoA.class);
        orders.save(OrderSoA.from(rows)).join();
        Instant middle = rows.get(1_500).orderTimestamp();
        List<Filter> filters = List.of(
                OrderSoA.ORDER_ID.eq(17), OrderSoA.ORDER_ID.ne(17), OrderSoA.ORDER_ID.lt(100),
                OrderSoA.ORDER_ID.le(100), OrderSoA.ORDER_ID.gt(2_900), OrderSoA.ORDER_ID.ge(2_900),
                OrderSoA.ORDER_ID.between(1_000, 1_010), OrderSoA.ORDER_ID.in(3, 2_000, 99_999),
                OrderSoA.QUANTITY.ge(9), OrderSoA.UNIT_PRICE.lt(10.5), OrderSoA.TOTAL_AMOUNT.between(100, 200),
                OrderSoA.STATUS.eq(OrderStatus.SHIPPED), OrderSoA.STATUS.ne(OrderStatus.SHIPPED),
                OrderSoA.STATUS.in(OrderStatus.PENDING, OrderStatus.CANCELLED),
                OrderSoA.PAYMENT_METHOD.in(List.of(PaymentMethod.CARD)),
                OrderSoA.ORDER_TIMESTAMP.lt(middle), OrderSoA.ORDER_TIMESTAMP.ge(middle.plusNanos(1)),
                OrderSoA.ORDER_TIMESTAMP.eq(middle), OrderSoA.ORDER_TIMESTAMP.eq(middle.plusNanos(1)),
                OrderSoA.ADDRESS_HASH.isNull(), OrderSoA.ADDRESS_HASH.isNotNull(),
                OrderSoA.ADDRESS_HASH.gt("8"), OrderSoA.ADDRESS_HASH.le("3"),
                OrderSoA.ADDRESS_HASH.isNull().negate(), OrderSoA.ORDER_ID.lt(100).negate(),
                OrderSoA.ADDRESS_HASH.gt("8").negate(),
                Filter.not(OrderSoA.STATUS.eq(OrderStatus.SHIPPED).or(OrderSoA.QUANTITY.lt(3))),
                Filter.allOf(OrderSoA.CUSTOMER_ID.le(500), OrderSoA.PRODUCT_ID.gt(100), OrderSoA.QUANTITY.ne(5)),
                Filter.anyOf(), Filter.all(), OrderSoA.ORDER_ID.between(10, 5));

        for (Filter filter : filters) {
            assertThat(orders.select(filter).join()).as(filter.toString())
                .isEqualTo(OrderSoA.from(rows.stream().filter(row -> ORDER_ORACLE.test(filter, row)).toList()));
        }
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5})
    void randomFiltersOnEveryTypeMatchTheOracle(long seed) {
        RandomRows random = new RandomRows(seed);
        List<AllTypes> rows = IntStream.range(0, 1_500).mapToObj(i -> random.allTypes()).toList();
        ParquetPersistence<AllTypesSoA> all = smallRowGroups(AllTypesSoA.class)
            .withBloomFilterColumns(List.of("big", "text", "id"));
        all.save(AllTypesSoA.from(rows)).join();
        Random choices = new Random(seed);

        for (int i = 0; i < 60; i++) {
            Filter filter = QueryFixtures.randomFilter(choices, ALL_TYPES_COLUMNS, rows, 2);
            AllTypesSoA expected = AllTypesSoA.from(rows.stream().filter(row -> ALL_TYPES_ORACLE.test(filter, row))
                .toList());
            assertThat(all.select(filter).join()).as("seed %d: %s", seed, filter).isEqualTo(expected);
        }
    }

    @ParameterizedTest
    @ValueSource(longs = {11, 12, 13})
    void randomFiltersOnSortedOrdersMatchTheOracle(long seed) {
        List<Order> rows = randomOrders(seed, 5_000);
        ParquetPersistence<OrderSoA> orders = smallRowGroups(OrderSoA.class)
            .withBloomFilterColumns(List.of("customer_id", "shipping_address_hash"));
        orders.save(OrderSoA.from(rows)).join();
        Random choices = new Random(seed);

        for (int i = 0; i < 60; i++) {
            Filter filter = QueryFixtures.randomFilter(choices, ORDER_COLUMNS, rows, 2);
            OrderSoA expected = OrderSoA.from(rows.stream().filter(row -> ORDER_ORACLE.test(filter, row)).toList());
            assertThat(orders.select(filter).join()).as("seed %d: %s", seed, filter).isEqualTo(expected);
        }
    }

    @Test
    void projectionReturnsOnlyItsColumnsOfTheMatchingRows() {
        List<Order> rows = randomOrders(3, 2_000);
        ParquetPersistence<OrderSoA> orders = smallRowGroups(OrderSoA.class);
        orders.save(OrderSoA.from(rows)).join();
        Filter filter = OrderSoA.QUANTITY.ge(8).and(OrderSoA.STATUS.ne(OrderStatus.CANCELLED));
        QueryTrace trace = new QueryTrace();

        OrderIdsSoA ids = orders.select(filter, OrderIdsSoA.class, trace).join();

        assertThat(ids).isEqualTo(OrderIdsSoA.from(rows.stream().filter(row -> ORDER_ORACLE.test(filter, row))
            .map(row -> new OrderIds(row.orderId(), row.status())).toList()));
        assertThat(trace.valuesDecoded.keySet()).containsExactlyInAnyOrder("order_id", "status", "quantity");
        assertThat(orders.select(Filter.all(), OrderIdsSoA.class).join()).hasSize(rows.size());
    }

    @Test
    void scanHandsOutBoundedBatchesThatConcatenateToTheSelection() {
        List<Order> rows = randomOrders(5, 4_000);
        ParquetPersistence<OrderSoA> orders = smallRowGroups(OrderSoA.class);
        orders.save(OrderSoA.from(rows)).join();
        Filter filter = OrderSoA.STATUS.in(OrderStatus.SHIPPED, OrderStatus.DELIVERED);
        List<OrderSoA> batches = new CopyOnWriteArrayList<>();

        orders.scan(filter, 100, batches::add).join();

        assertThat(batches).hasSizeGreaterThan(1).allSatisfy(batch -> assertThat(batch.size()).isBetween(1, 100));
        OrderSoA concatenated = new OrderSoA();
        batches.forEach(concatenated::addAll);
        assertThat(concatenated).isEqualTo(orders.select(filter).join());
        List<OrderIdsSoA> projected = new ArrayList<>();
        orders.scan(filter, OrderIdsSoA.class, 7, projected::add).join();
        assertThat(projected.stream().mapToInt(OrderIdsSoA::size).sum()).isEqualTo(concatenated.size());
        assertThat(projected).allSatisfy(batch -> assertThat(batch.size()).isLessThanOrEqualTo(7));
    }

    @Test
    void nothingStoredSelectsNoRowsAndScansNoBatches() {
        ParquetPersistence<OrderSoA> orders = new ParquetPersistence<>(OrderSoA.class, this.dir);
        List<OrderSoA> batches = new ArrayList<>();

        assertThat(orders.select(OrderSoA.ORDER_ID.eq(1)).join()).isEmpty();
        orders.scan(Filter.all(), 10, batches::add).join();

        assertThat(batches).isEmpty();
        assertThat(Files.exists(orders.file())).isFalse();
    }

    @Test
    void listenersSeeSelectAndScan() {
        List<Operation> seen = new CopyOnWriteArrayList<>();
        ParquetPersistence<OrderSoA> orders = new ParquetPersistence<>(OrderSoA.class, this.dir)
            .withListener((persistence, operation) -> outcome -> seen.add(outcome.operation()));
        orders.save(OrderSoA.from(randomOrders(1, 10))).join();

        orders.select(Filter.all()).join();
        orders.scan(Filter.all(), 5, batch -> { }).join();

        assertThat(seen).containsExactly(Operation.SAVE, Operation.SELECT, Operation.SCAN);
        assertThat(Set.of(Operation.SELECT, Operation.SCAN)).noneMatch(Operation::isWrite);
    }

    private <T extends io.soapersistence.ToArrow<T>> ParquetPersistence<T> smallRowGroups(Class<T> type) {
        return new ParquetPersistence<>(type, this.dir).withRowGroupSize(16 * 1024).withPageSize(1024);
    }

    /** Orders sorted by id, so that ids and timestamps prune by statistics. */
    static List<Order> randomOrders(long seed, int count) {
        RandomRows random = new RandomRows(seed);
        List<Order> rows = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            rows.add(random.order(i));
        }
        return rows;
    }
}
