package io.soapersistence.parquet;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import io.soapersistence.query.Operator;
import org.apache.parquet.filter2.predicate.FilterApi;
import org.apache.parquet.filter2.predicate.FilterPredicate;
import org.apache.parquet.filter2.predicate.Operators;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.LogicalTypeAnnotation.DateLogicalTypeAnnotation;
import org.apache.parquet.schema.LogicalTypeAnnotation.IntLogicalTypeAnnotation;
import org.apache.parquet.schema.LogicalTypeAnnotation.TimeLogicalTypeAnnotation;
import org.apache.parquet.schema.LogicalTypeAnnotation.TimeUnit;
import org.apache.parquet.schema.LogicalTypeAnnotation.TimestampLogicalTypeAnnotation;
import org.apache.parquet.schema.PrimitiveType;

/**
 * Translates a {@link RowFilter} into a parquet-java {@link FilterPredicate} for row group and page pruning.
 * The predicate must match every row the filter matches and may match more; whatever cannot be stated that
 * way is left out ({@code null}: no pruning). Negations are pushed down to the leaves first, because
 * parquet-java's own inversion of {@code lt} into {@code gtEq} would lose the null rows a negation keeps.
 * Leaves are pushed only where the file's values compare exactly like the decoded ones: same physical width,
 * unit and signedness, no decimals, and floating point only in positive comparisons (NaN and the two zeros
 * order differently in statistics than under Java's operators).
 */
final class FilterPushdown {

    private final List<PrimitiveType> fileColumns;

    private FilterPushdown(List<PrimitiveType> fileColumns) {
        this.fileColumns = fileColumns;
    }

    /**
     * The pushable part of {@code filter}.
     *
     * @param fileColumns the file's column for each field of the plan
     * @return the predicate, or {@code null} when nothing can be pushed
     */
    static FilterPredicate of(RowFilter filter, List<PrimitiveType> fileColumns) {
        return new FilterPushdown(fileColumns).push(filter, false);
    }

    private FilterPredicate push(RowFilter filter, boolean negated) {
        if (filter instanceof RowFilter.Negation negation) {
            return push(negation.filter(), !negated);
        }
        if (filter instanceof RowFilter.All all) {
            return negated ? anyOf(all.filters(), true) : allOf(all.filters(), false);
        }
        if (filter instanceof RowFilter.Any any) {
            return negated ? allOf(any.filters(), true) : anyOf(any.filters(), false);
        }
        return leaf((RowFilter.Leaf) filter, negated);
    }

    /** A conjunction may drop what it cannot push: the rest still holds for every matching row. */
    private FilterPredicate allOf(List<RowFilter> filters, boolean negated) {
        FilterPredicate result = null;
        for (RowFilter filter : filters) {
            FilterPredicate pushed = push(filter, negated);
            if (pushed != null) {
                result = (result == null) ? pushed : FilterApi.and(result, pushed);
            }
        }
        return result;
    }

    /** A disjunction is pushable only whole. */
    private FilterPredicate anyOf(List<RowFilter> filters, boolean negated) {
        if (filters.isEmpty()) {
            return null;
        }
        FilterPredicate result = null;
        for (RowFilter filter : filters) {
            FilterPredicate pushed = push(filter, negated);
            if (pushed == null) {
                return null;
            }
            result = (result == null) ? pushed : FilterApi.or(result, pushed);
        }
        return result;
    }

