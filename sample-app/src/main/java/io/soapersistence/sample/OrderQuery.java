package io.soapersistence.sample;

import java.time.Instant;

/**
 * The filters of {@code GET /orders}; a {@code null} filter matches every order.
 *
 * @param status only orders with this status
 * @param minAmount only orders whose total is at least this
 * @param customerId only orders of this customer
 * @param from only orders placed at or after this instant
 * @param to only orders placed before this instant
 * @param limit the most orders returned
 */
record OrderQuery(OrderStatus status, Double minAmount, Long customerId, Instant from, Instant to, int limit) {

    /** The limit when none is given. */
    static final int DEFAULT_LIMIT = 100;

    /** The largest limit accepted. */
    static final int MAX_LIMIT = 10_000;
}
