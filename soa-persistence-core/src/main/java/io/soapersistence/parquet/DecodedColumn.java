package io.soapersistence.parquet;

import java.util.BitSet;
import java.util.Map;

import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;

/**
 * One column being decoded straight into the primitive array a {@link io.soapersistence.spi.DirectColumns}
 * type adopts. Row groups fill disjoint ranges; one thread fills a column at a time.
 */
final class DecodedColumn {

    /** The storage array kind, chosen by the target Arrow field. */
    enum Kind {
        BOOLEAN, BYTE, SHORT, CHAR, INT, LONG, FLOAT, DOUBLE, STRING, DECIMAL, UUID, BINARY
    }

    final Field field;

    final Kind kind;

    final int size;

    /**
     * The row of the row group held at index 0: a filtered read decodes only the pages it keeps, into arrays
     * that span them rather than the whole row group.
     */
    final int base;

    final BitSet nulls;

    boolean[] booleans;

    byte[] bytes;

    short[] shorts;

    char[] chars;

    int[] ints;

    long[] longs;

    float[] floats;

    double[] doubles;

    Object[] objects;

    /** The least significant halves of UUIDs; the most significant ones are in {@link #longs}. */
    long[] least;

    DecodedColumn(Field field, int size) {
        this(field, size, 0);
    }

    DecodedColumn(Field field, int size, int base) {
        this.field = field;
        this.kind = kindOf(field);
        this.size = size;
        this.base = base;
        // Sized once: a column that may hold nulls would otherwise regrow its bits while the rows are decoded.
        this.nulls = field.isNullable() ? new BitSet(size) : new BitSet();
        switch (this.kind) {
            case BOOLEAN -> this.booleans = new boolean[size];
            case BYTE -> this.bytes = new byte[size];
            case SHORT -> this.shorts = new short[size];
            case CHAR -> this.chars = new char[size];
            case INT -> this.ints = new int[size];
            case LONG -> this.longs = new long[size];
            case FLOAT -> this.floats = new float[size];
            case DOUBLE -> this.doubles = new double[size];
            case STRING -> this.objects = new String[size];
            case DECIMAL -> this.objects = new java.math.BigDecimal[size];
            case BINARY -> this.objects = new byte[size][];
            case UUID -> {
                this.longs = new long[size];
                this.least = new long[size];
            }
        }
    }

    static Kind kindOf(Field field) {
        ArrowType type = field.getType();
        return switch (type.getTypeID()) {
            case Bool -> Kind.BOOLEAN;
            case Int -> {
                ArrowType.Int intType = (ArrowType.Int) type;
                yield switch (intType.getBitWidth()) {
                    case 8 -> Kind.BYTE;
                    case 16 -> intType.getIsSigned() ? Kind.SHORT : Kind.CHAR;
                    case 32 -> Kind.INT;
                    default -> Kind.LONG;
                };
            }
            case FloatingPoint -> (((ArrowType.FloatingPoint) type).getPrecision()
                    == org.apache.arrow.vector.types.FloatingPointPrecision.SINGLE) ? Kind.FLOAT : Kind.DOUBLE;
            case Utf8, LargeUtf8 -> Kind.STRING;
            case Timestamp -> Kind.LONG;
            case Date -> Kind.INT;
            case Time -> (((ArrowType.Time) type).getBitWidth() == 32) ? Kind.INT : Kind.LONG;
            case Decimal -> Kind.DECIMAL;
            case FixedSizeBinary -> isUuid(field) ? Kind.UUID : Kind.BINARY;
            case Binary, LargeBinary -> Kind.BINARY;
            default -> throw new IllegalArgumentException("no array storage for " + type + " of " + field.getName());
        };
    }

    private static boolean isUuid(Field field) {
        Map<String, String> metadata = field.getMetadata();
        return ((ArrowType.FixedSizeBinary) field.getType()).getByteWidth() == 16 && metadata != null
                && ParquetSchemaMapping.UUID_EXTENSION.equals(metadata.get(ParquetSchemaMapping.EXTENSION_NAME_KEY));
    }
}
