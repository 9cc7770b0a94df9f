package io.soapersistence.processor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.IntStream;

import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.TimeMicroVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.Field;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.soapersistence.ColumnNotFoundException;
import io.soapersistence.SchemaMismatchException;
import io.soapersistence.TypeConversionException;
import io.soapersistence.fixtures.AllTypesSoA;
import io.soapersistence.fixtures.OrderSoA;
import io.soapersistence.fixtures.OrderStatus;

class GeneratedSoAArrowTest {

    private BufferAllocator allocator;

    @BeforeEach
    void openAllocator() {
        this.allocator = new RootAllocator();
    }

    @AfterEach
    void everyBufferIsReleased() {
        assertThat(this.allocator.getAllocatedMemory()).isZero();
        this.allocator.close();
    }

    @Test
    void everyTypeRoundTripsIncludingNulls() {
        AllTypesSoA soa = new AllTypesSoA();
        IntStream.range(0, 50).forEach(i -> soa.add(i % 3 == 0 ? Rows.allNull(i) : Rows.allSet(i)));

        try (VectorSchemaRoot root = soa.toArrow(this.allocator)) {
            assertThat(root.getRowCount()).isEqualTo(50);
            assertThat(root.getSchema()).isEqualTo(AllTypesSoA.SCHEMA);
            assertThat(root.getVector("maybeCount").isNull(0)).isTrue();
            assertThat(root.getVector("maybeCount").isNull(1)).isFalse();
            assertThat(new AllTypesSoA().fromArrow(root)).isEqualTo(soa);
        }
    }

    @Test
    void emptyInstancesRoundTrip() {
        try (VectorSchemaRoot root = new AllTypesSoA().toArrow(this.allocator)) {
            assertThat(root.getRowCount()).isZero();
            assertThat(new AllTypesSoA().fromArrow(root)).isEqualTo(new AllTypesSoA()).isEmpty();
        }
    }

    @Test
    void ordersRoundTripWithSnakeCaseColumns() {
        OrderSoA orders = OrderSoA.of(Rows.order(1, 10, OrderStatus.PENDING), Rows.order(2, 20, null));

        try (VectorSchemaRoot root = orders.toArrow(this.allocator)) {
            assertThat(((BigIntVector) root.getVector("order_id")).get(1)).isEqualTo(2);
            assertThat(new String(((VarCharVector) root.getVector("status")).get(0), StandardCharsets.UTF_8))
                    .isEqualTo("PENDING");
            assertThat(new OrderSoA().fromArrow(root)).isEqualTo(orders);
        }
    }

    @Test
    void columnsAreFoundByNameWhateverTheirOrderAndExtraColumnsAreIgnored() {
        OrderSoA orders = OrderSoA.of(Rows.order(1, 10, OrderStatus.PENDING), Rows.order(2, 20, OrderStatus.SHIPPED));
        try (VectorSchemaRoot root = orders.toArrow(this.allocator);
                IntVector extra = new IntVector("unrelated", this.allocator)) {
            extra.allocateNew(2);
            extra.setValueCount(2);
            List<FieldVector> vectors = new ArrayList<>(root.getFieldVectors());
            Collections.reverse(vectors);
            vectors.add(1, extra);
            VectorSchemaRoot reordered = new VectorSchemaRoot(vectors.stream().map(FieldVector::getField).toList(),
                    vectors, 2);

            assertThat(reordered.getSchema().getFields().get(0).getName()).isEqualTo("shipping_address_hash");
            assertThat(new OrderSoA().fromArrow(reordered)).isEqualTo(orders);
        }
    }

    @Test
    void aMissingColumnIsReportedByName() {
        try (VectorSchemaRoot root = OrderSoA.of(Rows.order(1, 10, OrderStatus.PENDING)).toArrow(this.allocator)) {
            List<FieldVector> vectors = new ArrayList<>(root.getFieldVectors());
            vectors.removeIf(vector -> vector.getName().equals("total_amount"));
            VectorSchemaRoot partial = new VectorSchemaRoot(vectors.stream().map(FieldVector::getField).toList(),
                    vectors, 1);

            assertThatThrownBy(() -> new OrderSoA().fromArrow(partial)).isInstanceOf(ColumnNotFoundException.class)
                    .satisfies(e -> assertThat(((ColumnNotFoundException) e).column()).isEqualTo("total_amount"));
        }
    }

