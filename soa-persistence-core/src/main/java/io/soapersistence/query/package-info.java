/**
 * Typed row filters over the columns of a stored SoA type.
 * <p>
 * Generated SoA types carry one typed column handle per component, such as {@code OrderSoA.ORDER_ID} (a
 * {@link io.soapersistence.query.LongColumn}) or {@code OrderSoA.STATUS} (an
 * {@link io.soapersistence.query.EnumColumn}); their methods build {@link io.soapersistence.query.Filter}s that
 * combine with {@code and}, {@code or} and {@code not}:
 * <pre>{@code
 * Filter recentShipped = OrderSoA.STATUS.eq(OrderStatus.SHIPPED)
 *         .and(OrderSoA.ORDER_TIMESTAMP.ge(Instant.parse("2024-01-01T00:00:00Z")))
 *         .and(OrderSoA.ORDER_ID.between(1_000, 2_000).negate());
 * OrderSoA rows = orders.select(recentShipped).join();
 * }</pre>
 * Semantics, the same wherever a filter is evaluated:
 * <ul>
 * <li>comparisons, ranges and {@code in} never match a null value; {@code not} matches exactly the rows its
 *     operand does not match, nulls included;</li>
 * <li>floating point values compare as Java's {@code ==} and {@code <} do: NaN matches no comparison but
 *     {@code ne}, and {@code -0.0} equals {@code 0.0};</li>
 * <li>strings compare by Unicode code point, which is the order of their UTF-8 bytes in Parquet statistics;</li>
 * <li>decimals compare by numeric value; temporal values compare exactly against the stored microseconds;
 *     byte arrays by content.</li>
 * </ul>
 */
package io.soapersistence.query;
