package io.soapersistence.processor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.UUID;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import io.soapersistence.TypeConversionException;
import io.soapersistence.fixtures.AllTypes;
import io.soapersistence.fixtures.AllTypesSoA;
import io.soapersistence.fixtures.Order;
import io.soapersistence.fixtures.OrderSoA;
import io.soapersistence.fixtures.OrderStatus;
import io.soapersistence.fixtures.Trade;
import io.soapersistence.fixtures.TradeSoA;

class GeneratedSoATest {

    @Test
    void everyTypeRoundTripsThroughAddAndGetIncludingNulls() {
        AllTypesSoA soa = new AllTypesSoA();
        soa.add(Rows.allSet(1));
        soa.add(Rows.allNull(2));
        soa.add(Rows.allSet(3));

        assertThat(soa.size()).isEqualTo(3);
        assertThat(soa.get(0)).usingRecursiveComparison().isEqualTo(Rows.allSet(1));
        assertThat(soa.get(1)).usingRecursiveComparison().isEqualTo(Rows.allNull(2));
        assertThat(soa.get(2)).usingRecursiveComparison().isEqualTo(Rows.allSet(3));
        assertThat(soa.maybeCount(0)).isEqualTo(-1);
        assertThat(soa.maybeCount(1)).isNull();
        assertThat(soa.id(1)).isNull();
        assertThat(soa.id(2)).isEqualTo(new UUID(3, -3));
        assertThat(soa.letter(0)).isEqualTo('b');
        assertThat(soa.maybeLetter(0)).isEqualTo((char) 0xFFFE);
    }

