package io.soapersistence.query;

import java.util.ArrayList;
import java.util.List;

/**
 * A handle on an integer column of at most 32 bits: {@code byte}, {@code short}, {@code char} or {@code int}, compared as {@code int}. The primitive overloads accept literals without boxing.
 */
public final class IntColumn extends ComparableColumn<Integer> {

    private IntColumn(String name) {
        super(name, ValueType.INT);
    }

    /**
     * A handle on the column named {@code name}.
     *
     * @param name the column name
     * @return the handle
     */
    public static IntColumn of(String name) {
        return new IntColumn(name);
    }

    /**
     * Rows whose value equals {@code value}.
     *
     * @param value the value
     * @return the filter
     */
    public Filter eq(int value) {
        return eq(Integer.valueOf(value));
    }

    /**
     * Rows whose value is not null and differs from {@code value}.
     *
     * @param value the value
     * @return the filter
     */
    public Filter ne(int value) {
        return ne(Integer.valueOf(value));
    }

    /**
     * Rows whose value is less than {@code value}.
     *
     * @param value the bound
     * @return the filter
     */
    public Filter lt(int value) {
        return lt(Integer.valueOf(value));
    }

    /**
     * Rows whose value is less than or equal to {@code value}.
     *
     * @param value the bound
     * @return the filter
     */
    public Filter le(int value) {
        return le(Integer.valueOf(value));
    }

    /**
     * Rows whose value is greater than {@code value}.
     *
     * @param value the bound
     * @return the filter
     */
    public Filter gt(int value) {
        return gt(Integer.valueOf(value));
    }

    /**
     * Rows whose value is greater than or equal to {@code value}.
     *
     * @param value the bound
     * @return the filter
     */
    public Filter ge(int value) {
        return ge(Integer.valueOf(value));
    }

    /**
     * Rows whose value lies between {@code low} and {@code high}, both inclusive.
     *
     * @param low the lower bound
     * @param high the upper bound
     * @return the filter
     */
    public Filter between(int low, int high) {
        return between(Integer.valueOf(low), Integer.valueOf(high));
    }

    /**
     * Rows whose value equals one of {@code values}; no rows when there are none.
     *
     * @param values the values
     * @return the filter
     */
    public Filter in(int... values) {
        List<Integer> boxed = new ArrayList<>(values.length);
        for (int value : values) {
            boxed.add(value);
        }
        return in(boxed);
    }
}
