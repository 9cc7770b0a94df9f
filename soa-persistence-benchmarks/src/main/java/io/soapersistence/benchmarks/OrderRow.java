package io.soapersistence.benchmarks;

import java.time.Instant;

import io.soapersistence.SoA;

/**
 * One order of the benchmark dataset; the annotation processor generates {@code OrderRowSoA} from it, with
 * columns order_id, customer_id, total_amount, quantity, created_at, status, discount, coupon_code.
 *
 * @param orderId sequential, from 1
 * @param customerId one of 1,000 customers
 * @param totalAmount quantity times a unit price, in whole cents
 * @param quantity 1 to 10
 * @param createdAt increasing, with microsecond precision
 * @param status one of five
 * @param discount a rate from 0.05 to 0.30, or {@code null} for about 30% of the rows
 * @param couponCode one of 200 codes, or {@code null} for about 70% of the rows
 */
@SoA(naming = SoA.Naming.SNAKE_CASE)
public record OrderRow(long orderId, long customerId, double totalAmount, int quantity, Instant createdAt,
        OrderStatus status, Double discount, String couponCode) {
}
