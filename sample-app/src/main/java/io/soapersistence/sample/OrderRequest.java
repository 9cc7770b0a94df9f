package io.soapersistence.sample;

/**
 * One order as posted to {@code POST /orders}. Every field is a wrapper or a string so that a missing field, an
 * unknown enum constant or a malformed timestamp is reported by {@link OrderValidator} with its index and
 * name, together with every other problem of the request, instead of failing JSON parsing at the first one.
 *
 * @param orderId the order number
 * @param customerId the customer
 * @param productId the product
 * @param quantity the number of items
 * @param unitPrice the price of one item
 * @param totalAmount the order total
 * @param status an {@link OrderStatus} name
 * @param paymentMethod a {@link PaymentMethod} name
 * @param orderTimestamp an ISO-8601 instant such as {@code 2025-01-31T10:15:30Z}
 */
public record OrderRequest(Long orderId, Long customerId, Long productId, Integer quantity, Double unitPrice,
        Double totalAmount, String status, String paymentMethod, String orderTimestamp) {
}
