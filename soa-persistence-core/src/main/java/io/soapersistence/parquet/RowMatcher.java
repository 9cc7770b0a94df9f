package io.soapersistence.parquet;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.function.BiPredicate;
import java.util.function.IntFunction;
import java.util.function.IntPredicate;
import java.util.function.IntToDoubleFunction;
import java.util.function.IntToLongFunction;

import io.soapersistence.query.Operator;

/**
 * Evaluates a {@link RowFilter} on decoded columns, row by row: the exact re-check behind every pruned read,
 * since statistics, dictionaries, bloom filters and column indexes only rule rows out conservatively.
 */
final class RowMatcher {

    /** Orders strings by code point, as Parquet orders their UTF-8 bytes. */
    private static final Comparator<Object> CODE_POINT_ORDER = (a, b) -> compareCodePoints((String) a, (String) b);

    private static final Comparator<Object> DECIMAL_ORDER = (a, b) -> ((BigDecimal) a).compareTo((BigDecimal) b);

    private final DecodedColumn[] columns;

    private RowMatcher(DecodedColumn[] columns) {
        this.columns = columns;
    }

    /**
     * Compiles {@code filter} over {@code columns}, indexed like the plan's fields.
     *
     * @return a test of one row index
     */
    static IntPredicate compile(RowFilter filter, DecodedColumn[] columns) {
        return new RowMatcher(columns).compile(filter);
    }

    private IntPredicate compile(RowFilter filter) {
        if (filter instanceof RowFilter.All all) {
            IntPredicate[] parts = all.filters().stream().map(this::compile).toArray(IntPredicate[]::new);
            return row -> {
                for (IntPredicate part : parts) {
                    if (!part.test(row)) {
                        return false;
                    }
                }
                return true;
            };
        }
        if (filter instanceof RowFilter.Any any) {
            IntPredicate[] parts = any.filters().stream().map(this::compile).toArray(IntPredicate[]::new);
            return row -> {
                for (IntPredicate part : parts) {
                    if (part.test(row)) {
                        return true;
                    }
                }
                return false;
            };
        }
        if (filter instanceof RowFilter.Negation negation) {
            return compile(negation.filter()).negate();
        }
        return leaf((RowFilter.Leaf) filter);
    }

    private IntPredicate leaf(RowFilter.Leaf leaf) {
        DecodedColumn column = this.columns[leaf.field()];
        IntPredicate isNull = isNull(column);
        Operator operator = leaf.operator();
        if (operator == Operator.IS_NULL) {
            return isNull;
        }
        if (operator == Operator.IS_NOT_NULL) {
            return isNull.negate();
        }
        IntPredicate test = switch (column.kind) {
            case BYTE, SHORT, CHAR, INT, LONG -> longTest(longs(column), operator, leaf.operands());
            case FLOAT, DOUBLE -> doubleTest(doubles(column), operator, leaf.operands());
            case STRING -> objectTest(row -> column.objects[row - column.base], Object::equals, CODE_POINT_ORDER, operator,
                    leaf.operands());
            case DECIMAL -> objectTest(row -> column.objects[row - column.base], (a, b) -> DECIMAL_ORDER.compare(a, b) == 0,
                    DECIMAL_ORDER, operator, leaf.operands());
            case BINARY -> objectTest(row -> column.objects[row - column.base], (a, b) -> Arrays.equals((byte[]) a, (byte[]) b),
                    null, operator, leaf.operands());
            case BOOLEAN -> objectTest(row -> column.booleans[row - column.base], Object::equals, null, operator, leaf.operands());
            case UUID -> objectTest(row -> new UUID(column.longs[row - column.base], column.least[row - column.base]), Object::equals, null,
                    operator, leaf.operands());
        };
        return row -> !isNull.test(row) && test.test(row);
    }

    private static IntPredicate isNull(DecodedColumn column) {
        return switch (column.kind) {
            case STRING, DECIMAL, BINARY -> row -> column.objects[row - column.base] == null;
            default -> row -> column.nulls.get(row - column.base);
        };
    }

