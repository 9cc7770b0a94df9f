package io.soapersistence.sample;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Checks posted orders field by field and converts them. The rules:
 * <ul>
 * <li>{@code orderId}, {@code customerId}, {@code productId}: required, greater than 0;</li>
 * <li>{@code quantity}: required, greater than 0;</li>
 * <li>{@code unitPrice}: required, finite, 0 or more;</li>
 * <li>{@code totalAmount}: required, finite, 0 or more, and equal to {@code quantity * unitPrice} within one
 * cent ({@link #TOTAL_TOLERANCE}), so that clients may round the total to cents;</li>
 * <li>{@code status}, {@code paymentMethod}: required, one of the enum constant names, case-sensitive;</li>
 * <li>{@code orderTimestamp}: required, an ISO-8601 instant with an offset or {@code Z}, between years 1 and
 * 9999; digits beyond microseconds are dropped, because Parquet stores microseconds.</li>
 * </ul>
 * Order ids are not checked for uniqueness: a Parquet dataset has no key.
 */
final class OrderValidator {

    /** How far {@code totalAmount} may be from {@code quantity * unitPrice}: one cent. */
    static final double TOTAL_TOLERANCE = 0.01;

    private static final Instant EARLIEST = Instant.parse("0001-01-01T00:00:00Z");

    private static final Instant LATEST = Instant.parse("9999-12-31T23:59:59.999999Z");

    private OrderValidator() {
    }

    /**
     * Validates every order and converts them all, or reports every problem and converts none.
     *
     * @param requests the posted orders
     * @return the orders, in request order
     * @throws InvalidOrdersException if the list is empty or any field of any order is invalid
     */
    static List<Order> validate(List<OrderRequest> requests) {
        if (requests == null || requests.isEmpty()) {
            throw new InvalidOrdersException("The request body must be a non-empty JSON array of orders.",
                    List.of());
        }
        List<InvalidOrdersException.Violation> violations = new ArrayList<>();
        List<Order> orders = new ArrayList<>(requests.size());
        for (int i = 0; i < requests.size(); i++) {
            Order order = validate(i, requests.get(i), violations);
            if (order != null) {
                orders.add(order);
            }
        }
        if (!violations.isEmpty()) {
            long invalidOrders = violations.stream().mapToInt(InvalidOrdersException.Violation::index).distinct()
                .count();
            throw new InvalidOrdersException(violations.size() + " invalid field(s) in " + invalidOrders + " of "
                    + requests.size() + " order(s); nothing was written.", violations);
        }
        return orders;
    }

    private static Order validate(int index, OrderRequest request, List<InvalidOrdersException.Violation> out) {
        if (request == null) {
            out.add(new InvalidOrdersException.Violation(index, null, "must be an order object, not null"));
            return null;
        }
        int before = out.size();
        positive(index, "orderId", request.orderId(), out);
        positive(index, "customerId", request.customerId(), out);
        positive(index, "productId", request.productId(), out);
        Integer quantity = request.quantity();
        if (quantity == null) {
            out.add(missing(index, "quantity"));
        }
        else if (quantity <= 0) {
            out.add(new InvalidOrdersException.Violation(index, "quantity", "must be greater than 0"));
        }
        boolean unitPriceValid = amount(index, "unitPrice", request.unitPrice(), out);
        boolean totalValid = amount(index, "totalAmount", request.totalAmount(), out);
        if (totalValid && unitPriceValid && quantity != null && quantity > 0) {
            double expected = quantity * request.unitPrice();
            if (Math.abs(request.totalAmount() - expected) > TOTAL_TOLERANCE) {
                out.add(new InvalidOrdersException.Violation(index, "totalAmount",
                        "must equal quantity * unitPrice (" + expected + ") within " + TOTAL_TOLERANCE));
            }
        }
        OrderStatus status = constant(index, "status", request.status(), OrderStatus.class, out);
        PaymentMethod payment = constant(index, "paymentMethod", request.paymentMethod(), PaymentMethod.class, out);
        Instant timestamp = timestamp(index, request.orderTimestamp(), out);
        if (out.size() > before) {
            return null;
        }
        return new Order(request.orderId(), request.customerId(), request.productId(), quantity,
                request.unitPrice(), request.totalAmount(), status, payment, timestamp);
    }

    private static InvalidOrdersException.Violation missing(int index, String field) {
        return new InvalidOrdersException.Violation(index, field, "is required");
    }

    private static void positive(int index, String field, Long value, List<InvalidOrdersException.Violation> out) {
        if (value == null) {
            out.add(missing(index, field));
        }
        else if (value <= 0) {
            out.add(new InvalidOrdersException.Violation(index, field, "must be greater than 0"));
        }
    }

    private static boolean amount(int index, String field, Double value, List<InvalidOrdersException.Violation> out) {
        if (value == null) {
            out.add(missing(index, field));
            return false;
        }
        if (!Double.isFinite(value) || value < 0) {
            out.add(new InvalidOrdersException.Violation(index, field, "must be a finite number, 0 or more"));
            return false;
        }
        return true;
    }

    private static <E extends Enum<E>> E constant(int index, String field, String value, Class<E> type,
            List<InvalidOrdersException.Violation> out) {
        if (value == null) {
            out.add(missing(index, field));
            return null;
        }
        for (E constant : type.getEnumConstants()) {
            if (constant.name().equals(value)) {
                return constant;
            }
        }
        out.add(new InvalidOrdersException.Violation(index, field,
                "must be one of " + Arrays.toString(type.getEnumConstants())));
        return null;
    }

    private static Instant timestamp(int index, String value, List<InvalidOrdersException.Violation> out) {
        if (value == null) {
            out.add(missing(index, "orderTimestamp"));
            return null;
        }
        Instant instant;
        try {
            instant = Instant.parse(value);
        }
        catch (DateTimeParseException ex) {
            out.add(new InvalidOrdersException.Violation(index, "orderTimestamp",
                    "must be an ISO-8601 instant such as 2025-01-31T10:15:30Z"));
            return null;
        }
        if (instant.isBefore(EARLIEST) || instant.isAfter(LATEST)) {
            out.add(new InvalidOrdersException.Violation(index, "orderTimestamp",
                    "must be between years 0001 and 9999"));
            return null;
        }
        return instant.truncatedTo(ChronoUnit.MICROS);
    }
}
