package io.soapersistence.parquet;

import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

import io.soapersistence.fixtures.AllTypes;
import io.soapersistence.fixtures.Order;
import io.soapersistence.fixtures.OrderStatus;
import io.soapersistence.fixtures.PaymentMethod;
import org.assertj.core.api.recursive.comparison.RecursiveComparisonConfiguration;

/**
 * Data shared by the interoperability tests: edge values every independent reader must see exactly as saved,
 * and conversions from what readers return (epoch micros, epoch days, micros of day, UUID bytes) back to Java.
 */
final class InteropSamples {

    /** The codecs of the contract, as a JUnit method source. */
    static Stream<Compression> codecs() {
        return Stream.of(Compression.snappy(), Compression.gzip(), Compression.zstd(), Compression.lz4(),
                Compression.brotli(), Compression.uncompressed());
    }

    /** Order's columns as the data scientist sees them: snake case, in declaration order. */
    static final List<String> ORDER_COLUMNS = List.of("order_id", "customer_id", "product_id", "quantity",
            "unit_price", "total_amount", "status", "payment_method", "order_timestamp", "shipping_address_hash");

    private InteropSamples() {
    }

    /** Orders with extreme longs and ints, NaN, infinities, -0.0, nulls, empty and non-BMP strings, old instants. */
    static List<Order> edgeOrders() {
        return List.of(
                new Order(Long.MAX_VALUE, Long.MIN_VALUE, 0L, Integer.MAX_VALUE, Double.NaN, Double.POSITIVE_INFINITY,
                        OrderStatus.SHIPPED, PaymentMethod.CARD, Instant.parse("2024-02-29T23:59:59.999999Z"),
                        "😀𝄞"),
                new Order(Long.MIN_VALUE, -1L, Long.MIN_VALUE, Integer.MIN_VALUE, -0.0, Double.NEGATIVE_INFINITY,
                        null, null, null, null),
                new Order(0L, 42L, Long.MAX_VALUE, 0, Double.MIN_VALUE, Double.MAX_VALUE, OrderStatus.CANCELLED,
                        PaymentMethod.BANK_TRANSFER, Instant.parse("1969-12-31T23:59:59.999999Z"), ""),
                new Order(1L, 7L, 3L, -5, 0.1, -Double.MAX_VALUE, OrderStatus.PENDING,
                        PaymentMethod.CASH_ON_DELIVERY, Instant.parse("0001-01-01T00:00:00Z"), "Grüße, 世界"),
                new Order(2L, 8L, 4L, 1, 12.34, 0.0, OrderStatus.DELIVERED, PaymentMethod.PAYPAL,
                        Instant.parse("1900-06-15T12:34:56.000001Z"), "a3f9c2"));
    }

