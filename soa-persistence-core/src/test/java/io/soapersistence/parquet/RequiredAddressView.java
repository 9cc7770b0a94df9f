package io.soapersistence.parquet;

import java.util.List;

import io.soapersistence.fixtures.Order;
import io.soapersistence.fixtures.OrderSoA;
import io.soapersistence.fixtures.RandomRows;
import io.soapersistence.spi.ColumnSink;
import io.soapersistence.spi.ColumnSource;
import io.soapersistence.spi.DirectColumns;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * Orders whose schema declares {@code shipping_address_hash} required while their arrays may still hold a null
 * there: a null then fails while the column is encoded, not when the row is added, which lets tests fail an
 * append in the middle of encoding.
 */
public final class RequiredAddressView implements DirectColumns<RequiredAddressView> {

    static final String COLUMN = "shipping_address_hash";

    private final OrderSoA data;

    public RequiredAddressView() {
        this(new OrderSoA());
    }

    RequiredAddressView(OrderSoA data) {
        this.data = data;
    }

    OrderSoA data() {
        return this.data;
    }

    /** Orders with an address each, except {@code withoutAddress} (an id, or -1 for none). */
    static OrderSoA orders(long firstId, int rows, long withoutAddress) {
        RandomRows random = new RandomRows(firstId);
        OrderSoA soa = new OrderSoA();
        for (int i = 0; i < rows; i++) {
            long id = firstId + i;
            Order order = random.order(id);
            soa.add(new Order(order.orderId(), order.customerId(), order.productId(), order.quantity(),
                    order.unitPrice(), order.totalAmount(), order.status(), order.paymentMethod(),
                    order.orderTimestamp(), (id == withoutAddress) ? null : "address-" + id));
        }
        return soa;
    }

    @Override
    public int size() {
        return this.data.size();
    }

    @Override
    public Schema arrowSchema() {
        List<Field> fields = this.data.arrowSchema().getFields().stream()
            .map(field -> field.getName().equals(COLUMN) ? new Field(field.getName(),
                    new FieldType(false, field.getType(), field.getDictionary(), field.getMetadata()),
                    field.getChildren()) : field)
            .toList();
        return new Schema(fields);
    }

    @Override
    public VectorSchemaRoot toArrow(BufferAllocator allocator) {
        return this.data.toArrow(allocator);
    }

    @Override
    public RequiredAddressView fromArrow(VectorSchemaRoot root) {
        return new RequiredAddressView(this.data.fromArrow(root));
    }

    @Override
    public void exportColumns(ColumnSink sink) {
        this.data.exportColumns(sink);
    }

    @Override
    public RequiredAddressView importColumns(ColumnSource source) {
        return new RequiredAddressView(this.data.importColumns(source));
    }
}
