package io.soapersistence.parquet;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.soapersistence.FormatException;
import io.soapersistence.SchemaMismatchException;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;
import org.apache.parquet.schema.ColumnOrder;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.LogicalTypeAnnotation.DecimalLogicalTypeAnnotation;
import org.apache.parquet.schema.LogicalTypeAnnotation.IntLogicalTypeAnnotation;
import org.apache.parquet.schema.LogicalTypeAnnotation.TimeLogicalTypeAnnotation;
import org.apache.parquet.schema.LogicalTypeAnnotation.TimeUnit;
import org.apache.parquet.schema.LogicalTypeAnnotation.TimestampLogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Type;
import org.apache.parquet.schema.Type.Repetition;
import org.apache.parquet.schema.Types;

/**
 * Maps Arrow fields to flat Parquet columns for writing, and decides whether a column found in a file can be
 * read into an Arrow field.
 * <p>
 * FLOAT and DOUBLE columns are written with the TYPE_DEFINED column order: parquet-java 1.18 would otherwise
 * declare IEEE_754_TOTAL_ORDER, which readers built before 2025 reject as invalid thrift.
 */
final class ParquetSchemaMapping {

    /** The Arrow canonical extension name that marks a 16-byte fixed binary as a UUID. */
    static final String UUID_EXTENSION = "arrow.uuid";

    static final String EXTENSION_NAME_KEY = "ARROW:extension:name";

    static final String MESSAGE_NAME = "soa";

    private ParquetSchemaMapping() {
    }

    /**
     * The Parquet schema that stores {@code schema}, column for column in the same order.
     *
     * @throws IllegalArgumentException naming the field when a type has no flat Parquet column
     */
    static MessageType toParquet(Schema schema) {
        List<Type> columns = new ArrayList<>(schema.getFields().size());
        for (Field field : schema.getFields()) {
            columns.add(toParquet(field));
        }
        return new MessageType(MESSAGE_NAME, columns);
    }

    static PrimitiveType toParquet(Field field) {
        Repetition repetition = field.isNullable() ? Repetition.OPTIONAL : Repetition.REQUIRED;
        ArrowType type = field.getType();
        String name = field.getName();
        return switch (type.getTypeID()) {
            case Bool -> Types.primitive(PrimitiveTypeName.BOOLEAN, repetition).named(name);
            case Int -> {
                ArrowType.Int intType = (ArrowType.Int) type;
                PrimitiveTypeName physical = (intType.getBitWidth() <= 32) ? PrimitiveTypeName.INT32
                        : PrimitiveTypeName.INT64;
                yield Types.primitive(physical, repetition)
                    .as(LogicalTypeAnnotation.intType(intType.getBitWidth(), intType.getIsSigned()))
                    .named(name);
            }
            case FloatingPoint -> {
                ArrowType.FloatingPoint fp = (ArrowType.FloatingPoint) type;
                PrimitiveTypeName physical = switch (fp.getPrecision()) {
                    case SINGLE -> PrimitiveTypeName.FLOAT;
                    case DOUBLE -> PrimitiveTypeName.DOUBLE;
                    case HALF -> throw unsupported(field);
                };
                yield Types.primitive(physical, repetition).columnOrder(ColumnOrder.typeDefined()).named(name);
            }
            case Utf8, LargeUtf8 -> Types.primitive(PrimitiveTypeName.BINARY, repetition)
                .as(LogicalTypeAnnotation.stringType())
                .named(name);
            case Binary, LargeBinary -> Types.primitive(PrimitiveTypeName.BINARY, repetition).named(name);
            case FixedSizeBinary -> {
                int width = ((ArrowType.FixedSizeBinary) type).getByteWidth();
                var builder = Types.primitive(PrimitiveTypeName.FIXED_LEN_BYTE_ARRAY, repetition).length(width);
                if (width == 16 && isUuid(field)) {
                    builder = builder.as(LogicalTypeAnnotation.uuidType());
                }
                yield builder.named(name);
            }
            case Timestamp -> {
                ArrowType.Timestamp ts = (ArrowType.Timestamp) type;
                yield Types.primitive(PrimitiveTypeName.INT64, repetition)
                    .as(LogicalTypeAnnotation.timestampType(ts.getTimezone() != null, timeUnit(field, ts.getUnit())))
                    .named(name);
            }
            case Date -> {
                if (((ArrowType.Date) type).getUnit() != org.apache.arrow.vector.types.DateUnit.DAY) {
                    throw unsupported(field);
                }
                yield Types.primitive(PrimitiveTypeName.INT32, repetition)
                    .as(LogicalTypeAnnotation.dateType())
                    .named(name);
            }
            case Time -> {
                ArrowType.Time time = (ArrowType.Time) type;
                TimeUnit unit = timeUnit(field, time.getUnit());
                PrimitiveTypeName physical = (unit == TimeUnit.MILLIS) ? PrimitiveTypeName.INT32 : PrimitiveTypeName.INT64;
                yield Types.primitive(physical, repetition)
                    .as(LogicalTypeAnnotation.timeType(false, unit))
                    .named(name);
            }
            case Decimal -> {
                ArrowType.Decimal decimal = (ArrowType.Decimal) type;
                int precision = decimal.getPrecision();
                LogicalTypeAnnotation annotation = LogicalTypeAnnotation.decimalType(decimal.getScale(), precision);
                if (precision <= 9) {
                    yield Types.primitive(PrimitiveTypeName.INT32, repetition).as(annotation).named(name);
                }
                if (precision <= 18) {
                    yield Types.primitive(PrimitiveTypeName.INT64, repetition).as(annotation).named(name);
                }
                yield Types.primitive(PrimitiveTypeName.FIXED_LEN_BYTE_ARRAY, repetition)
                    .length(decimalBytes(precision))
                    .as(annotation)
                    .named(name);
            }
            default -> throw unsupported(field);
        };
    }

