package io.soapersistence.parquet;

import java.lang.reflect.Array;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.BitSet;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.Map;

import io.soapersistence.TypeConversionException;
import io.soapersistence.spi.ColumnSource;

/**
 * The decoded columns of a file, handed to {@link io.soapersistence.spi.DirectColumns#importColumns} which
 * adopts the arrays as they are.
 */
final class DecodedColumns implements ColumnSource {

    private final DecodedColumn[] columns;

    private final int size;

    private final Path file;

    DecodedColumns(DecodedColumn[] columns, int size, Path file) {
        this.columns = columns;
        this.size = size;
        this.file = file;
    }

    /** Rows {@code [from, from + length)} as a source of their own, for batched loads. */
    DecodedColumns slice(int from, int length) {
        DecodedColumn[] sliced = new DecodedColumn[this.columns.length];
        for (int c = 0; c < sliced.length; c++) {
            DecodedColumn whole = this.columns[c];
            DecodedColumn part = new DecodedColumn(whole.field, 0);
            copyRange(whole, part, from, length);
            sliced[c] = part;
        }
        return new DecodedColumns(sliced, length, this.file);
    }

    private static void copyRange(DecodedColumn from, DecodedColumn to, int start, int length) {
        int end = start + length;
        to.booleans = (from.booleans != null) ? Arrays.copyOfRange(from.booleans, start, end) : null;
        to.bytes = (from.bytes != null) ? Arrays.copyOfRange(from.bytes, start, end) : null;
        to.shorts = (from.shorts != null) ? Arrays.copyOfRange(from.shorts, start, end) : null;
        to.chars = (from.chars != null) ? Arrays.copyOfRange(from.chars, start, end) : null;
        to.ints = (from.ints != null) ? Arrays.copyOfRange(from.ints, start, end) : null;
        to.longs = (from.longs != null) ? Arrays.copyOfRange(from.longs, start, end) : null;
        to.floats = (from.floats != null) ? Arrays.copyOfRange(from.floats, start, end) : null;
        to.doubles = (from.doubles != null) ? Arrays.copyOfRange(from.doubles, start, end) : null;
        to.objects = (from.objects != null) ? Arrays.copyOfRange(from.objects, start, end) : null;
        to.least = (from.least != null) ? Arrays.copyOfRange(from.least, start, end) : null;
        to.nulls.or(from.nulls.get(start, end));
    }

    /**
     * Fails when a column of a non-nullable field holds a null: the SoA's primitive array would silently
     * read it as zero.
     */
    void checkNonNullable() {
        for (DecodedColumn column : this.columns) {
            int firstNull = column.nulls.nextSetBit(0);
            if (!column.field.isNullable() && firstNull >= 0 && firstNull < this.size) {
                throw new TypeConversionException(this.file, column.field.getName(),
                        "null at row " + firstNull + " in a non-nullable column");
            }
        }
    }

    @Override
    public int size() {
        return this.size;
    }

    @Override
    public BitSet nulls(int column) {
        return this.columns[column].nulls;
    }

    @Override
    public boolean[] booleans(int column) {
        return this.columns[column].booleans;
    }

    @Override
    public byte[] bytes(int column) {
        return this.columns[column].bytes;
    }

    @Override
    public short[] shorts(int column) {
        return this.columns[column].shorts;
    }

    @Override
    public char[] chars(int column) {
        return this.columns[column].chars;
    }

    @Override
    public int[] ints(int column) {
        return this.columns[column].ints;
    }

    @Override
    public long[] longs(int column) {
        return this.columns[column].longs;
    }

    @Override
    public float[] floats(int column) {
        return this.columns[column].floats;
    }

    @Override
    public double[] doubles(int column) {
        return this.columns[column].doubles;
    }

    @Override
    public String[] strings(int column) {
        return (String[]) this.columns[column].objects;
    }

    /**
     * Resolves names through an identity cache first: decoded dictionaries share one string instance per
     * distinct value, so most rows cost one identity lookup.
     */
    @Override
    public <E extends Enum<E>> E[] enums(int column, Class<E> type) {
        String[] names = strings(column);
        @SuppressWarnings("unchecked")
        E[] values = (E[]) Array.newInstance(type, this.size);
        Map<String, E> byInstance = new IdentityHashMap<>();
        Map<String, E> byName = new HashMap<>();
        for (E constant : type.getEnumConstants()) {
            byName.put(constant.name(), constant);
        }
        for (int i = 0; i < this.size; i++) {
            String name = names[i];
            if (name == null) {
                continue;
            }
            E value = byInstance.get(name);
            if (value == null) {
                value = byName.get(name);
                if (value == null) {
                    throw new TypeConversionException(this.file, this.columns[column].field.getName(),
                            "'" + name + "' at row " + i + " is not a constant of " + type.getName());
                }
                byInstance.put(name, value);
            }
            values[i] = value;
        }
        return values;
    }

    @Override
    public BigDecimal[] decimals(int column) {
        return (BigDecimal[]) this.columns[column].objects;
    }

    @Override
    public long[] uuidMost(int column) {
        return this.columns[column].longs;
    }

    @Override
    public long[] uuidLeast(int column) {
        return this.columns[column].least;
    }

    @Override
    public byte[][] binaries(int column) {
        return (byte[][]) this.columns[column].objects;
    }
}
