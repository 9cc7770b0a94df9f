package io.soapersistence.query;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;

/**
 * A column whose values have an order, adding range comparisons to {@link Column}'s tests.
 *
 * @param <V> the Java type of the column's values
 */
public sealed class ComparableColumn<V extends Comparable<? super V>> extends Column<V>
        permits LongColumn, IntColumn, DoubleColumn {

    ComparableColumn(String name, ValueType valueType) {
        super(name, valueType);
    }

    /**
     * A string column; strings compare by Unicode code point.
     *
     * @param name the column name
     * @return the handle
     */
    public static ComparableColumn<String> ofString(String name) {
        return new ComparableColumn<>(name, ValueType.STRING);
    }

    /**
     * An instant column, stored as a UTC timestamp in microseconds.
     *
     * @param name the column name
     * @return the handle
     */
    public static ComparableColumn<Instant> ofInstant(String name) {
        return new ComparableColumn<>(name, ValueType.INSTANT);
    }

    /**
     * A date column.
     *
     * @param name the column name
     * @return the handle
     */
    public static ComparableColumn<LocalDate> ofLocalDate(String name) {
        return new ComparableColumn<>(name, ValueType.LOCAL_DATE);
    }

    /**
     * A local date-time column, stored as a timestamp without zone in microseconds.
     *
     * @param name the column name
     * @return the handle
     */
    public static ComparableColumn<LocalDateTime> ofLocalDateTime(String name) {
        return new ComparableColumn<>(name, ValueType.LOCAL_DATE_TIME);
    }

    /**
     * A time-of-day column, stored in microseconds.
     *
     * @param name the column name
     * @return the handle
     */
    public static ComparableColumn<LocalTime> ofLocalTime(String name) {
        return new ComparableColumn<>(name, ValueType.LOCAL_TIME);
    }

    /**
     * A decimal column; values compare numerically, whatever their scale.
     *
     * @param name the column name
     * @return the handle
     */
    public static ComparableColumn<BigDecimal> ofDecimal(String name) {
        return new ComparableColumn<>(name, ValueType.DECIMAL);
    }

    /**
     * Rows whose value is less than {@code value}.
     *
     * @param value the bound, not null
     * @return the filter
     */
    public Filter lt(V value) {
        return condition(Operator.LT, value);
    }

    /**
     * Rows whose value is less than or equal to {@code value}.
     *
     * @param value the bound, not null
     * @return the filter
     */
    public Filter le(V value) {
        return condition(Operator.LE, value);
    }

    /**
     * Rows whose value is greater than {@code value}.
     *
     * @param value the bound, not null
     * @return the filter
     */
    public Filter gt(V value) {
        return condition(Operator.GT, value);
    }

    /**
     * Rows whose value is greater than or equal to {@code value}.
     *
     * @param value the bound, not null
     * @return the filter
     */
    public Filter ge(V value) {
        return condition(Operator.GE, value);
    }

    /**
     * Rows whose value lies between {@code low} and {@code high}, both inclusive; no rows when
     * {@code low > high}.
     *
     * @param low the lower bound, not null
     * @param high the upper bound, not null
     * @return the filter
     */
    public Filter between(V low, V high) {
        return condition(Operator.BETWEEN, low, high);
    }
}
