package io.soapersistence.parquet;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.List;

import io.soapersistence.ColumnNotFoundException;
import io.soapersistence.CorruptFileException;
import io.soapersistence.FormatException;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.BaseIntVector;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.DateDayVector;
import org.apache.arrow.vector.DecimalVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.FixedSizeBinaryVector;
import org.apache.arrow.vector.Float4Vector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.TimeMicroVector;
import org.apache.arrow.vector.TimeMilliVector;
import org.apache.arrow.vector.TimeNanoVector;
import org.apache.arrow.vector.TimeStampVector;
import org.apache.arrow.vector.VariableWidthFieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Schema;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.column.ColumnReader;
import org.apache.parquet.column.impl.ColumnReadStoreImpl;
import org.apache.parquet.column.page.PageReadStore;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.io.api.Converter;
import org.apache.parquet.io.api.GroupConverter;
import org.apache.parquet.io.api.PrimitiveConverter;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.LogicalTypeAnnotation.TimeLogicalTypeAnnotation;
import org.apache.parquet.schema.LogicalTypeAnnotation.TimestampLogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Type;

/**
 * Reads the columns a target Arrow schema asks for, matched by name, from every row group of a file into
 * Arrow vectors. Columns the schema does not name are never read.
 */
final class RowGroupReader {

    private RowGroupReader() {
    }

    /**
     * Reads the whole file. The caller owns and closes the returned root.
     *
     * @throws ColumnNotFoundException if a target column is missing from the file
     * @throws io.soapersistence.SchemaMismatchException if a column's type cannot feed its target field
     */
    static VectorSchemaRoot readAll(ParquetFileReader reader, Schema target, BufferAllocator allocator, Path file)
            throws IOException {
        MessageType fileSchema = reader.getFooter().getFileMetaData().getSchema();
        List<PrimitiveType> projected = ParquetSchemaMapping.project(fileSchema, target, file);
        // Nullable fields the file lacks are not read: their vectors stay null in every row.
        List<Type> present = new java.util.ArrayList<>();
        List<String> presentFields = new java.util.ArrayList<>();
        for (int c = 0; c < projected.size(); c++) {
            if (projected.get(c) != null) {
                present.add(projected.get(c));
                presentFields.add(target.getFields().get(c).getName());
            }
        }
        MessageType projection = new MessageType(fileSchema.getName(), present);
        long total = reader.getRecordCount();
        if (total > Integer.MAX_VALUE - 8) {
            throw new FormatException(file, "the file holds " + total + " rows, more than one SoA can index", null);
        }
        reader.setRequestedSchema(projection);
        String createdBy = reader.getFooter().getFileMetaData().getCreatedBy();
        VectorSchemaRoot root = VectorSchemaRoot.create(target, allocator);
        try {
            for (FieldVector vector : root.getFieldVectors()) {
                vector.setInitialCapacity((int) total);
                vector.allocateNew();
            }
            List<ColumnDescriptor> columns = projection.getColumns();
            long offset = 0;
            PageReadStore rowGroup;
            while ((rowGroup = reader.readNextRowGroup()) != null) {
                long rows = rowGroup.getRowCount();
                if (offset + rows > total) {
                    throw new CorruptFileException(file, "row groups hold more rows than the footer's " + total, null);
                }
                ColumnReadStoreImpl store = new ColumnReadStoreImpl(rowGroup, new ValuesOnly(projection.getFieldCount()),
                        projection, createdBy);
                for (int c = 0; c < columns.size(); c++) {
                    ColumnDescriptor column = columns.get(c);
                    FieldVector vector = root.getVector(presentFields.get(c));
                    readColumn(store.getColumnReader(column), column, vector, (int) offset, (int) rows, file);
                }
                offset += rows;
            }
            if (offset != total) {
                throw new CorruptFileException(file, "row groups hold " + offset + " rows, but the footer declares "
                        + total, null);
            }
            for (FieldVector vector : root.getFieldVectors()) {
                vector.setValueCount((int) total);
            }
            root.setRowCount((int) total);
            return root;
        }
        catch (IOException | RuntimeException ex) {
            root.close();
            throw ex;
        }
    }

    private static void readColumn(ColumnReader reader, ColumnDescriptor column, FieldVector vector, int offset,
            int rows, Path file) {
        if (reader.getTotalValueCount() != rows) {
            throw new CorruptFileException(file, "column '" + column.getPath()[0] + "' holds "
                    + reader.getTotalValueCount() + " values in a row group of " + rows + " rows", null);
        }
        int maxDefinition = column.getMaxDefinitionLevel();
        ValueSetter setter = setter(column.getPrimitiveType(), vector);
        for (int i = 0; i < rows; i++) {
            if (reader.getCurrentDefinitionLevel() == maxDefinition) {
                setter.set(reader, offset + i);
            }
            reader.consume();
        }
    }

    /** Copies the reader's current value into the vector at an index. */
    @FunctionalInterface
    private interface ValueSetter {

        void set(ColumnReader reader, int index);
    }

