package io.soapersistence.parquet;

import java.util.List;

import io.soapersistence.query.Operator;

/**
 * A {@link io.soapersistence.query.Filter} resolved against the fields a query reads: leaves name a field by
 * index and hold operands in the form the decoded arrays store, so that evaluation and pushdown compare like
 * with like.
 */
sealed interface RowFilter {

    /** Matches every row. */
    RowFilter EVERY = new All(List.of());

    /** Matches no row. */
    RowFilter NONE = new Any(List.of());

    /**
     * One test of one field. Operands are {@code Long} for integer, date, time and timestamp columns (epoch days
     * and microseconds), {@code Double}, {@code String} (enum names included), {@code Boolean},
     * {@code BigDecimal}, {@code UUID} or {@code byte[]}. {@link Operator#BETWEEN} never occurs: it is split
     * into two bounds.
     */
    record Leaf(int field, Operator operator, List<Object> operands) implements RowFilter {
    }

    /** Rows every operand matches. */
    record All(List<RowFilter> filters) implements RowFilter {
    }

    /** Rows some operand matches. */
    record Any(List<RowFilter> filters) implements RowFilter {
    }

    /** Rows the operand does not match. */
    record Negation(RowFilter filter) implements RowFilter {
    }
}
