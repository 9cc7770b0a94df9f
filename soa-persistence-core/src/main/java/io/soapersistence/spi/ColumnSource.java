package io.soapersistence.spi;

import java.math.BigDecimal;
import java.util.BitSet;

/**
 * The decoded columns a {@link DirectColumns} instance adopts. Every array has exactly {@link #size()}
 * elements and belongs to the caller from then on. The engine has already checked that columns of
 * non-nullable fields hold no nulls.
 */
public interface ColumnSource {

    /**
     * The number of rows.
     *
     * @return rows, zero or more
     */
    int size();

    /**
     * The null rows of a primitive column.
     *
     * @param column the column index
     * @return the null rows, possibly empty, never {@code null}
     */
    BitSet nulls(int column);

    /**
     * A boolean column.
     *
     * @param column the column index
     * @return the values
     */
    boolean[] booleans(int column);

    /**
     * An 8-bit integer column.
     *
     * @param column the column index
     * @return the values
     */
    byte[] bytes(int column);

    /**
     * A 16-bit integer column.
     *
     * @param column the column index
     * @return the values
     */
    short[] shorts(int column);

    /**
     * A 16-bit unsigned character column.
     *
     * @param column the column index
     * @return the values
     */
    char[] chars(int column);

    /**
     * A 32-bit integer or date column.
     *
     * @param column the column index
     * @return the values
     */
    int[] ints(int column);

    /**
     * A 64-bit integer, timestamp or time column.
     *
     * @param column the column index
     * @return the values
     */
    long[] longs(int column);

    /**
     * A 32-bit floating point column.
     *
     * @param column the column index
     * @return the values
     */
    float[] floats(int column);

    /**
     * A 64-bit floating point column.
     *
     * @param column the column index
     * @return the values
     */
    double[] doubles(int column);

    /**
     * A string column.
     *
     * @param column the column index
     * @return the values, {@code null} for null rows
     */
    String[] strings(int column);

    /**
     * An enum column, each stored name resolved once per distinct value.
     *
     * @param <E> the enum type
     * @param column the column index
     * @param type the enum class
     * @return the values, {@code null} for null rows
     * @throws io.soapersistence.TypeConversionException if a stored name is not a constant of {@code type}
     */
    <E extends Enum<E>> E[] enums(int column, Class<E> type);

    /**
     * A decimal column.
     *
     * @param column the column index
     * @return the values at the field's scale, {@code null} for null rows
     */
    BigDecimal[] decimals(int column);

    /**
     * The most significant halves of a UUID column.
     *
     * @param column the column index
     * @return the values
     */
    long[] uuidMost(int column);

    /**
     * The least significant halves of a UUID column.
     *
     * @param column the column index
     * @return the values
     */
    long[] uuidLeast(int column);

    /**
     * A binary column.
     *
     * @param column the column index
     * @return the values, {@code null} for null rows
     */
    byte[][] binaries(int column);
}
