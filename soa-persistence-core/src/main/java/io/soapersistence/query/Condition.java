package io.soapersistence.query;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A test of one column's values: the leaf of every {@link Filter}. Built by the methods of {@link Column} and
 * its subclasses, which keep operands typed; the constructor checks the same rules for conditions built by hand.
 *
 * @param column the column tested
 * @param operator the test
 * @param operands the operands, each an instance of the column's operand type; byte array operands are
 *     copies that must not be modified
 */
public record Condition(Column<?> column, Operator operator, List<Object> operands) implements Filter {

    /**
     * Creates a condition.
     *
     * @param column the column tested
     * @param operator the test
     * @param operands the operands, none null; use {@link Operator#IS_NULL} to test for null
     * @throws IllegalArgumentException if the operands do not fit the operator or the column, or the operator
     *     needs an order the column's values do not have
     */
    public Condition {
        Objects.requireNonNull(column, "column");
        Objects.requireNonNull(operator, "operator");
        if (!operator.takes(operands.size())) {
            throw new IllegalArgumentException(operator + " does not take " + operands.size() + " operands");
        }
        if (operator.isOrdered() && !column.valueType().isOrdered()) {
            throw new IllegalArgumentException(operator + " needs ordered values, but column '" + column.name()
                    + "' holds " + column.valueType());
        }
        List<Object> copies = new ArrayList<>(operands.size());
        for (Object operand : operands) {
            Objects.requireNonNull(operand, "operand of a condition on '" + column.name() + "'; use isNull()");
            if (!column.operandType().isInstance(operand)) {
                throw new IllegalArgumentException("column '" + column.name() + "' takes "
                        + column.operandType().getSimpleName() + " operands, not " + operand.getClass().getName());
            }
            copies.add((operand instanceof byte[] bytes) ? bytes.clone() : operand);
        }
        operands = List.copyOf(copies);
    }
}