    private FilterPredicate leaf(RowFilter.Leaf leaf, boolean negated) {
        PrimitiveType type = this.fileColumns.get(leaf.field());
        if (type == null) {
            // A nullable column the file predates: every row is null, and the scan checks that row by row.
            return null;
        }
        String name = type.getName();
        if (name.indexOf('.') >= 0) {
            // FilterApi splits column paths at dots; a flat column with a dot in its name cannot be named.
            return null;
        }
        Operator operator = leaf.operator();
        boolean floating = type.getPrimitiveTypeName() == PrimitiveType.PrimitiveTypeName.DOUBLE
                || type.getPrimitiveTypeName() == PrimitiveType.PrimitiveTypeName.FLOAT;
        if (floating && (negated || operator == Operator.NE) && operator != Operator.IS_NULL
                && operator != Operator.IS_NOT_NULL) {
            return null;
        }
        List<Object> operands = floating ? widenZeros(operator, leaf.operands()) : leaf.operands();
        return switch (type.getPrimitiveTypeName()) {
            case INT64 -> isExactLong(type) ? ordered(FilterApi.longColumn(name), operator, negated,
                    convert(operands, FilterPushdown::toLong)) : null;
            case INT32 -> isExactInt(type) ? ordered(FilterApi.intColumn(name), operator, negated,
                    convert(operands, FilterPushdown::toInt)) : null;
            case DOUBLE -> ordered(FilterApi.doubleColumn(name), operator, negated,
                    convert(operands, FilterPushdown::toDouble));
            case FLOAT -> ordered(FilterApi.floatColumn(name), operator, negated,
                    convert(operands, FilterPushdown::toFloat));
            case BOOLEAN -> equality(FilterApi.booleanColumn(name), operator, negated,
                    convert(operands, o -> (Boolean) o));
            case BINARY, FIXED_LEN_BYTE_ARRAY -> isBinaryPushable(type) ? ordered(FilterApi.binaryColumn(name),
                    operator, negated, convert(operands, FilterPushdown::toBinary)) : null;
            default -> null;
        };
    }

    /**
     * Statistics order {@code -0.0} before {@code 0.0}, Java's operators call them equal: bounds at zero move
     * to the zero that keeps both, and NaN operands, which match nothing, are dropped.
     */
    private static List<Object> widenZeros(Operator operator, List<Object> operands) {
        List<Object> widened = new ArrayList<>();
        for (Object operand : operands) {
            double value = (Double) operand;
            if (Double.isNaN(value)) {
                continue;
            }
            if (value != 0.0) {
                widened.add(value);
            }
            else if (operator == Operator.LT || operator == Operator.LE) {
                widened.add(0.0);
            }
            else if (operator == Operator.GT || operator == Operator.GE) {
                widened.add(-0.0);
            }
            else {
                widened.add(-0.0);
                widened.add(0.0);
            }
        }
        return (widened.isEmpty() && !operands.isEmpty()) ? null : widened;
    }

    /** A conversion of one stored operand into the file's comparable value, {@code null} if it has none. */
    @FunctionalInterface
    private interface Conversion<T> {

        T convert(Object operand);
    }

    private static <T> List<T> convert(List<Object> operands, Conversion<T> conversion) {
        if (operands == null) {
            return null;
        }
        List<T> values = new ArrayList<>(operands.size());
        for (Object operand : operands) {
            T value = conversion.convert(operand);
            if (value == null) {
                return null;
            }
            values.add(value);
        }
        return values;
    }

    private static <T extends Comparable<T>, C extends Operators.Column<T> & Operators.SupportsLtGt> FilterPredicate
            ordered(C column, Operator operator, boolean negated, List<T> values) {
        if (values == null || !operator.isOrdered()) {
            return equality(column, operator, negated, values);
        }
        T bound = values.get(0);
        if (negated) {
            FilterPredicate complement = switch (operator) {
                case LT -> FilterApi.gtEq(column, bound);
                case LE -> FilterApi.gt(column, bound);
                case GT -> FilterApi.ltEq(column, bound);
                default -> FilterApi.lt(column, bound);
            };
            return FilterApi.or(complement, FilterApi.eq(column, null));
        }
        return switch (operator) {
            case LT -> FilterApi.lt(column, bound);
            case LE -> FilterApi.ltEq(column, bound);
            case GT -> FilterApi.gt(column, bound);
            default -> FilterApi.gtEq(column, bound);
        };
    }