    @Test
    void aColumnOfAnotherTypeIsASchemaMismatch() {
        try (VectorSchemaRoot root = OrderSoA.of(Rows.order(1, 10, OrderStatus.PENDING)).toArrow(this.allocator);
                IntVector narrow = new IntVector("order_id", this.allocator)) {
            narrow.allocateNew(1);
            narrow.set(0, 1);
            narrow.setValueCount(1);
            List<FieldVector> vectors = new ArrayList<>(root.getFieldVectors());
            vectors.set(0, narrow);
            VectorSchemaRoot mistyped = new VectorSchemaRoot(vectors.stream().map(FieldVector::getField).toList(),
                    vectors, 1);

            assertThatThrownBy(() -> new OrderSoA().fromArrow(mistyped)).isInstanceOf(SchemaMismatchException.class)
                    .satisfies(e -> {
                        SchemaMismatchException mismatch = (SchemaMismatchException) e;
                        assertThat(mismatch.column()).isEqualTo("order_id");
                        assertThat(mismatch.expected()).isEqualTo("Int(64, true)");
                        assertThat(mismatch.found()).isEqualTo("Int(32, true)");
                    });
        }
    }

    @Test
    void aNullInAPrimitiveColumnIsATypeConversionError() {
        OrderSoA orders = OrderSoA.of(Rows.order(1, 10, OrderStatus.PENDING), Rows.order(2, 20, OrderStatus.PENDING));
        try (VectorSchemaRoot root = orders.toArrow(this.allocator)) {
            ((BigIntVector) root.getVector("customer_id")).setNull(1);

            assertThatThrownBy(() -> new OrderSoA().fromArrow(root)).isInstanceOf(TypeConversionException.class)
                    .hasMessageContaining("customer_id").hasMessageContaining("row 1")
                    .satisfies(e -> assertThat(((TypeConversionException) e).column()).isEqualTo("customer_id"));
        }
    }

    @Test
    void anUnknownEnumConstantIsATypeConversionError() {
        try (VectorSchemaRoot root = OrderSoA.of(Rows.order(1, 10, OrderStatus.PENDING)).toArrow(this.allocator)) {
            VarCharVector status = (VarCharVector) root.getVector("status");
            status.setSafe(0, "LOST".getBytes(StandardCharsets.UTF_8));
            status.setValueCount(1);

            assertThatThrownBy(() -> new OrderSoA().fromArrow(root)).isInstanceOf(TypeConversionException.class)
                    .hasMessageContaining("status").hasMessageContaining("LOST")
                    .hasMessageContaining(OrderStatus.class.getCanonicalName());
        }
    }

    @Test
    void aTimeOfDayOutsideOneDayIsATypeConversionError() {
        try (VectorSchemaRoot root = AllTypesSoA.of(Rows.allSet(1)).toArrow(this.allocator)) {
            ((TimeMicroVector) root.getVector("time")).set(0, 86_400_000_000L);

            assertThatThrownBy(() -> new AllTypesSoA().fromArrow(root)).isInstanceOf(TypeConversionException.class)
                    .hasMessageContaining("time");
        }
    }

    @Test
    void schemaFieldsCarryTheExpectedArrowTypes() {
        assertThat(AllTypesSoA.SCHEMA.getFields()).extracting(Field::getName, f -> f.getType().toString())
                .contains(org.assertj.core.groups.Tuple.tuple("letter", "Int(16, false)"),
                        org.assertj.core.groups.Tuple.tuple("at", "Timestamp(MICROSECOND, UTC)"),
                        org.assertj.core.groups.Tuple.tuple("localAt", "Timestamp(MICROSECOND, null)"),
                        org.assertj.core.groups.Tuple.tuple("day", "Date(DAY)"),
                        org.assertj.core.groups.Tuple.tuple("time", "Time(MICROSECOND, 64)"),
                        org.assertj.core.groups.Tuple.tuple("price", "Decimal(12, 2, 128)"),
                        org.assertj.core.groups.Tuple.tuple("id", "FixedSizeBinary(16)"),
                        org.assertj.core.groups.Tuple.tuple("payload", "Binary"),
                        org.assertj.core.groups.Tuple.tuple("status", "Utf8"));
    }
}
