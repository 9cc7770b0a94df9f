package io.soapersistence.sample;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.SplittableRandom;

/**
 * Synthetic orders with realistic shapes: 1,000 customers, 500 products, mostly small quantities, prices
 * between 2 and 500 skewed towards cheap products and rounded to cents, most orders delivered, card the most
 * common payment, timestamps spread over the 90 days before {@code now}.
 */
final class OrderGenerator {

    static final int CUSTOMERS = 1_000;

    static final int PRODUCTS = 500;

    static final Duration WINDOW = Duration.ofDays(90);

    /** Cumulative weights of PENDING, CONFIRMED, SHIPPED, DELIVERED, CANCELLED: 10/15/15/50/10 %. */
    private static final int[] STATUS_WEIGHTS = { 10, 25, 40, 90, 100 };

    /** Cumulative weights of CARD, PAYPAL, BANK_TRANSFER, CASH_ON_DELIVERY: 55/25/12/8 %. */
    private static final int[] PAYMENT_WEIGHTS = { 55, 80, 92, 100 };

    /** Cumulative weights of quantities 1 to 5: 60/20/10/6/4 %. */
    private static final int[] QUANTITY_WEIGHTS = { 60, 80, 90, 96, 100 };

    private static final OrderStatus[] STATUSES = OrderStatus.values();

    private static final PaymentMethod[] PAYMENTS = PaymentMethod.values();

    private OrderGenerator() {
    }

    /**
     * Generates {@code count} orders numbered from {@code firstOrderId}.
     *
     * @param firstOrderId the id of the first order
     * @param count how many orders
     * @param seed the random seed; equal seeds and arguments give equal orders
     * @param now the end of the time window
     * @return the orders
     */
    static OrderSoA generate(long firstOrderId, int count, long seed, Instant now) {
        SplittableRandom random = new SplittableRandom(seed);
        long windowMicros = WINDOW.toNanos() / 1_000;
        Instant end = now.truncatedTo(ChronoUnit.MICROS);
        OrderSoA orders = new OrderSoA(count);
        for (int i = 0; i < count; i++) {
            long productId = 1 + random.nextInt(PRODUCTS);
            int quantity = 1 + pick(QUANTITY_WEIGHTS, random);
            // Log-uniform between 2 and 500, in cents.
            double unitPrice = Math.round(2.0 * Math.pow(250.0, random.nextDouble()) * 100.0) / 100.0;
            double totalAmount = Math.round(quantity * unitPrice * 100.0) / 100.0;
            Instant timestamp = end.minus(random.nextLong(windowMicros), ChronoUnit.MICROS);
            orders.add(new Order(firstOrderId + i, 1 + random.nextInt(CUSTOMERS), productId, quantity, unitPrice,
                    totalAmount, STATUSES[pick(STATUS_WEIGHTS, random)], PAYMENTS[pick(PAYMENT_WEIGHTS, random)],
                    timestamp));
        }
        return orders;
    }

    private static int pick(int[] cumulativeWeights, SplittableRandom random) {
        int roll = random.nextInt(cumulativeWeights[cumulativeWeights.length - 1]);
        int i = 0;
        while (roll >= cumulativeWeights[i]) {
            i++;
        }
        return i;
    }
}
