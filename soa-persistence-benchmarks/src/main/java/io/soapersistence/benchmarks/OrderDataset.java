package io.soapersistence.benchmarks;

import java.time.Instant;
import java.util.SplittableRandom;

/**
 * The benchmark dataset: the same orders as an {@link OrderRowSoA} for soa-persistence and as {@link OrderArrays}
 * for the peers. Deterministic: one seed, one dataset, on every machine and JDK.
 *
 * @param soa the rows as the generated structure of arrays
 * @param arrays the same values as plain arrays
 */
public record OrderDataset(OrderRowSoA soa, OrderArrays arrays) {

    /** The seed of every benchmark. */
    public static final long DEFAULT_SEED = 20_240_101L;

    /** 2024-01-01T00:00:00Z in microseconds. */
    private static final long START_MICROS = 1_704_067_200_000_000L;

    private static final int CUSTOMERS = 1_000;

    private static final String[] COUPONS = new String[200];

    static {
        for (int i = 0; i < COUPONS.length; i++) {
            COUPONS[i] = "PROMO-" + (1000 + i * 37);
        }
    }

    /**
     * Generates {@code rows} orders with ids 1 to {@code rows}.
     *
     * @param rows the number of rows
     * @param seed the random seed
     * @return the dataset
     */
    public static OrderDataset generate(int rows, long seed) {
        return generate(rows, seed, 1);
    }

    /**
     * Generates {@code rows} orders with ids from {@code firstOrderId} on, for data appended to a dataset.
     *
     * @param rows the number of rows
     * @param seed the random seed
     * @param firstOrderId the first order id; timestamps continue from it too
     * @return the dataset
     */
    public static OrderDataset generate(int rows, long seed, long firstOrderId) {
        SplittableRandom random = new SplittableRandom(seed);
        OrderArrays arrays = new OrderArrays(rows);
        for (int i = 0; i < rows; i++) {
            long orderId = firstOrderId + i;
            int quantity = 1 + random.nextInt(10);
            long unitPriceCents = 99 + random.nextInt(50_000);
            // One order every ~15 s, at an arbitrary microsecond within its second.
            long createdAt = START_MICROS + (orderId - 1) * 15_000_000L + random.nextLong(1_000_000L);
            int draw = random.nextInt(100);
            OrderStatus status = draw < 50 ? OrderStatus.DELIVERED : draw < 70 ? OrderStatus.SHIPPED
                    : draw < 85 ? OrderStatus.CONFIRMED : draw < 95 ? OrderStatus.PENDING : OrderStatus.CANCELLED;
            Double discount = random.nextInt(10) < 7 ? (5 * (1 + random.nextInt(6))) / 100.0 : null;
            String coupon = random.nextInt(10) < 3 ? COUPONS[random.nextInt(COUPONS.length)] : null;
            arrays.add(orderId, 1 + random.nextInt(CUSTOMERS), quantity * unitPriceCents / 100.0, quantity, createdAt,
                    status, discount, coupon);
        }
        return new OrderDataset(toSoA(arrays), arrays);
    }

    /**
     * Builds the SoA from arrays, through the records a user would add.
     *
     * @param arrays the rows
     * @return a new SoA holding the same values
     */
    public static OrderRowSoA toSoA(OrderArrays arrays) {
        OrderRowSoA soa = new OrderRowSoA(arrays.size);
        for (int i = 0; i < arrays.size; i++) {
            soa.add(new OrderRow(arrays.orderId[i], arrays.customerId[i], arrays.totalAmount[i], arrays.quantity[i],
                    instant(arrays.createdAtMicros[i]), arrays.status[i], arrays.discountOrNull(i),
                    arrays.couponCode[i]));
        }
        return soa;
    }

    /**
     * Copies a SoA into arrays, for comparing values (never timed).
     *
     * @param soa the rows
     * @return new arrays holding the same values
     */
    public static OrderArrays toArrays(OrderRowSoA soa) {
        OrderArrays arrays = new OrderArrays(soa.size());
        for (int i = 0; i < soa.size(); i++) {
            arrays.add(soa.orderId(i), soa.customerId(i), soa.totalAmount(i), soa.quantity(i),
                    micros(soa.createdAt(i)), soa.status(i), soa.discount(i), soa.couponCode(i));
        }
        return arrays;
    }

    /**
     * Microseconds since the epoch as an instant.
     *
     * @param micros microseconds
     * @return the instant
     */
    public static Instant instant(long micros) {
        return Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1_000L);
    }

    /**
     * An instant in microseconds since the epoch, truncating below a microsecond.
     *
     * @param instant the instant
     * @return microseconds
     */
    public static long micros(Instant instant) {
        return Math.addExact(Math.multiplyExact(instant.getEpochSecond(), 1_000_000L), instant.getNano() / 1_000L);
    }
}
