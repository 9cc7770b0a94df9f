package io.soapersistence.sample;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class OrderValidatorTest {

    private static OrderRequest valid() {
        return new OrderRequest(1L, 2L, 3L, 3, 19.99, 59.97, "SHIPPED", "PAYPAL", "2025-01-31T10:15:30.123456789Z");
    }

    @Test
    void convertsValidOrders() {
        List<Order> orders = OrderValidator.validate(List.of(valid()));
        assertThat(orders).containsExactly(new Order(1, 2, 3, 3, 19.99, 59.97, OrderStatus.SHIPPED,
                PaymentMethod.PAYPAL, Instant.parse("2025-01-31T10:15:30.123456Z")));
    }

    @Test
    void acceptsTotalsWithinOneCent() {
        OrderRequest rounded = new OrderRequest(1L, 2L, 3L, 3, 0.333, 1.00, "PENDING", "CASH_ON_DELIVERY",
                "2025-01-31T10:15:30Z");
        assertThat(OrderValidator.validate(List.of(rounded))).hasSize(1);
        OrderRequest free = new OrderRequest(1L, 2L, 3L, 1, 0.0, 0.0, "PENDING", "CARD", "2025-01-31T10:15:30Z");
        assertThat(OrderValidator.validate(List.of(free))).hasSize(1);
    }

    @Test
    void reportsEveryViolationWithItsIndex() {
        List<OrderRequest> requests = new ArrayList<>();
        requests.add(valid());
        requests.add(new OrderRequest(null, -1L, 0L, null, Double.NaN, Double.POSITIVE_INFINITY, null, "BITCOIN",
                "31/01/2025"));
        requests.add(null);
        requests.add(new OrderRequest(1L, 2L, 3L, 2, 10.0, 20.02, "PENDING", "CARD", "+10000-01-01T00:00:00Z"));
        assertThatExceptionOfType(InvalidOrdersException.class).isThrownBy(() -> OrderValidator.validate(requests))
            .satisfies(ex -> assertThat(ex.violations()).extracting(v -> v.index() + ":" + v.field())
                .containsExactly("1:orderId", "1:customerId", "1:productId", "1:quantity", "1:unitPrice",
                        "1:totalAmount", "1:status", "1:paymentMethod", "1:orderTimestamp", "2:null",
                        "3:totalAmount", "3:orderTimestamp"))
            .withMessageContaining("12 invalid field(s) in 3 of 4 order(s)");
    }

    @Test
    void rejectsAnEmptyList() {
        assertThatExceptionOfType(InvalidOrdersException.class).isThrownBy(() -> OrderValidator.validate(List.of()));
    }
}
