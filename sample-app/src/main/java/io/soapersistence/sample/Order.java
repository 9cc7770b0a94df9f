package io.soapersistence.sample;

import java.time.Instant;

import io.soapersistence.SoA;

/**
 * One e-commerce order, the seed's domain. The annotation processor generates {@code OrderSoA}: one array per
 * component, Arrow conversion and aggregates such as {@code totalAmountSum()}. With {@code SNAKE_CASE} the
 * Parquet columns are {@code order_id, customer_id, ..., order_timestamp}, as data scientists expect; the JSON
 * of the REST API keeps the Java names.
 *
 * @param orderId the order number, positive
 * @param customerId the customer, positive
 * @param productId the product, positive
 * @param quantity the number of items, positive
 * @param unitPrice the price of one item, finite and not negative
 * @param totalAmount {@code quantity * unitPrice}, to the cent
 * @param status the order status
 * @param paymentMethod the payment method
 * @param orderTimestamp when the order was placed; stored with microsecond precision
 */
@SoA(naming = SoA.Naming.SNAKE_CASE)
public record Order(long orderId, long customerId, long productId, int quantity, double unitPrice,
        double totalAmount, OrderStatus status, PaymentMethod paymentMethod, Instant orderTimestamp) {
}
