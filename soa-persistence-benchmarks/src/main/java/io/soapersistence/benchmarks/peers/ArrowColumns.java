package io.soapersistence.benchmarks.peers;

import java.nio.charset.StandardCharsets;
import java.util.List;

import io.soapersistence.benchmarks.OrderArrays;
import io.soapersistence.benchmarks.OrderStatus;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.TimeStampMicroTZVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.ipc.ArrowReader;
import org.apache.arrow.vector.types.FloatingPointPrecision;
import org.apache.arrow.vector.types.TimeUnit;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * Moves the dataset between {@link OrderArrays} and Java Arrow batches, for the engines that speak Arrow (DuckDB,
 * Arrow C++). Fixed-width columns are copied straight from the data buffers; every value is checked afterwards by
 * the comparison, so a layout mistake cannot go unnoticed.
 */
final class ArrowColumns {

    /** The dataset as Arrow: the same names, types and nullability as soa-persistence's schema. */
    static final Schema SCHEMA = new Schema(List.of(
            new Field("order_id", FieldType.notNullable(new ArrowType.Int(64, true)), null),
            new Field("customer_id", FieldType.notNullable(new ArrowType.Int(64, true)), null),
            new Field("total_amount", FieldType.notNullable(new ArrowType.FloatingPoint(FloatingPointPrecision.DOUBLE)),
                    null),
            new Field("quantity", FieldType.notNullable(new ArrowType.Int(32, true)), null),
            new Field("created_at", FieldType.nullable(new ArrowType.Timestamp(TimeUnit.MICROSECOND, "UTC")), null),
            new Field("status", FieldType.nullable(ArrowType.Utf8.INSTANCE), null),
            new Field("discount", FieldType.nullable(new ArrowType.FloatingPoint(FloatingPointPrecision.DOUBLE)), null),
            new Field("coupon_code", FieldType.nullable(ArrowType.Utf8.INSTANCE), null)));

    private static final OrderStatus[] STATUSES = OrderStatus.values();

    private static final byte[][] STATUS_UTF8 = new byte[STATUSES.length][];

    static {
        for (OrderStatus status : STATUSES) {
            STATUS_UTF8[status.ordinal()] = status.name().getBytes(StandardCharsets.US_ASCII);
        }
    }

    private ArrowColumns() {
    }

    /** Serves the arrays as a stream of Arrow batches, each filled on demand into fresh buffers. */
    static final class ArraysReader extends ArrowReader {

        private final OrderArrays data;

        private final int batchRows;

        private int next;

        ArraysReader(BufferAllocator allocator, OrderArrays data, int batchRows) {
            super(allocator);
            this.data = data;
            this.batchRows = batchRows;
        }

        @Override
        public boolean loadNextBatch() throws java.io.IOException {
            VectorSchemaRoot root = getVectorSchemaRoot();
            if (this.next >= this.data.size) {
                root.setRowCount(0);
                return false;
            }
            int rows = Math.min(this.batchRows, this.data.size - this.next);
            fill(root, this.data, this.next, rows);
            this.next += rows;
            return true;
        }

        @Override
        public long bytesRead() {
            return 0;
        }

        @Override
        protected void closeReadSource() {
        }

        @Override
        protected Schema readSchema() {
            return SCHEMA;
        }
    }

    /** Fills {@code root} with rows {@code from} to {@code from + rows}, in new buffers (earlier ones may be exported). */
    static void fill(VectorSchemaRoot root, OrderArrays data, int from, int rows) {
        BigIntVector orderId = (BigIntVector) root.getVector("order_id");
        BigIntVector customerId = (BigIntVector) root.getVector("customer_id");
        Float8Vector totalAmount = (Float8Vector) root.getVector("total_amount");
        IntVector quantity = (IntVector) root.getVector("quantity");
        TimeStampMicroTZVector createdAt = (TimeStampMicroTZVector) root.getVector("created_at");
        VarCharVector status = (VarCharVector) root.getVector("status");
        Float8Vector discount = (Float8Vector) root.getVector("discount");
        VarCharVector coupon = (VarCharVector) root.getVector("coupon_code");
        orderId.allocateNew(rows);
        customerId.allocateNew(rows);
        totalAmount.allocateNew(rows);
        quantity.allocateNew(rows);
        createdAt.allocateNew(rows);
        discount.allocateNew(rows);
        status.allocateNew(rows * 10L, rows);
        coupon.allocateNew(rows * 3L, rows);
        for (int i = 0; i < rows; i++) {
            int row = from + i;
            orderId.set(i, data.orderId[row]);
            customerId.set(i, data.customerId[row]);
            totalAmount.set(i, data.totalAmount[row]);
            quantity.set(i, data.quantity[row]);
            createdAt.set(i, data.createdAtMicros[row]);
            status.setSafe(i, STATUS_UTF8[data.status[row].ordinal()]);
            if (data.discountPresent[row]) {
                discount.set(i, data.discount[row]);
            }
            else {
                discount.setNull(i);
            }
            String code = data.couponCode[row];
            if (code != null) {
                coupon.setSafe(i, code.getBytes(StandardCharsets.UTF_8));
            }
            else {
                coupon.setNull(i);
            }
        }
        root.setRowCount(rows);
    }