    private static IntToLongFunction longs(DecodedColumn column) {
        return switch (column.kind) {
            case BYTE -> row -> column.bytes[row - column.base];
            case SHORT -> row -> column.shorts[row - column.base];
            case CHAR -> row -> column.chars[row - column.base];
            case INT -> row -> column.ints[row - column.base];
            default -> row -> column.longs[row - column.base];
        };
    }

    private static IntToDoubleFunction doubles(DecodedColumn column) {
        return (column.kind == DecodedColumn.Kind.FLOAT) ? row -> column.floats[row - column.base] : row -> column.doubles[row - column.base];
    }

    private static IntPredicate longTest(IntToLongFunction value, Operator operator, List<Object> operands) {
        if (operator == Operator.IN) {
            long[] sorted = operands.stream().mapToLong(o -> (Long) o).sorted().toArray();
            return row -> Arrays.binarySearch(sorted, value.applyAsLong(row)) >= 0;
        }
        long bound = (Long) operands.get(0);
        return switch (operator) {
            case EQ -> row -> value.applyAsLong(row) == bound;
            case NE -> row -> value.applyAsLong(row) != bound;
            case LT -> row -> value.applyAsLong(row) < bound;
            case LE -> row -> value.applyAsLong(row) <= bound;
            case GT -> row -> value.applyAsLong(row) > bound;
            case GE -> row -> value.applyAsLong(row) >= bound;
            default -> throw new IllegalStateException("unexpected " + operator);
        };
    }

    private static IntPredicate doubleTest(IntToDoubleFunction value, Operator operator, List<Object> operands) {
        if (operator == Operator.IN) {
            double[] candidates = operands.stream().mapToDouble(o -> (Double) o).toArray();
            return row -> {
                double x = value.applyAsDouble(row);
                for (double candidate : candidates) {
                    if (x == candidate) {
                        return true;
                    }
                }
                return false;
            };
        }
        double bound = (Double) operands.get(0);
        return switch (operator) {
            case EQ -> row -> value.applyAsDouble(row) == bound;
            case NE -> row -> value.applyAsDouble(row) != bound;
            case LT -> row -> value.applyAsDouble(row) < bound;
            case LE -> row -> value.applyAsDouble(row) <= bound;
            case GT -> row -> value.applyAsDouble(row) > bound;
            case GE -> row -> value.applyAsDouble(row) >= bound;
            default -> throw new IllegalStateException("unexpected " + operator);
        };
    }

    /** Tests boxed values; {@code order} is {@code null} for values compared only for equality. */
    private static IntPredicate objectTest(IntFunction<Object> value, BiPredicate<Object, Object> equal,
            Comparator<Object> order, Operator operator, List<Object> operands) {
        if (operator == Operator.IN) {
            return row -> {
                Object x = value.apply(row);
                for (Object candidate : operands) {
                    if (equal.test(x, candidate)) {
                        return true;
                    }
                }
                return false;
            };
        }
        Object bound = operands.get(0);
        return switch (operator) {
            case EQ -> row -> equal.test(value.apply(row), bound);
            case NE -> row -> !equal.test(value.apply(row), bound);
            case LT -> row -> order.compare(value.apply(row), bound) < 0;
            case LE -> row -> order.compare(value.apply(row), bound) <= 0;
            case GT -> row -> order.compare(value.apply(row), bound) > 0;
            case GE -> row -> order.compare(value.apply(row), bound) >= 0;
            default -> throw new IllegalStateException("unexpected " + operator);
        };
    }

    static int compareCodePoints(String a, String b) {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            int x = a.codePointAt(i);
            int y = b.codePointAt(j);
            if (x != y) {
                return Integer.compare(x, y);
            }
            i += Character.charCount(x);
            j += Character.charCount(y);
        }
        return Integer.compare(a.length() - i, b.length() - j);
    }
}
