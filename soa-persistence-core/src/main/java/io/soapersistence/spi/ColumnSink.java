package io.soapersistence.spi;

import java.math.BigDecimal;
import java.util.BitSet;

/**
 * Receives the columns of a {@link DirectColumns} instance. For primitive arrays, {@code nulls} marks the null
 * rows, or is {@code null} when the column is not nullable; reference arrays hold {@code null} for null rows.
 */
public interface ColumnSink {

    /**
     * A boolean column.
     *
     * @param column the column index
     * @param values the values
     * @param nulls the null rows, or {@code null}
     */
    void booleans(int column, boolean[] values, BitSet nulls);

    /**
     * An 8-bit integer column.
     *
     * @param column the column index
     * @param values the values
     * @param nulls the null rows, or {@code null}
     */
    void bytes(int column, byte[] values, BitSet nulls);

    /**
     * A 16-bit integer column.
     *
     * @param column the column index
     * @param values the values
     * @param nulls the null rows, or {@code null}
     */
    void shorts(int column, short[] values, BitSet nulls);

    /**
     * A 16-bit unsigned character column.
     *
     * @param column the column index
     * @param values the values
     * @param nulls the null rows, or {@code null}
     */
    void chars(int column, char[] values, BitSet nulls);

    /**
     * A 32-bit integer or date column.
     *
     * @param column the column index
     * @param values the values
     * @param nulls the null rows, or {@code null}
     */
    void ints(int column, int[] values, BitSet nulls);

    /**
     * A 64-bit integer, timestamp or time column.
     *
     * @param column the column index
     * @param values the values
     * @param nulls the null rows, or {@code null}
     */
    void longs(int column, long[] values, BitSet nulls);

    /**
     * A 32-bit floating point column.
     *
     * @param column the column index
     * @param values the values
     * @param nulls the null rows, or {@code null}
     */
    void floats(int column, float[] values, BitSet nulls);

    /**
     * A 64-bit floating point column.
     *
     * @param column the column index
     * @param values the values
     * @param nulls the null rows, or {@code null}
     */
    void doubles(int column, double[] values, BitSet nulls);

    /**
     * A string column.
     *
     * @param column the column index
     * @param values the values, {@code null} for null rows
     */
    void strings(int column, String[] values);

    /**
     * An enum column, stored as the constants' names.
     *
     * @param column the column index
     * @param values the values, {@code null} for null rows
     */
    void enums(int column, Enum<?>[] values);

    /**
     * A decimal column, every value at the field's scale.
     *
     * @param column the column index
     * @param values the values, {@code null} for null rows
     */
    void decimals(int column, BigDecimal[] values);

    /**
     * A UUID column as its two halves.
     *
     * @param column the column index
     * @param most the most significant bits
     * @param least the least significant bits
     * @param nulls the null rows, or {@code null}
     */
    void uuids(int column, long[] most, long[] least, BitSet nulls);

    /**
     * A binary column.
     *
     * @param column the column index
     * @param values the values, {@code null} for null rows
     */
    void binaries(int column, byte[][] values);
}
