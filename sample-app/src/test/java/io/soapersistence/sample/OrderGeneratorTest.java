package io.soapersistence.sample;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class OrderGeneratorTest {

    private static final Instant NOW = Instant.parse("2025-06-01T00:00:00Z");

    @Test
    void generatesValidRealisticOrders() {
        OrderSoA orders = OrderGenerator.generate(1, 20_000, 42, NOW);
        assertThat(orders.size()).isEqualTo(20_000);
        assertThat(orders.orderIdMin().getAsLong()).isEqualTo(1);
        assertThat(orders.orderIdMax().getAsLong()).isEqualTo(20_000);
        assertThat(orders.customerIdMin().getAsLong()).isGreaterThanOrEqualTo(1);
        assertThat(orders.customerIdMax().getAsLong()).isLessThanOrEqualTo(OrderGenerator.CUSTOMERS);
        assertThat(orders.stream().mapToLong(Order::customerId).distinct().count()).isEqualTo(OrderGenerator.CUSTOMERS);
        for (OrderStatus status : OrderStatus.values()) {
            assertThat(orders.filterIndexes(i -> orders.status(i) == status).size()).isPositive();
        }
        assertThat(orders.unitPriceMin().getAsDouble()).isGreaterThanOrEqualTo(2.0);
        assertThat(orders.unitPriceMax().getAsDouble()).isLessThanOrEqualTo(500.0);
        assertThat(orders.stream()).allSatisfy(order -> {
            assertThat(order.orderTimestamp()).isBetween(NOW.minus(OrderGenerator.WINDOW), NOW);
            assertThat(Math.abs(order.totalAmount() - order.quantity() * order.unitPrice()))
                .isLessThanOrEqualTo(OrderValidator.TOTAL_TOLERANCE);
        });
        // Every generated order passes the validation of POST /orders.
        List<OrderRequest> requests = orders.stream()
            .map(o -> new OrderRequest(o.orderId(), o.customerId(), o.productId(), o.quantity(), o.unitPrice(),
                    o.totalAmount(), o.status().name(), o.paymentMethod().name(), o.orderTimestamp().toString()))
            .toList();
        assertThat(OrderValidator.validate(requests)).containsExactlyElementsOf(orders);
    }

    @Test
    void isReproducibleWithASeed() {
        assertThat(OrderGenerator.generate(1, 100, 7, NOW)).isEqualTo(OrderGenerator.generate(1, 100, 7, NOW));
    }
}
