package io.soapersistence.query;

import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * A typed handle on one stored column, matched by name, that builds {@link Filter}s on its values. Generated
 * SoA types declare one per component, such as {@code OrderSoA.ORDER_ID}; columns whose values have an order
 * are {@link ComparableColumn}s.
 *
 * @param <V> the Java type of the column's values
 */
public sealed class Column<V> permits ComparableColumn, EnumColumn {

    private final String name;

    private final ValueType valueType;

    Column(String name, ValueType valueType) {
        this.name = Objects.requireNonNull(name, "name");
        this.valueType = valueType;
    }

    /**
     * A boolean column.
     *
     * @param name the column name
     * @return the handle
     */
    public static Column<Boolean> ofBoolean(String name) {
        return new Column<>(name, ValueType.BOOLEAN);
    }

    /**
     * A UUID column.
     *
     * @param name the column name
     * @return the handle
     */
    public static Column<UUID> ofUuid(String name) {
        return new Column<>(name, ValueType.UUID);
    }

    /**
     * A byte array column, compared by content.
     *
     * @param name the column name
     * @return the handle
     */
    public static Column<byte[]> ofBytes(String name) {
        return new Column<>(name, ValueType.BYTES);
    }

    /**
     * The column name in the stored file.
     *
     * @return the name
     */
    public String name() {
        return this.name;
    }

    /**
     * The kind of values, which must match the stored column's.
     *
     * @return the value type
     */
    public ValueType valueType() {
        return this.valueType;
    }

    /**
     * The Java type of operands.
     *
     * @return the class every operand is an instance of
     */
    public Class<?> operandType() {
        return this.valueType.operandType();
    }

    /**
     * Rows whose value equals {@code value}.
     *
     * @param value the value, not null
     * @return the filter
     */
    public Filter eq(V value) {
        return condition(Operator.EQ, value);
    }

    /**
     * Rows whose value is not null and differs from {@code value}.
     *
     * @param value the value, not null
     * @return the filter
     */
    public Filter ne(V value) {
        return condition(Operator.NE, value);
    }

    /**
     * Rows whose value equals one of {@code values}; no rows when it is empty.
     *
     * @param values the values, none null
     * @return the filter
     */
    public Filter in(Collection<? extends V> values) {
        return new Condition(this, Operator.IN, List.copyOf(values));
    }

    /**
     * Rows whose value is null.
     *
     * @return the filter
     */
    public Filter isNull() {
        return condition(Operator.IS_NULL);
    }

    /**
     * Rows whose value is not null.
     *
     * @return the filter
     */
    public Filter isNotNull() {
        return condition(Operator.IS_NOT_NULL);
    }

    final Filter condition(Operator operator, Object... operands) {
        return new Condition(this, operator, List.of(operands));
    }

    @Override
    public String toString() {
        return this.name + " (" + this.valueType + ")";
    }
}
