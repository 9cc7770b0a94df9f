package io.soapersistence.parquet;

import java.util.List;
import java.util.Set;

import io.soapersistence.fixtures.Order;
import io.soapersistence.fixtures.OrderSoA;
import io.soapersistence.fixtures.RandomRows;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The null rows of reference-typed columns, as the column writers see them. */
class ExportedColumnsTest {

    private static OrderSoA ordersWithoutAddressAt(int rows, Set<Integer> withoutAddress) {
        RandomRows random = new RandomRows(1);
        OrderSoA soa = new OrderSoA();
        for (int i = 0; i < rows; i++) {
            Order order = random.order(i + 1);
            soa.add(new Order(order.orderId(), order.customerId(), order.productId(), order.quantity(),
                    order.unitPrice(), order.totalAmount(), order.status(), order.paymentMethod(),
                    order.orderTimestamp(), withoutAddress.contains(i) ? null : "address-" + i));
        }
        return soa;
    }

    private static ExportedColumns.Column addressColumn(OrderSoA soa) {
        List<String> names = soa.arrowSchema().getFields().stream().map(field -> field.getName()).toList();
        return ExportedColumns.of(soa).column(names.indexOf("shipping_address_hash"));
    }

    @Test
    void nullsAtWordEdgesAreFoundAndNoOtherRowIsNull() {
        Set<Integer> nullRows = Set.of(0, 62, 63, 64, 127, 128, 199);
        ExportedColumns.Column column = addressColumn(ordersWithoutAddressAt(200, nullRows));

        for (int row = 0; row < 200; row++) {
            assertThat(column.isNull(row)).as("row %d", row).isEqualTo(nullRows.contains(row));
        }
        assertThat(column.hasNulls(65, 127)).isFalse();
        assertThat(column.hasNulls(65, 128)).isTrue();
    }

    @Test
    void aColumnWithoutNullsReportsNone() {
        ExportedColumns.Column column = addressColumn(ordersWithoutAddressAt(130, Set.of()));

        assertThat(column.hasNulls(0, 130)).isFalse();
        assertThat(column.isNull(129)).isFalse();
    }
}