    @Test
    void growsPastItsInitialCapacity() {
        AllTypesSoA soa = new AllTypesSoA(1);
        List<AllTypes> rows = IntStream.range(0, 1_000).mapToObj(i -> i % 7 == 0 ? Rows.allNull(i) : Rows.allSet(i))
                .toList();
        soa.addAll(rows);

        assertThat(soa.size()).isEqualTo(1_000);
        for (int i = 0; i < rows.size(); i++) {
            assertThat(soa.get(i)).usingRecursiveComparison().isEqualTo(rows.get(i));
        }
        assertThat(new AllTypesSoA(0)).isEmpty();
        assertThatThrownBy(() -> new AllTypesSoA(-1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void rejectsNullRowsAndBadIndexes() {
        OrderSoA soa = OrderSoA.of(Rows.order(1, 10, OrderStatus.PENDING));

        assertThatThrownBy(() -> soa.add(null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> soa.get(1)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> soa.get(-1)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> soa.orderId(1)).isInstanceOf(IndexOutOfBoundsException.class);
    }

    @Test
    void columnAccessorsReturnCopiesOfTheComponentType() {
        AllTypesSoA soa = AllTypesSoA.of(Rows.allSet(1), Rows.allNull(2));

        long[] big = soa.bigColumn();
        Integer[] maybeCount = soa.maybeCountColumn();
        Instant[] at = soa.atColumn();
        byte[][] payload = soa.payloadColumn();
        assertThat(big).containsExactly(10_000_000_000L, 2L);
        assertThat(maybeCount).containsExactly(-1, null);
        assertThat(at).containsExactly(Instant.parse("2024-03-01T12:00:01.123456Z"), null);
        assertThat(payload[0]).containsExactly(1, 0, -1);
        assertThat(payload[1]).isNull();

        big[0] = 99;
        maybeCount[1] = 5;
        payload[0][0] = 42;
        soa.payload(0)[1] = 42;
        assertThat(soa.big(0)).isEqualTo(10_000_000_000L);
        assertThat(soa.maybeCount(1)).isNull();
        assertThat(soa.payload(0)).containsExactly(1, 0, -1);
        assertThat(soa.bigColumn()).isNotSameAs(soa.bigColumn());
    }

    @Test
    void addCopiesByteArraysDefensively() {
        byte[] payload = {1, 2, 3};
        AllTypes row = Rows.allSet(0);
        AllTypesSoA soa = new AllTypesSoA();
        soa.add(new AllTypes(row.flag(), row.maybeFlag(), row.tiny(), row.maybeTiny(), row.small(), row.maybeSmall(),
                row.letter(), row.maybeLetter(), row.count(), row.maybeCount(), row.big(), row.maybeBig(), row.ratio(),
                row.maybeRatio(), row.amount(), row.maybeAmount(), row.text(), row.status(), row.at(), row.day(),
                row.localAt(), row.time(), row.price(), row.bigPrice(), row.id(), payload));
        payload[0] = 9;

        assertThat(soa.payload(0)).containsExactly(1, 2, 3);
    }

    @Test
    void filterAndFilterIndexesReturnNewInstances() {
        AllTypesSoA soa = new AllTypesSoA();
        IntStream.range(0, 20).forEach(i -> soa.add(i % 2 == 0 ? Rows.allSet(i) : Rows.allNull(i)));

        AllTypesSoA even = soa.filterIndexes(i -> soa.maybeCount(i) != null);
        AllTypesSoA nullIds = soa.filter(row -> row.id() == null);

        assertThat(even.size()).isEqualTo(10);
        assertThat(nullIds.size()).isEqualTo(10);
        assertThat(soa.size()).isEqualTo(20);
        for (int j = 0; j < 10; j++) {
            assertThat(even.get(j)).usingRecursiveComparison().isEqualTo(Rows.allSet(2 * j));
            assertThat(nullIds.get(j)).usingRecursiveComparison().isEqualTo(Rows.allNull(2 * j + 1));
        }
        assertThat(soa.filterIndexes(i -> false).isEmpty()).isTrue();
        assertThat(soa.filterIndexes(i -> true)).isEqualTo(soa).isNotSameAs(soa);
    }

    @Test
    void addAllOfAnotherInstanceCopiesColumnsIncludingNullMasks() {
        AllTypesSoA first = AllTypesSoA.of(Rows.allNull(0), Rows.allSet(1));
        AllTypesSoA second = AllTypesSoA.of(Rows.allSet(2), Rows.allNull(3));
        first.addAll(second);
        first.addAll(first);

        List<AllTypes> expected = List.of(Rows.allNull(0), Rows.allSet(1), Rows.allSet(2), Rows.allNull(3),
                Rows.allNull(0), Rows.allSet(1), Rows.allSet(2), Rows.allNull(3));
        assertThat(first.size()).isEqualTo(8);
        for (int i = 0; i < expected.size(); i++) {
            assertThat(first.get(i)).usingRecursiveComparison().isEqualTo(expected.get(i));
        }
        assertThat(AllTypesSoA.from(first)).isEqualTo(first);
    }

    @Test
    void aggregatesSkipNullsAndHandleEmptyColumns() {
        AllTypesSoA soa = AllTypesSoA.of(Rows.allSet(1), Rows.allNull(2), Rows.allSet(3));

        assertThat(soa.countSum()).isEqualTo(1_000 + 2 + 3_000);
        assertThat(soa.maybeCountSum()).isEqualTo(-4);
        assertThat(soa.maybeCountMin()).isEqualTo(OptionalInt.of(-3));
        assertThat(soa.maybeCountMax()).isEqualTo(OptionalInt.of(-1));
        assertThat(soa.tinyMax()).isEqualTo(OptionalInt.of(3));
        assertThat(soa.maybeSmallMin()).isEqualTo(OptionalInt.of(-3));
        assertThat(soa.bigSum()).isEqualTo(40_000_000_002L);
        assertThat(soa.maybeBigMin()).isEqualTo(OptionalLong.of(-3));
        assertThat(soa.ratioSum()).isEqualTo(1.5 + 2 + 3.5);
        assertThat(soa.maybeAmountMax()).isEqualTo(OptionalDouble.of(-2.5));
        assertThat(soa.priceSum()).isEqualTo(new BigDecimal("2469135780.24").add(new BigDecimal("4")));
        assertThat(soa.priceMax()).contains(new BigDecimal("1234567893.12"));

        AllTypesSoA nulls = AllTypesSoA.of(Rows.allNull(1));
        AllTypesSoA empty = new AllTypesSoA();
        assertThat(nulls.maybeCountSum()).isZero();
        assertThat(nulls.maybeCountMin()).isEmpty();
        assertThat(nulls.maybeBigMax()).isEmpty();
        assertThat(nulls.maybeAmountMin()).isEmpty();
        assertThat(nulls.priceMin()).isEmpty();
        assertThat(nulls.priceSum()).isEqualTo(new BigDecimal("0.00"));
        assertThat(empty.countMin()).isEmpty();
        assertThat(empty.amountSum()).isZero();
        assertThat(empty.bigSum()).isZero();
    }

    @Test
    void floatingPointAggregatesPropagateNaN() {
        TradeSoA trades = TradeSoA.of(new Trade(1, "A", 1.0, 1, null), new Trade(2, "B", Double.NaN, 1, null),
                new Trade(3, "C", -0.0, 1, null));

        assertThat(trades.priceSum()).isNaN();
        assertThat(trades.priceMin().getAsDouble()).isNaN();
        assertThat(trades.priceMax().getAsDouble()).isNaN();
        TradeSoA zeros = TradeSoA.of(new Trade(1, "A", 0.0, 1, null), new Trade(2, "B", -0.0, 1, null));
        assertThat(Double.doubleToRawLongBits(zeros.priceMin().getAsDouble()))
                .isEqualTo(Double.doubleToRawLongBits(-0.0));
        assertThat(Double.doubleToRawLongBits(zeros.priceMax().getAsDouble())).isZero();
    }

    @Test
    void longSumFailsOnOverflowInsteadOfWrapping() {
        TradeSoA trades = TradeSoA.of(new Trade(Long.MAX_VALUE, "A", 1, 1, null), new Trade(1, "B", 1, 1, null));

        assertThatThrownBy(trades::tradeIdSum).isInstanceOf(ArithmeticException.class);
    }

    @Test
    void equalsAndHashCodeCompareContent() {
        AllTypesSoA a = AllTypesSoA.of(Rows.allSet(1), Rows.allNull(2));
        AllTypesSoA b = new AllTypesSoA(1);
        b.add(Rows.allSet(1));
        b.add(Rows.allNull(2));

        assertThat(a).isEqualTo(b).hasSameHashCodeAs(b);
        assertThat(a).isNotEqualTo(AllTypesSoA.of(Rows.allSet(1))).isNotEqualTo(AllTypesSoA.of(Rows.allSet(1),
                Rows.allSet(2))).isNotEqualTo("a string");
        assertThat(a.filterIndexes(i -> i == 0)).isEqualTo(AllTypesSoA.of(Rows.allSet(1)));

        TradeSoA nan = TradeSoA.of(new Trade(1, "A", Double.NaN, 1, null));
        assertThat(nan).isEqualTo(TradeSoA.of(new Trade(1, "A", Double.NaN, 1, null)));
        assertThat(TradeSoA.of(new Trade(1, "A", 0.0, 1, null))).isNotEqualTo(TradeSoA.of(new Trade(1, "A", -0.0, 1,
                null)));
        // A null and a zero differ even though the primitive slot holds zero for both.
        assertThat(AllTypesSoA.of(Rows.allNull(0))).isNotEqualTo(AllTypesSoA.of(withMaybeCountZero(Rows.allNull(0))));
    }

    private static AllTypes withMaybeCountZero(AllTypes r) {
        return new AllTypes(r.flag(), r.maybeFlag(), r.tiny(), r.maybeTiny(), r.small(), r.maybeSmall(), r.letter(),
                r.maybeLetter(), r.count(), 0, r.big(), r.maybeBig(), r.ratio(), r.maybeRatio(), r.amount(),
                r.maybeAmount(), r.text(), r.status(), r.at(), r.day(), r.localAt(), r.time(), r.price(),
                r.bigPrice(), r.id(), r.payload());
    }

    @Test
    void toStringShowsAtMostTenValuesPerColumn() {
        OrderSoA three = OrderSoA.of(Rows.order(1, 10, OrderStatus.PENDING), Rows.order(2, 20, null),
                Rows.order(3, 30, OrderStatus.SHIPPED));
        OrderSoA many = new OrderSoA();
        IntStream.rangeClosed(1, 12).forEach(i -> many.add(Rows.order(i, i, OrderStatus.PENDING)));

        assertThat(three.toString()).startsWith("OrderSoA[size=3]{orderId=[1, 2, 3], customerId=[10, 20, 30]")
                .contains("status=[PENDING, null, SHIPPED]").endsWith("addressHash=[hash-1, hash-2, hash-3]}");
        assertThat(many.toString()).startsWith("OrderSoA[size=12]{orderId=[1, 2, 3, 4, 5, 6, 7, 8, 9, 10, ...]");
        assertThat(new OrderSoA().toString()).startsWith("OrderSoA[size=0]{orderId=[], ");
    }

    @Test
    void iteratesAndStreamsRecordsInOrder() {
        List<Order> rows = List.of(Rows.order(1, 10, OrderStatus.PENDING), Rows.order(2, 20, OrderStatus.SHIPPED));
        OrderSoA soa = OrderSoA.from(rows);

        List<Order> iterated = new ArrayList<>();
        soa.forEach(iterated::add);
        assertThat(iterated).isEqualTo(rows);
        assertThat(soa.stream().toList()).isEqualTo(rows);
        var iterator = new OrderSoA().iterator();
        assertThat(iterator.hasNext()).isFalse();
        assertThatThrownBy(iterator::next).isInstanceOf(java.util.NoSuchElementException.class);
    }

    @Test
    void instantsAreTruncatedToMicrosecondsTowardsThePast() {
        TradeSoA trades = TradeSoA.of(new Trade(1, "A", 1, 1, Instant.parse("2024-01-01T00:00:00.123456789Z")),
                new Trade(2, "B", 1, 1, Instant.ofEpochSecond(-1, 999_999_999)),
                new Trade(3, "C", 1, 1, Instant.parse("1900-06-30T10:00:00.000000500Z")));

        assertThat(trades.executedAt(0)).isEqualTo(Instant.parse("2024-01-01T00:00:00.123456Z"));
        assertThat(trades.executedAt(1)).isEqualTo(Instant.ofEpochSecond(-1, 999_999_000));
        assertThat(trades.executedAt(2)).isEqualTo(Instant.parse("1900-06-30T10:00:00Z"));
    }

    @Test
    void instantsOutsideTheMicrosecondRangeFailToAdd() {
        TradeSoA trades = new TradeSoA();

        assertThatThrownBy(() -> trades.add(new Trade(1, "A", 1, 1, Instant.MAX)))
                .isInstanceOf(TypeConversionException.class)
                .satisfies(e -> assertThat(((TypeConversionException) e).column()).isEqualTo("executed_at"));
        assertThat(trades.isEmpty()).isTrue();
    }

    @Test
    void decimalsAreNormalizedToTheDeclaredScale() {
        AllTypes row = Rows.allSet(0);
        AllTypesSoA soa = AllTypesSoA.of(withPrice(row, new BigDecimal("12.5")), withPrice(row, new BigDecimal("7")),
                withPrice(row, new BigDecimal("1.2300")));

        assertThat(soa.priceColumn()).containsExactly(new BigDecimal("12.50"), new BigDecimal("7.00"),
                new BigDecimal("1.23"));
    }

    @Test
    void decimalsThatDoNotFitFailWithoutAddingTheRow() {
        AllTypes row = Rows.allSet(0);
        AllTypesSoA soa = AllTypesSoA.of(row);

        assertThatThrownBy(() -> soa.add(withPrice(row, new BigDecimal("12345678901.00"))))
                .isInstanceOf(TypeConversionException.class).hasMessageContaining("price")
                .hasMessageContaining("12345678901.00").hasMessageContaining("DECIMAL(12, 2)");
        assertThatThrownBy(() -> soa.add(withPrice(row, new BigDecimal("1.005"))))
                .isInstanceOf(TypeConversionException.class).hasMessageContaining("1.005");
        assertThat(soa).isEqualTo(AllTypesSoA.of(row));
    }

    private static AllTypes withPrice(AllTypes r, BigDecimal price) {
        return new AllTypes(r.flag(), r.maybeFlag(), r.tiny(), r.maybeTiny(), r.small(), r.maybeSmall(), r.letter(),
                r.maybeLetter(), r.count(), r.maybeCount(), r.big(), r.maybeBig(), r.ratio(), r.maybeRatio(),
                r.amount(), r.maybeAmount(), r.text(), r.status(), r.at(), r.day(), r.localAt(), r.time(), price,
                r.bigPrice(), r.id(), r.payload());
    }

    @Test
    void namingStrategyAndColumnOverrideDecideTheSchemaFieldNames() {
        assertThat(OrderSoA.SCHEMA.getFields()).extracting(f -> f.getName()).containsExactly("order_id",
                "customer_id", "product_id", "quantity", "unit_price", "total_amount", "status", "payment_method",
                "order_timestamp", "shipping_address_hash");
        assertThat(new OrderSoA().arrowFieldNames())
                .startsWith(OrderSoA.Columns.ORDER_ID, OrderSoA.Columns.CUSTOMER_ID);
        assertThat(OrderSoA.Columns.ADDRESS_HASH).isEqualTo("shipping_address_hash");
        assertThat(AllTypesSoA.SCHEMA.getFields()).extracting(f -> f.getName()).startsWith("flag", "maybeFlag");
        assertThat(AllTypesSoA.Columns.MAYBE_FLAG).isEqualTo("maybeFlag");
    }

    @Test
    void schemaNullabilityFollowsTheComponentType() {
        assertThat(OrderSoA.SCHEMA.findField("order_id").isNullable()).isFalse();
        assertThat(OrderSoA.SCHEMA.findField("status").isNullable()).isTrue();
        assertThat(AllTypesSoA.SCHEMA.findField("maybeCount").isNullable()).isTrue();
        assertThat(AllTypesSoA.SCHEMA.findField("letter").isNullable()).isFalse();
        assertThat(new OrderSoA().arrowSchema()).isSameAs(OrderSoA.SCHEMA);
    }
}
