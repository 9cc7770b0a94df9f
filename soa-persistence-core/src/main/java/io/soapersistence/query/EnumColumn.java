package io.soapersistence.query;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A column of enum constants, stored by name. Only equality tests apply: the stored names have no order that
 * means anything to the enum.
 *
 * @param <E> the enum type
 */
public final class EnumColumn<E extends Enum<E>> extends Column<E> {

    private final Class<E> enumType;

    private EnumColumn(String name, Class<E> enumType) {
        super(name, ValueType.ENUM);
        this.enumType = Objects.requireNonNull(enumType, "enumType");
    }

    /**
     * An enum column.
     *
     * @param <E> the enum type
     * @param name the column name
     * @param enumType the enum class
     * @return the handle
     */
    public static <E extends Enum<E>> EnumColumn<E> of(String name, Class<E> enumType) {
        return new EnumColumn<>(name, enumType);
    }

    /**
     * The enum class.
     *
     * @return the class every operand is a constant of
     */
    @Override
    public Class<E> operandType() {
        return this.enumType;
    }

    /**
     * Rows whose value is one of {@code values}; no rows when there are none.
     *
     * @param values the constants, none null
     * @return the filter
     */
    @SafeVarargs
    public final Filter in(E... values) {
        List<E> constants = new ArrayList<>(values.length);
        for (E value : values) {
            constants.add(value);
        }
        return in(constants);
    }
}