    private static ValueSetter setter(PrimitiveType type, FieldVector vector) {
        PrimitiveTypeName physical = type.getPrimitiveTypeName();
        LogicalTypeAnnotation annotation = type.getLogicalTypeAnnotation();
        ArrowType target = vector.getField().getType();
        return switch (target.getTypeID()) {
            case Bool -> (r, i) -> ((BitVector) vector).setSafe(i, r.getBoolean() ? 1 : 0);
            case Int -> {
                BaseIntVector ints = (BaseIntVector) vector;
                boolean unsigned32 = physical == PrimitiveTypeName.INT32
                        && annotation instanceof LogicalTypeAnnotation.IntLogicalTypeAnnotation intType
                        && !intType.isSigned() && intType.getBitWidth() == 32;
                if (physical == PrimitiveTypeName.INT64) {
                    yield (r, i) -> ints.setWithPossibleTruncate(i, r.getLong());
                }
                yield unsigned32 ? (r, i) -> ints.setWithPossibleTruncate(i, Integer.toUnsignedLong(r.getInteger()))
                        : (r, i) -> ints.setWithPossibleTruncate(i, r.getInteger());
            }
            case FloatingPoint -> {
                if (vector instanceof Float4Vector floats) {
                    yield (r, i) -> floats.setSafe(i, r.getFloat());
                }
                Float8Vector doubles = (Float8Vector) vector;
                yield (physical == PrimitiveTypeName.FLOAT) ? (r, i) -> doubles.setSafe(i, r.getFloat())
                        : (r, i) -> doubles.setSafe(i, r.getDouble());
            }
            case Utf8, LargeUtf8, Binary, LargeBinary -> {
                VariableWidthFieldVector bytes = (VariableWidthFieldVector) vector;
                yield (r, i) -> {
                    ByteBuffer buffer = r.getBinary().toByteBuffer();
                    bytes.setSafe(i, buffer, buffer.position(), buffer.remaining());
                };
            }
            case FixedSizeBinary -> {
                FixedSizeBinaryVector fixed = (FixedSizeBinaryVector) vector;
                yield (r, i) -> fixed.setSafe(i, r.getBinary().getBytes());
            }
            case Timestamp -> timestampSetter(physical, annotation, (ArrowType.Timestamp) target, (TimeStampVector) vector);
            case Date -> (r, i) -> ((DateDayVector) vector).setSafe(i, r.getInteger());
            case Time -> timeSetter(physical, (TimeLogicalTypeAnnotation) annotation, vector);
            case Decimal -> {
                DecimalVector decimals = (DecimalVector) vector;
                yield switch (physical) {
                    case INT32 -> (r, i) -> decimals.setSafe(i, r.getInteger());
                    case INT64 -> (r, i) -> decimals.setSafe(i, r.getLong());
                    default -> (r, i) -> decimals.setBigEndianSafe(i, r.getBinary().getBytes());
                };
            }
            default -> throw new IllegalStateException("no reader for " + target);
        };
    }

    private static ValueSetter timestampSetter(PrimitiveTypeName physical, LogicalTypeAnnotation annotation,
            ArrowType.Timestamp target, TimeStampVector vector) {
        long targetPerSecond = TimeUnits.perSecond(target.getUnit());
        if (physical == PrimitiveTypeName.INT96) {
            return (r, i) -> vector.setSafe(i, TimeUnits.rescale(TimeUnits.int96Nanos(r.getBinary()), 1_000_000_000L, targetPerSecond));
        }
        long foundPerSecond = TimeUnits.perSecond(((TimestampLogicalTypeAnnotation) annotation).getUnit());
        if (foundPerSecond == targetPerSecond) {
            return (r, i) -> vector.setSafe(i, r.getLong());
        }
        return (r, i) -> vector.setSafe(i, TimeUnits.rescale(r.getLong(), foundPerSecond, targetPerSecond));
    }

    private static ValueSetter timeSetter(PrimitiveTypeName physical, TimeLogicalTypeAnnotation annotation,
            FieldVector vector) {
        long foundPerSecond = TimeUnits.perSecond(annotation.getUnit());
        if (vector instanceof TimeMilliVector millis) {
            return (physical == PrimitiveTypeName.INT32) ? (r, i) -> millis.setSafe(i, r.getInteger())
                    : (r, i) -> millis.setSafe(i, (int) TimeUnits.rescale(r.getLong(), foundPerSecond, 1_000L));
        }
        long targetPerSecond = (vector instanceof TimeMicroVector) ? 1_000_000L : 1_000_000_000L;
        ValueToLong source = (physical == PrimitiveTypeName.INT32) ? r -> r.getInteger() : ColumnReader::getLong;
        if (vector instanceof TimeMicroVector micros) {
            return (r, i) -> micros.setSafe(i, TimeUnits.rescale(source.get(r), foundPerSecond, targetPerSecond));
        }
        TimeNanoVector nanos = (TimeNanoVector) vector;
        return (r, i) -> nanos.setSafe(i, TimeUnits.rescale(source.get(r), foundPerSecond, targetPerSecond));
    }

    @FunctionalInterface
    private interface ValueToLong {

        long get(ColumnReader reader);
    }

    /** Converts between units, flooring so that instants before the epoch round the same way as after it. */

    /**
     * The converter tree parquet-java's column readers are built with. Values are pulled from the readers
     * directly, so the converters only have to exist.
     */
    private static final class ValuesOnly extends GroupConverter {

        private final PrimitiveConverter[] converters;

        ValuesOnly(int fields) {
            this.converters = new PrimitiveConverter[fields];
            for (int i = 0; i < fields; i++) {
                this.converters[i] = new PrimitiveConverter() { };
            }
        }

        @Override
        public Converter getConverter(int fieldIndex) {
            return this.converters[fieldIndex];
        }

        @Override
        public void start() {
            // Never called: no record is assembled.
        }

        @Override
        public void end() {
            // Never called: no record is assembled.
        }
    }
}