    /** The fewest bytes whose two's complement holds every unscaled value of {@code precision} digits. */
    static int decimalBytes(int precision) {
        return (int) Math.ceil((precision * Math.log(10) / Math.log(2) + 1) / 8);
    }

    private static boolean isUuid(Field field) {
        Map<String, String> metadata = field.getMetadata();
        return metadata != null && UUID_EXTENSION.equals(metadata.get(EXTENSION_NAME_KEY));
    }

    private static TimeUnit timeUnit(Field field, org.apache.arrow.vector.types.TimeUnit unit) {
        return switch (unit) {
            case MILLISECOND -> TimeUnit.MILLIS;
            case MICROSECOND -> TimeUnit.MICROS;
            case NANOSECOND -> TimeUnit.NANOS;
            case SECOND -> throw unsupported(field);
        };
    }

    private static IllegalArgumentException unsupported(Field field) {
        return new IllegalArgumentException("column '" + field.getName() + "' has Arrow type " + field.getType()
                + ", which has no flat Parquet column (supported: Bool, Int, Float, Double, Utf8, Binary, "
                + "FixedSizeBinary, Timestamp(ms/us/ns), Date(DAY), Time(ms/us/ns), Decimal)");
    }

    /**
     * Finds the file column that feeds {@code target}, by name.
     *
     * @return the column, or {@code null} when the file has no column of that name
     * @throws FormatException if the column exists but is nested or repeated
     */
    static PrimitiveType findColumn(MessageType fileSchema, Field target, Path file) {
        if (!fileSchema.containsField(target.getName())) {
            return null;
        }
        Type found = fileSchema.getType(target.getName());
        if (!found.isPrimitive() || found.isRepetition(Repetition.REPEATED)) {
            throw new FormatException(file, "column '" + target.getName() + "' is nested or repeated (" + found
                    + "); only flat columns can be loaded", null);
        }
        return found.asPrimitiveType();
    }

    /**
     * The file columns that feed every field of {@code target}, matched by name, in field order. Schema
     * evolution: a nullable field the file lacks (a component added after the file was written) maps to
     * {@code null}, and readers fill it with nulls; file columns no field names are ignored.
     *
     * @throws ColumnNotFoundException if a non-nullable field has no column of its name
     * @throws SchemaMismatchException if a column's type cannot feed its field
     * @throws FormatException if a column is nested or repeated
     */
    static List<PrimitiveType> project(MessageType fileSchema, Schema target, Path file) {
        List<PrimitiveType> columns = new ArrayList<>(target.getFields().size());
        for (Field field : target.getFields()) {
            columns.add(resolve(fileSchema, field, file));
        }
        return columns;
    }

    /**
     * The file column that feeds {@code field}, checked; {@code null} for a nullable field the file lacks.
     *
     * @throws ColumnNotFoundException if a non-nullable field has no column of its name
     * @throws SchemaMismatchException if the column's type cannot feed the field
     */
    static PrimitiveType resolve(MessageType fileSchema, Field field, Path file) {
        PrimitiveType found = findColumn(fileSchema, field, file);
        if (found == null) {
            if (field.isNullable()) {
                return null;
            }
            throw new io.soapersistence.ColumnNotFoundException(file, field.getName(), describe(field));
        }
        checkReadable(field, found, file);
        return found;
    }