    private static <T extends Comparable<T>, C extends Operators.Column<T> & Operators.SupportsEqNotEq>
            FilterPredicate equality(C column, Operator operator, boolean negated, List<T> values) {
        if (operator == Operator.IS_NULL || operator == Operator.IS_NOT_NULL) {
            boolean nulls = (operator == Operator.IS_NULL) != negated;
            return nulls ? FilterApi.eq(column, null) : FilterApi.notEq(column, null);
        }
        if (values == null || values.isEmpty()) {
            return null;
        }
        return switch (operator) {
            // Parquet's notEq keeps null rows, exactly what the negation of an equality keeps.
            case EQ -> negated ? FilterApi.notEq(column, values.get(0)) : equalToAny(column, values);
            case NE -> negated ? FilterApi.or(FilterApi.eq(column, values.get(0)), FilterApi.eq(column, null))
                    : FilterApi.notEq(column, values.get(0));
            case IN -> negated ? null : equalToAny(column, values);
            default -> null;
        };
    }

    private static <T extends Comparable<T>, C extends Operators.Column<T> & Operators.SupportsEqNotEq>
            FilterPredicate equalToAny(C column, List<T> values) {
        Set<T> distinct = new LinkedHashSet<>(values);
        return (distinct.size() == 1) ? FilterApi.eq(column, distinct.iterator().next())
                : FilterApi.in(column, distinct);
    }

    /** INT64 values that decode unchanged: plain or signed integers, microsecond timestamps and times. */
    private static boolean isExactLong(PrimitiveType type) {
        LogicalTypeAnnotation annotation = type.getLogicalTypeAnnotation();
        return annotation == null || (annotation instanceof IntLogicalTypeAnnotation integer && integer.isSigned())
                || (annotation instanceof TimestampLogicalTypeAnnotation ts && ts.getUnit() == TimeUnit.MICROS)
                || (annotation instanceof TimeLogicalTypeAnnotation time && time.getUnit() == TimeUnit.MICROS);
    }

    /** INT32 values that decode unchanged and compare signed: plain or signed integers and dates. */
    private static boolean isExactInt(PrimitiveType type) {
        LogicalTypeAnnotation annotation = type.getLogicalTypeAnnotation();
        return annotation == null || (annotation instanceof IntLogicalTypeAnnotation integer && integer.isSigned())
                || annotation instanceof DateLogicalTypeAnnotation;
    }

    /** Binary columns compare as unsigned bytes, as UTF-8 strings order by code point; decimals do not. */
    private static boolean isBinaryPushable(PrimitiveType type) {
        return !(type.getLogicalTypeAnnotation() instanceof LogicalTypeAnnotation.DecimalLogicalTypeAnnotation);
    }

    private static Long toLong(Object operand) {
        return (operand instanceof Long value) ? value : null;
    }

    private static Integer toInt(Object operand) {
        if (operand instanceof Long value && value >= Integer.MIN_VALUE && value <= Integer.MAX_VALUE) {
            return value.intValue();
        }
        return null;
    }

    private static Double toDouble(Object operand) {
        return (operand instanceof Double value) ? value : null;
    }

    private static Float toFloat(Object operand) {
        if (operand instanceof Double value && (double) value.floatValue() == value) {
            return value.floatValue();
        }
        return null;
    }

    private static Binary toBinary(Object operand) {
        if (operand instanceof String text) {
            return Binary.fromString(text);
        }
        if (operand instanceof byte[] bytes) {
            return Binary.fromConstantByteArray(bytes);
        }
        if (operand instanceof UUID uuid) {
            ByteBuffer bytes = ByteBuffer.allocate(16).putLong(uuid.getMostSignificantBits())
                .putLong(uuid.getLeastSignificantBits());
            return Binary.fromConstantByteArray(bytes.array());
        }
        return null;
    }
}