    /**
     * {@code count} ordinary orders with ids from {@code firstId}: repeating statuses, customers and hashes so that
     * dictionaries are used, every 17th row with nulls.
     */
    static List<Order> bulkOrders(long firstId, int count) {
        OrderStatus[] statuses = OrderStatus.values();
        PaymentMethod[] methods = PaymentMethod.values();
        Instant base = Instant.parse("2023-11-01T00:00:00Z");
        List<Order> orders = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            long id = firstId + i;
            boolean nulls = id % 17 == 0;
            double unitPrice = (id % 997) * 0.25;
            int quantity = (int) (id % 9) + 1;
            orders.add(new Order(id, id % 1000, id % 313, quantity, unitPrice, unitPrice * quantity,
                    nulls ? null : statuses[(int) (id % statuses.length)],
                    nulls ? null : methods[(int) (id % methods.length)],
                    nulls ? null : base.plus(id * 1_000_003L, ChronoUnit.MICROS),
                    nulls ? null : "hash-" + (id % 50)));
        }
        return orders;
    }

    static List<Order> sortedById(List<Order> orders) {
        return orders.stream().sorted(Comparator.comparingLong(Order::orderId)).toList();
    }

    /** Every supported type at its edges; the {@code count} column is unique per row, for ORDER BY. */
    static List<AllTypes> allTypes() {
        return List.of(
                new AllTypes(true, true, Byte.MAX_VALUE, Byte.MAX_VALUE, Short.MAX_VALUE, Short.MAX_VALUE, '\uFFFF',
                        'é', Integer.MAX_VALUE, Integer.MAX_VALUE, Long.MAX_VALUE, Long.MAX_VALUE, Float.MAX_VALUE,
                        Float.POSITIVE_INFINITY, Double.MAX_VALUE, Double.POSITIVE_INFINITY, "😀𝄞",
                        OrderStatus.DELIVERED, Instant.parse("2999-12-31T23:59:59.999999Z"), LocalDate.of(9999, 12, 31),
                        LocalDateTime.parse("9999-12-31T23:59:59.999999"), LocalTime.parse("23:59:59.999999"),
                        new BigDecimal("9999999999.99"), new BigDecimal("999999999999999999999999.999999"),
                        UUID.fromString("ffffffff-ffff-ffff-ffff-ffffffffffff"),
                        new byte[] { 0, (byte) 0xFF, 0x7F, (byte) 0x80 }),
                new AllTypes(false, null, Byte.MIN_VALUE, null, Short.MIN_VALUE, null, '\u0000', null,
                        Integer.MIN_VALUE, null, Long.MIN_VALUE, null, -Float.MAX_VALUE, null, -0.0, null, null, null,
                        null, null, null, null, null, null, null, null),
                new AllTypes(true, false, (byte) -1, (byte) 0, (short) -1, (short) 0, 'A', '\uD83D', -1, 0, -1L, 0L,
                        Float.NaN, -0.0f, Double.NaN, Double.NEGATIVE_INFINITY, "", OrderStatus.PENDING,
                        Instant.parse("1969-12-31T23:59:59.999999Z"), LocalDate.of(1969, 12, 31),
                        LocalDateTime.parse("1900-01-01T00:00:00.000001"), LocalTime.MIDNIGHT,
                        new BigDecimal("-9999999999.99"), new BigDecimal("-999999999999999999999999.999999"),
                        UUID.fromString("00000000-0000-0000-0000-000000000000"), new byte[0]),
                new AllTypes(false, true, (byte) 42, (byte) -128, (short) 1234, (short) -32768, 'z', '\u00FF', 42,
                        Integer.MIN_VALUE, 1_700_000_000_000_000L, Long.MIN_VALUE, Float.MIN_VALUE,
                        Float.NEGATIVE_INFINITY, 0.1, -0.0, "Grüße, 世界", OrderStatus.CANCELLED,
                        Instant.parse("0001-01-01T00:00:00Z"), LocalDate.of(1, 1, 1),
                        LocalDateTime.parse("0001-01-01T00:00:00"), LocalTime.parse("12:00:00.000001"),
                        new BigDecimal("-0.01"), new BigDecimal("0.000001"),
                        UUID.fromString("123e4567-e89b-12d3-a456-426614174000"), "payload".getBytes()));
    }

    static List<AllTypes> sortedByCount(List<AllTypes> rows) {
        return rows.stream().sorted(Comparator.comparingInt(AllTypes::count)).toList();
    }

    /**
     * Field by field, arrays by content, floats and doubles by {@code compare}: NaN equals NaN, -0.0 differs from
     * 0.0, and no tolerance (AssertJ's default compares doubles within 1e-15 and fails on NaN).
     */
    static RecursiveComparisonConfiguration exactly() {
        return RecursiveComparisonConfiguration.builder()
            .withComparatorForType(Double::compare, Double.class)
            .withComparatorForType(Float::compare, Float.class)
            .withStrictTypeChecking(true)
            .build();
    }

    static Instant instantOfMicros(long micros) {
        return Instant.EPOCH.plus(micros, ChronoUnit.MICROS);
    }

    static LocalDateTime localDateTimeOfMicros(long micros) {
        return LocalDateTime.ofEpochSecond(Math.floorDiv(micros, 1_000_000L),
                (int) Math.floorMod(micros, 1_000_000L) * 1_000, ZoneOffset.UTC);
    }

    static LocalTime localTimeOfMicros(long micros) {
        return LocalTime.ofNanoOfDay(micros * 1_000L);
    }

    static UUID uuidOf(byte[] bytes) {
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        return new UUID(buffer.getLong(), buffer.getLong());
    }
}
