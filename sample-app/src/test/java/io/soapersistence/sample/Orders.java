package io.soapersistence.sample;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Test orders as JSON. */
final class Orders {

    private Orders() {
    }

    static Map<String, Object> order(long orderId, long customerId, int quantity, double unitPrice, String status,
            String timestamp) {
        Map<String, Object> order = new LinkedHashMap<>();
        order.put("orderId", orderId);
        order.put("customerId", customerId);
        order.put("productId", 100 + orderId);
        order.put("quantity", quantity);
        order.put("unitPrice", unitPrice);
        order.put("totalAmount", Math.round(quantity * unitPrice * 100.0) / 100.0);
        order.put("status", status);
        order.put("paymentMethod", "CARD");
        order.put("orderTimestamp", timestamp);
        return order;
    }

    /**
     * Five orders: customers 7 and 8, statuses SHIPPED x2, PENDING, DELIVERED, CANCELLED, January 2025.
     * Totals: 1: 2 x 10.00 = 20.00, 2: 1 x 99.99, 3: 3 x 5.50 = 16.50, 4: 10 x 250.00 = 2500.00, 5: 1 x 0.99.
     */
    static List<Map<String, Object>> five() {
        List<Map<String, Object>> orders = new ArrayList<>();
        orders.add(order(1, 7, 2, 10.00, "SHIPPED", "2025-01-01T10:00:00Z"));
        orders.add(order(2, 7, 1, 99.99, "PENDING", "2025-01-02T10:00:00Z"));
        orders.add(order(3, 8, 3, 5.50, "SHIPPED", "2025-01-03T10:00:00.123456Z"));
        orders.add(order(4, 8, 10, 250.00, "DELIVERED", "2025-01-04T10:00:00Z"));
        orders.add(order(5, 7, 1, 0.99, "CANCELLED", "2025-01-05T10:00:00Z"));
        return orders;
    }

    static String json(Object value) {
        return Http.JSON.writeValueAsString(value);
    }
}