    /**
     * Checks that values of {@code found} convert to {@code target} without loss.
     *
     * @throws SchemaMismatchException naming the column, the expected and the found type otherwise
     */
    static void checkReadable(Field target, PrimitiveType found, Path file) {
        if (!isReadable(target.getType(), found)) {
            throw new SchemaMismatchException(file, target.getName(), describe(target), describe(found));
        }
    }

    static String describe(Field field) {
        return field.getType() + (field.isNullable() ? " (nullable)" : " (not null)");
    }

    static String describe(PrimitiveType type) {
        LogicalTypeAnnotation annotation = type.getLogicalTypeAnnotation();
        String physical = (type.getPrimitiveTypeName() == PrimitiveTypeName.FIXED_LEN_BYTE_ARRAY)
                ? "FIXED_LEN_BYTE_ARRAY(" + type.getTypeLength() + ")" : type.getPrimitiveTypeName().toString();
        return physical + ((annotation != null) ? " " + annotation : "") + " ("
                + type.getRepetition().toString().toLowerCase(java.util.Locale.ROOT) + ")";
    }

    private static boolean isReadable(ArrowType target, PrimitiveType found) {
        PrimitiveTypeName physical = found.getPrimitiveTypeName();
        LogicalTypeAnnotation annotation = found.getLogicalTypeAnnotation();
        return switch (target.getTypeID()) {
            case Bool -> physical == PrimitiveTypeName.BOOLEAN;
            case Int -> isReadableInt((ArrowType.Int) target, physical, annotation);
            case FloatingPoint -> switch (((ArrowType.FloatingPoint) target).getPrecision()) {
                case SINGLE -> physical == PrimitiveTypeName.FLOAT;
                case DOUBLE -> physical == PrimitiveTypeName.DOUBLE || physical == PrimitiveTypeName.FLOAT;
                case HALF -> false;
            };
            case Utf8, LargeUtf8 -> physical == PrimitiveTypeName.BINARY
                    && (annotation == null || annotation.equals(LogicalTypeAnnotation.stringType())
                            || annotation.equals(LogicalTypeAnnotation.enumType())
                            || annotation.equals(LogicalTypeAnnotation.jsonType()));
            case Binary, LargeBinary -> (physical == PrimitiveTypeName.BINARY
                    || physical == PrimitiveTypeName.FIXED_LEN_BYTE_ARRAY)
                    && !(annotation instanceof DecimalLogicalTypeAnnotation);
            case FixedSizeBinary -> physical == PrimitiveTypeName.FIXED_LEN_BYTE_ARRAY
                    && found.getTypeLength() == ((ArrowType.FixedSizeBinary) target).getByteWidth()
                    && !(annotation instanceof DecimalLogicalTypeAnnotation);
            case Timestamp -> physical == PrimitiveTypeName.INT96
                    || (physical == PrimitiveTypeName.INT64 && annotation instanceof TimestampLogicalTypeAnnotation);
            case Date -> physical == PrimitiveTypeName.INT32 && annotation != null
                    && annotation.equals(LogicalTypeAnnotation.dateType());
            case Time -> annotation instanceof TimeLogicalTypeAnnotation
                    && (physical == PrimitiveTypeName.INT32 || physical == PrimitiveTypeName.INT64);
            case Decimal -> annotation instanceof DecimalLogicalTypeAnnotation decimal
                    && decimal.getScale() == ((ArrowType.Decimal) target).getScale()
                    && decimal.getPrecision() <= ((ArrowType.Decimal) target).getPrecision();
            default -> false;
        };
    }

    private static boolean isReadableInt(ArrowType.Int target, PrimitiveTypeName physical,
            LogicalTypeAnnotation annotation) {
        if (physical != PrimitiveTypeName.INT32 && physical != PrimitiveTypeName.INT64) {
            return false;
        }
        int foundBits;
        boolean foundSigned;
        if (annotation == null) {
            foundBits = (physical == PrimitiveTypeName.INT32) ? 32 : 64;
            foundSigned = true;
        }
        else if (annotation instanceof IntLogicalTypeAnnotation intAnnotation) {
            foundBits = intAnnotation.getBitWidth();
            foundSigned = intAnnotation.isSigned();
        }
        else {
            return false;
        }
        if (foundSigned == target.getIsSigned()) {
            return foundBits <= target.getBitWidth();
        }
        // An unsigned column widens into a wider signed one without loss.
        return !foundSigned && target.getIsSigned() && foundBits < target.getBitWidth();
    }
}
