package io.soapersistence.query;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.Map;
import java.util.function.Function;

/**
 * Evaluates a {@link Filter} on records in memory, written from the documented semantics and independent of the
 * engine: the reference every query result is compared with.
 *
 * @param <R> the record type
 */
public final class FilterOracle<R> {

    private final Map<String, Function<R, Object>> columns;

    /**
     * @param columns each column name's accessor on a record
     */
    public FilterOracle(Map<String, Function<R, Object>> columns) {
        this.columns = columns;
    }

    public boolean test(Filter filter, R row) {
        if (filter instanceof Filter.And and) {
            return and.filters().stream().allMatch(f -> test(f, row));
        }
        if (filter instanceof Filter.Or or) {
            return or.filters().stream().anyMatch(f -> test(f, row));
        }
        if (filter instanceof Filter.Not not) {
            return !test(not.filter(), row);
        }
        Condition condition = (Condition) filter;
        Object value = this.columns.get(condition.column().name()).apply(row);
        return test(condition, value);
    }

    private static boolean test(Condition condition, Object value) {
        switch (condition.operator()) {
            case IS_NULL:
                return value == null;
            case IS_NOT_NULL:
                return value != null;
            default:
                break;
        }
        if (value == null) {
            return false;
        }
        Object x = normalize(value);
        var operands = condition.operands().stream().map(FilterOracle::normalize).toList();
        return switch (condition.operator()) {
            case EQ -> equal(x, operands.get(0));
            case NE -> !equal(x, operands.get(0));
            case IN -> operands.stream().anyMatch(o -> equal(x, o));
            case LT -> compare(x, operands.get(0)) == -1;
            case LE -> compare(x, operands.get(0)) == -1 || compare(x, operands.get(0)) == 0;
            case GT -> compare(x, operands.get(0)) == 1;
            case GE -> compare(x, operands.get(0)) == 1 || compare(x, operands.get(0)) == 0;
            case BETWEEN -> (compare(x, operands.get(0)) >= 0) && compare(x, operands.get(1)) <= 0
                    && compare(x, operands.get(1)) != Integer.MIN_VALUE;
            default -> throw new IllegalStateException();
        };
    }

    private static Object normalize(Object value) {
        if (value instanceof Byte || value instanceof Short || value instanceof Integer) {
            return ((Number) value).longValue();
        }
        if (value instanceof Character c) {
            return (long) c;
        }
        if (value instanceof Float f) {
            return (double) f;
        }
        if (value instanceof Enum<?> e) {
            return e.name();
        }
        return value;
    }

    private static boolean equal(Object a, Object b) {
        if (a instanceof Double x) {
            return x.doubleValue() == ((Double) b).doubleValue();
        }
        if (a instanceof BigDecimal x) {
            return x.compareTo((BigDecimal) b) == 0;
        }
        if (a instanceof byte[] x) {
            return Arrays.equals(x, (byte[]) b);
        }
        return a.equals(b);
    }

    /** -1, 0 or 1, or {@code Integer.MIN_VALUE} when unordered (NaN). */
    @SuppressWarnings({"unchecked", "rawtypes"})
    private static int compare(Object a, Object b) {
        if (a instanceof Double x) {
            double y = (Double) b;
            return (x < y) ? -1 : (x > y) ? 1 : (x == y) ? 0 : Integer.MIN_VALUE;
        }
        if (a instanceof String x) {
            return Integer.signum(Arrays.compare(x.codePoints().toArray(), ((String) b).codePoints().toArray()));
        }
        return Integer.signum(((Comparable) a).compareTo(b));
    }
}
