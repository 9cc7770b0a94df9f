package io.soapersistence.query;

import java.util.ArrayList;
import java.util.List;

/**
 * A handle on a floating point column, {@code float} or {@code double}, compared as {@code double} with Java's operators: NaN matches no comparison but {@code ne}, and {@code -0.0} equals {@code 0.0}. The primitive overloads accept literals without boxing.
 */
public final class DoubleColumn extends ComparableColumn<Double> {

    private DoubleColumn(String name) {
        super(name, ValueType.DOUBLE);
    }

    /**
     * A handle on the column named {@code name}.
     *
     * @param name the column name
     * @return the handle
     */
    public static DoubleColumn of(String name) {
        return new DoubleColumn(name);
    }

    /**
     * Rows whose value equals {@code value}.
     *
     * @param value the value
     * @return the filter
     */
    public Filter eq(double value) {
        return eq(Double.valueOf(value));
    }

    /**
     * Rows whose value is not null and differs from {@code value}.
     *
     * @param value the value
     * @return the filter
     */
    public Filter ne(double value) {
        return ne(Double.valueOf(value));
    }

    /**
     * Rows whose value is less than {@code value}.
     *
     * @param value the bound
     * @return the filter
     */
    public Filter lt(double value) {
        return lt(Double.valueOf(value));
    }

    /**
     * Rows whose value is less than or equal to {@code value}.
     *
     * @param value the bound
     * @return the filter
     */
    public Filter le(double value) {
        return le(Double.valueOf(value));
    }

    /**
     * Rows whose value is greater than {@code value}.
     *
     * @param value the bound
     * @return the filter
     */
    public Filter gt(double value) {
        return gt(Double.valueOf(value));
    }

    /**
     * Rows whose value is greater than or equal to {@code value}.
     *
     * @param value the bound
     * @return the filter
     */
    public Filter ge(double value) {
        return ge(Double.valueOf(value));
    }

    /**
     * Rows whose value lies between {@code low} and {@code high}, both inclusive.
     *
     * @param low the lower bound
     * @param high the upper bound
     * @return the filter
     */
    public Filter between(double low, double high) {
        return between(Double.valueOf(low), Double.valueOf(high));
    }

    /**
     * Rows whose value equals one of {@code values}; no rows when there are none.
     *
     * @param values the values
     * @return the filter
     */
    public Filter in(double... values) {
        List<Double> boxed = new ArrayList<>(values.length);
        for (double value : values) {
            boxed.add(value);
        }
        return in(boxed);
    }
}
