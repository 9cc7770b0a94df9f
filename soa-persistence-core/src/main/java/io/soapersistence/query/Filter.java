package io.soapersistence.query;

import java.util.List;
import java.util.Objects;

/**
 * A row filter: a {@link Condition} on one column, or a combination of filters. Filters are immutable values
 * built from the typed column handles of a generated SoA type, such as
 * {@code OrderSoA.ORDER_ID.between(1, 100).and(OrderSoA.STATUS.eq(OrderStatus.SHIPPED))}.
 */
public sealed interface Filter permits Condition, Filter.And, Filter.Or, Filter.Not {

    /**
     * The filter that matches every row, for projections without filtering.
     *
     * @return an empty conjunction
     */
    static Filter all() {
        return new And(List.of());
    }

    /**
     * The rows every one of {@code filters} matches; all rows when there are none.
     *
     * @param filters the filters
     * @return their conjunction
     */
    static Filter allOf(Filter... filters) {
        return new And(List.of(filters));
    }

    /**
     * The rows at least one of {@code filters} matches; no rows when there are none.
     *
     * @param filters the filters
     * @return their disjunction
     */
    static Filter anyOf(Filter... filters) {
        return new Or(List.of(filters));
    }

    /**
     * The rows {@code filter} does not match, nulls included.
     *
     * @param filter the filter to negate
     * @return its negation
     */
    static Filter not(Filter filter) {
        return new Not(filter);
    }

    /**
     * The rows both this filter and {@code other} match.
     *
     * @param other the other filter
     * @return the conjunction
     */
    default Filter and(Filter other) {
        return new And(List.of(this, other));
    }

    /**
     * The rows this filter or {@code other} matches.
     *
     * @param other the other filter
     * @return the disjunction
     */
    default Filter or(Filter other) {
        return new Or(List.of(this, other));
    }

    /**
     * The rows this filter does not match, nulls included.
     *
     * @return the negation
     */
    default Filter negate() {
        return new Not(this);
    }

    /**
     * The rows every one of {@code filters} matches; all rows when the list is empty.
     *
     * @param filters the operands, in order
     */
    record And(List<Filter> filters) implements Filter {

        /**
         * Creates a conjunction.
         *
         * @param filters the operands, none of them null; copied
         */
        public And {
            filters = List.copyOf(filters);
        }
    }

    /**
     * The rows at least one of {@code filters} matches; no rows when the list is empty.
     *
     * @param filters the operands, in order
     */
    record Or(List<Filter> filters) implements Filter {

        /**
         * Creates a disjunction.
         *
         * @param filters the operands, none of them null; copied
         */
        public Or {
            filters = List.copyOf(filters);
        }
    }

    /**
     * The rows {@code filter} does not match, nulls included.
     *
     * @param filter the negated filter
     */
    record Not(Filter filter) implements Filter {

        /**
         * Creates a negation.
         *
         * @param filter the filter to negate, not null
         */
        public Not {
            Objects.requireNonNull(filter, "filter");
        }
    }
}
