package io.soapersistence.parquet;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.file.Path;
import java.util.List;

import io.soapersistence.ColumnNotFoundException;
import io.soapersistence.TypeConversionException;
import org.apache.arrow.vector.BaseIntVector;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.DateDayVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.FixedSizeBinaryVector;
import org.apache.arrow.vector.Float4Vector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.TimeMilliVector;
import org.apache.arrow.vector.VariableWidthFieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.column.ColumnWriteStore;
import org.apache.parquet.column.ColumnWriter;
import org.apache.parquet.column.ParquetProperties;
import org.apache.parquet.compression.CompressionCodecFactory.BytesInputCompressor;
import org.apache.parquet.hadoop.ColumnChunkPageWriteStore;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.schema.LogicalTypeAnnotation.TimeLogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType;

/**
 * Writes Arrow vectors into row groups of a {@link ParquetFileWriter}, one column at a time: each column's
 * values of a batch go through its column writer in one tight loop, and no row is ever assembled.
 * <p>
 * The vectors are the data here, not a detour: this path serves every {@link io.soapersistence.ToArrow}
 * type, hand-written ones included, whose only contract is Arrow.
 */
final class RowGroupWriter {

    /** Most rows per batch: page and row-group boundaries are only checked between batches. */
    private static final int MAX_BATCH_ROWS = 4096;

    private static final int MIN_BATCH_ROWS = 16;

    private final ParquetFileWriter fileWriter;

    private final MessageType schema;

    private final List<ColumnDescriptor> columns;

    private final ParquetProperties properties;

    private final BytesInputCompressor compressor;

    private final long rowGroupSize;

    private final Path file;

    private ColumnChunkPageWriteStore pageStore;

    private ColumnWriteStore writeStore;

    private long rowsInGroup;

    private int rowGroupOrdinal;

    private final int batchRows;

    RowGroupWriter(ParquetFileWriter fileWriter, MessageType schema, ParquetProperties properties,
            BytesInputCompressor compressor, long rowGroupSize, int firstRowGroupOrdinal, Path file) {
        this.fileWriter = fileWriter;
        this.schema = schema;
        this.columns = schema.getColumns();
        this.properties = properties;
        this.compressor = compressor;
        this.rowGroupSize = rowGroupSize;
        this.rowGroupOrdinal = firstRowGroupOrdinal;
        this.file = file;
        this.batchRows = batchRows(properties.getPageSizeThreshold());
    }

    /**
     * A page can only end between batches, so a batch of eight-byte values must fit in a page for small page
     * sizes to be honoured; large pages take the largest batch.
     */
    static int batchRows(int pageSize) {
        return Math.max(MIN_BATCH_ROWS, Math.min(MAX_BATCH_ROWS, pageSize / 8));
    }

    /** Adds every row of {@code root}, cutting row groups whenever the buffered size reaches the limit. */
    void write(VectorSchemaRoot root) throws IOException {
        FieldVector[] vectors = new FieldVector[this.columns.size()];
        for (int c = 0; c < vectors.length; c++) {
            String name = this.columns.get(c).getPath()[0];
            vectors[c] = root.getVector(name);
            if (vectors[c] == null) {
                throw new ColumnNotFoundException(this.file, name);
            }
        }
        int rows = root.getRowCount();
        for (int from = 0; from < rows; from += this.batchRows) {
            int to = Math.min(rows, from + this.batchRows);
            if (this.writeStore == null) {
                startRowGroup();
            }
            for (int c = 0; c < vectors.length; c++) {
                ColumnDescriptor column = this.columns.get(c);
                writeColumn(vectors[c], column, this.writeStore.getColumnWriter(column), from, to);
            }
            for (int row = from; row < to; row++) {
                this.writeStore.endRecord();
            }
            this.rowsInGroup += to - from;
            if (this.writeStore.getBufferedSize() >= this.rowGroupSize) {
                flushRowGroup();
            }
        }
    }

    /** Writes the open row group, if any. */
    void finish() throws IOException {
        if (this.writeStore != null && this.rowsInGroup > 0) {
            flushRowGroup();
        }
    }

    int rowGroupsWritten() {
        return this.rowGroupOrdinal;
    }

