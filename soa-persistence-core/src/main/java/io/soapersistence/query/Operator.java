package io.soapersistence.query;

/**
 * What a {@link Condition} tests, and how many operands it takes.
 */
public enum Operator {

    /** Equal to the one operand. */
    EQ(1),
    /** Not null and not equal to the one operand. */
    NE(1),
    /** Less than the one operand. */
    LT(1),
    /** Less than or equal to the one operand. */
    LE(1),
    /** Greater than the one operand. */
    GT(1),
    /** Greater than or equal to the one operand. */
    GE(1),
    /** Between the two operands, both inclusive. */
    BETWEEN(2),
    /** Equal to one of the operands; with no operands it matches nothing. */
    IN(-1),
    /** Null. */
    IS_NULL(0),
    /** Not null. */
    IS_NOT_NULL(0);

    private final int operands;

    Operator(int operands) {
        this.operands = operands;
    }

    /**
     * Whether {@code count} operands fit this operator.
     *
     * @param count the number of operands
     * @return {@code true} when the operator takes that many
     */
    public boolean takes(int count) {
        return (this.operands < 0) ? count >= 0 : count == this.operands;
    }

    /**
     * Whether the operator needs an order on the values: {@link #LT}, {@link #LE}, {@link #GT}, {@link #GE} and
     * {@link #BETWEEN}.
     *
     * @return {@code true} for the order comparisons
     */
    public boolean isOrdered() {
        return this == LT || this == LE || this == GT || this == GE || this == BETWEEN;
    }
}
