package io.soapersistence.sample;

import java.math.BigDecimal;
import java.util.Map;

/**
 * The response of {@code GET /orders/summary}. Amounts are rounded to cents, as decimals
 * so that JSON shows {@code 15740733.33}, not {@code 1.574073333E7}.
 *
 * @param count the number of orders
 * @param totalAmount the sum of all totals
 * @param byStatus count and total per status, every status present
 */
record OrderSummary(long count, BigDecimal totalAmount, Map<OrderStatus, StatusTotals> byStatus) {

    /**
     * The orders of one status.
     *
     * @param count the number of orders
     * @param totalAmount the sum of their totals
     */
    record StatusTotals(long count, BigDecimal totalAmount) {
    }
}