    private void startRowGroup() {
        this.pageStore = ColumnChunkPageWriteStore.builder()
            .withCompressorProvider(descriptor -> this.compressor)
            .withSchema(this.schema)
            .withAllocator(this.properties.getAllocator())
            .withColumnIndexTruncateLength(this.properties.getColumnIndexTruncateLength())
            .withPageWriteChecksumEnabled(this.properties.getPageWriteChecksumEnabled())
            .withRowGroupOrdinal(this.rowGroupOrdinal)
            .build();
        this.writeStore = this.properties.newColumnWriteStore(this.schema, this.pageStore, this.pageStore);
        this.rowsInGroup = 0;
    }

    private void flushRowGroup() throws IOException {
        this.fileWriter.startBlock(this.rowsInGroup);
        this.writeStore.flush();
        this.pageStore.flushToFileWriter(this.fileWriter);
        this.fileWriter.endBlock();
        this.writeStore.close();
        this.pageStore.close();
        this.writeStore = null;
        this.pageStore = null;
        this.rowGroupOrdinal++;
    }

    private void writeColumn(FieldVector vector, ColumnDescriptor column, ColumnWriter writer, int from, int to) {
        boolean optional = column.getMaxDefinitionLevel() > 0;
        PrimitiveType type = column.getPrimitiveType();
        String name = column.getPath()[0];
        for (int row = from; row < to; row++) {
            if (vector.isNull(row)) {
                if (!optional) {
                    throw new TypeConversionException(this.file, name,
                            "null at row " + row + ", but the column is required");
                }
                writer.writeNull(0, 0);
                continue;
            }
            int d = optional ? 1 : 0;
            switch (type.getPrimitiveTypeName()) {
                case BOOLEAN -> writer.write(((BitVector) vector).get(row) != 0, 0, d);
                case INT32 -> writer.write(int32(vector, type, row), 0, d);
                case INT64 -> writer.write(int64(vector, type, row), 0, d);
                case FLOAT -> writer.write(((Float4Vector) vector).get(row), 0, d);
                case DOUBLE -> writer.write(((Float8Vector) vector).get(row), 0, d);
                case BINARY -> writer.write(binary(vector, type, row), 0, d);
                case FIXED_LEN_BYTE_ARRAY -> writer.write(fixed(vector, type, row), 0, d);
                default -> throw new IllegalStateException("no writer for " + type);
            }
        }
    }

    private int int32(FieldVector vector, PrimitiveType type, int row) {
        if (vector instanceof BaseIntVector ints) {
            return (int) ints.getValueAsLong(row);
        }
        if (vector instanceof DateDayVector days) {
            return days.get(row);
        }
        if (vector instanceof TimeMilliVector millis && type.getLogicalTypeAnnotation() instanceof TimeLogicalTypeAnnotation) {
            return millis.get(row);
        }
        return unscaled(vector, type, row).intValueExact();
    }

    private long int64(FieldVector vector, PrimitiveType type, int row) {
        if (vector instanceof BaseIntVector ints) {
            return ints.getValueAsLong(row);
        }
        if (vector instanceof org.apache.arrow.vector.TimeStampVector timestamps) {
            return timestamps.get(row);
        }
        if (vector instanceof org.apache.arrow.vector.TimeMicroVector micros) {
            return micros.get(row);
        }
        if (vector instanceof org.apache.arrow.vector.TimeNanoVector nanos) {
            return nanos.get(row);
        }
        return unscaled(vector, type, row).longValueExact();
    }

    private BigInteger unscaled(FieldVector vector, PrimitiveType type, int row) {
        BigDecimal value = (BigDecimal) vector.getObject(row);
        return value.unscaledValue();
    }

    private static Binary binary(FieldVector vector, PrimitiveType type, int row) {
        return Binary.fromConstantByteArray(((VariableWidthFieldVector) vector).get(row));
    }

    private Binary fixed(FieldVector vector, PrimitiveType type, int row) {
        if (vector instanceof FixedSizeBinaryVector fixed) {
            return Binary.fromConstantByteArray(fixed.get(row));
        }
        byte[] unscaled = unscaled(vector, type, row).toByteArray();
        int width = type.getTypeLength();
        if (unscaled.length > width) {
            throw new TypeConversionException(this.file, type.getName(),
                    "decimal at row " + row + " does not fit " + width + " bytes");
        }
        byte[] padded = new byte[width];
        byte sign = (unscaled[0] < 0) ? (byte) -1 : 0;
        int pad = width - unscaled.length;
        java.util.Arrays.fill(padded, 0, pad, sign);
        System.arraycopy(unscaled, 0, padded, pad, unscaled.length);
        return Binary.fromConstantByteArray(padded);
    }
}