    /** Appends every batch of {@code reader} to new arrays. */
    static OrderArrays readAll(ArrowReader reader, int expectedRows) throws java.io.IOException {
        OrderArrays out = new OrderArrays(expectedRows);
        VectorSchemaRoot root = reader.getVectorSchemaRoot();
        while (reader.loadNextBatch()) {
            append(root, out);
        }
        return out;
    }

    /** Appends the rows of one batch, matching columns by name. */
    static void append(VectorSchemaRoot root, OrderArrays out) {
        int rows = root.getRowCount();
        int at = out.size;
        out.ensureCapacity(at + rows);
        copyLongs(root.getVector("order_id"), out.orderId, at, rows);
        copyLongs(root.getVector("customer_id"), out.customerId, at, rows);
        copyDoubles(root.getVector("total_amount"), out.totalAmount, at, rows);
        FieldVector quantity = requireNoNulls(root.getVector("quantity"));
        ArrowBuf quantities = quantity.getDataBuffer();
        for (int i = 0; i < rows; i++) {
            out.quantity[at + i] = quantities.getInt((long) i * Integer.BYTES);
        }
        FieldVector createdAt = root.getVector("created_at");
        TimeUnit unit = ((ArrowType.Timestamp) createdAt.getField().getType()).getUnit();
        if (unit != TimeUnit.MICROSECOND) {
            throw new IllegalStateException("created_at arrived in " + unit + ", expected microseconds");
        }
        copyLongs(createdAt, out.createdAtMicros, at, rows);
        copyStatuses(root.getVector("status"), out.status, at, rows);
        Float8Vector discount = (Float8Vector) root.getVector("discount");
        ArrowBuf discounts = discount.getDataBuffer();
        for (int i = 0; i < rows; i++) {
            if (!discount.isNull(i)) {
                out.discount[at + i] = discounts.getDouble((long) i * Double.BYTES);
                out.discountPresent[at + i] = true;
            }
        }
        FieldVector coupon = root.getVector("coupon_code");
        if (coupon instanceof VarCharVector strings) {
            for (int i = 0; i < rows; i++) {
                byte[] bytes = strings.get(i);
                out.couponCode[at + i] = bytes == null ? null : new String(bytes, StandardCharsets.UTF_8);
            }
        }
        else {
            for (int i = 0; i < rows; i++) {
                Object value = coupon.getObject(i);
                out.couponCode[at + i] = value == null ? null : value.toString();
            }
        }
        out.size = at + rows;
    }

    private static FieldVector requireNoNulls(FieldVector vector) {
        if (vector.getNullCount() != 0) {
            throw new IllegalStateException(vector.getName() + " has " + vector.getNullCount() + " nulls");
        }
        return vector;
    }

    private static void copyLongs(FieldVector vector, long[] target, int at, int rows) {
        ArrowBuf data = requireNoNulls(vector).getDataBuffer();
        for (int i = 0; i < rows; i++) {
            target[at + i] = data.getLong((long) i * Long.BYTES);
        }
    }

    private static void copyDoubles(FieldVector vector, double[] target, int at, int rows) {
        ArrowBuf data = requireNoNulls(vector).getDataBuffer();
        for (int i = 0; i < rows; i++) {
            target[at + i] = data.getDouble((long) i * Double.BYTES);
        }
    }

    /** Decodes status names from UTF-8 without building a String per row. */
    private static void copyStatuses(FieldVector vector, OrderStatus[] target, int at, int rows) {
        if (!(vector instanceof VarCharVector strings)) {
            for (int i = 0; i < rows; i++) {
                Object value = vector.getObject(i);
                target[at + i] = value == null ? null : OrderStatus.valueOf(value.toString());
            }
            return;
        }
        ArrowBuf offsets = strings.getOffsetBuffer();
        ArrowBuf bytes = strings.getDataBuffer();
        for (int i = 0; i < rows; i++) {
            if (strings.isNull(i)) {
                target[at + i] = null;
                continue;
            }
            int start = offsets.getInt((long) i * Integer.BYTES);
            int end = offsets.getInt((long) (i + 1) * Integer.BYTES);
            target[at + i] = status(bytes, start, end - start);
        }
    }

    private static OrderStatus status(ArrowBuf bytes, int start, int length) {
        candidates:
        for (int s = 0; s < STATUS_UTF8.length; s++) {
            byte[] name = STATUS_UTF8[s];
            if (name.length != length) {
                continue;
            }
            for (int k = 0; k < length; k++) {
                if (bytes.getByte(start + k) != name[k]) {
                    continue candidates;
                }
            }
            return STATUSES[s];
        }
        byte[] unknown = new byte[length];
        bytes.getBytes(start, unknown);
        throw new IllegalStateException("unknown status '" + new String(unknown, StandardCharsets.UTF_8) + "'");
    }
}
