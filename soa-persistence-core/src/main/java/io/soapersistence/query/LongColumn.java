package io.soapersistence.query;

import java.util.ArrayList;
import java.util.List;

/**
 * A handle on a {@code long} column. The primitive overloads accept literals without boxing.
 */
public final class LongColumn extends ComparableColumn<Long> {

    private LongColumn(String name) {
        super(name, ValueType.LONG);
    }

    /**
     * A handle on the column named {@code name}.
     *
     * @param name the column name
     * @return the handle
     */
    public static LongColumn of(String name) {
        return new LongColumn(name);
    }

    /**
     * Rows whose value equals {@code value}.
     *
     * @param value the value
     * @return the filter
     */
    public Filter eq(long value) {
        return eq(Long.valueOf(value));
    }

    /**
     * Rows whose value is not null and differs from {@code value}.
     *
     * @param value the value
     * @return the filter
     */
    public Filter ne(long value) {
        return ne(Long.valueOf(value));
    }

    /**
     * Rows whose value is less than {@code value}.
     *
     * @param value the bound
     * @return the filter
     */
    public Filter lt(long value) {
        return lt(Long.valueOf(value));
    }

    /**
     * Rows whose value is less than or equal to {@code value}.
     *
     * @param value the bound
     * @return the filter
     */
    public Filter le(long value) {
        return le(Long.valueOf(value));
    }

    /**
     * Rows whose value is greater than {@code value}.
     *
     * @param value the bound
     * @return the filter
     */
    public Filter gt(long value) {
        return gt(Long.valueOf(value));
    }

    /**
     * Rows whose value is greater than or equal to {@code value}.
     *
     * @param value the bound
     * @return the filter
     */
    public Filter ge(long value) {
        return ge(Long.valueOf(value));
    }

    /**
     * Rows whose value lies between {@code low} and {@code high}, both inclusive.
     *
     * @param low the lower bound
     * @param high the upper bound
     * @return the filter
     */
    public Filter between(long low, long high) {
        return between(Long.valueOf(low), Long.valueOf(high));
    }

    /**
     * Rows whose value equals one of {@code values}; no rows when there are none.
     *
     * @param values the values
     * @return the filter
     */
    public Filter in(long... values) {
        List<Long> boxed = new ArrayList<>(values.length);
        for (long value : values) {
            boxed.add(value);
        }
        return in(boxed);
    }
}
