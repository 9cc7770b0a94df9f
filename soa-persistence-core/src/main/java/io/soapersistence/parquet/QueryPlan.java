package io.soapersistence.parquet;

import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.soapersistence.ColumnNotFoundException;
import io.soapersistence.SchemaMismatchException;
import io.soapersistence.query.Condition;
import io.soapersistence.query.Filter;
import io.soapersistence.query.Operator;
import io.soapersistence.query.ValueType;
import org.apache.arrow.vector.types.DateUnit;
import org.apache.arrow.vector.types.FloatingPointPrecision;
import org.apache.arrow.vector.types.TimeUnit;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * What a query reads and tests, resolved from the stored type's schema alone, before any I/O: the projected
 * fields come first, then the fields only the filter needs. Every column the filter or the projection names
 * must be a column of the stored type, of a matching type.
 */
final class QueryPlan {

    private static final long MICROS_PER_SECOND = 1_000_000L;

    private final List<Field> fields;

    private final int projected;

    private final RowFilter filter;

    private QueryPlan(List<Field> fields, int projected, RowFilter filter) {
        this.fields = fields;
        this.projected = projected;
        this.filter = filter;
    }

    /**
     * Resolves a query.
     *
     * @param stored the stored type's schema
     * @param filter the filter, on columns of the stored type
     * @param projection the schema of the returned type, a subset of the stored columns by name
     * @param file the dataset file, named by failures
     * @throws ColumnNotFoundException if the filter or the projection names a column the stored type lacks
     * @throws SchemaMismatchException if a column handle or a projected field does not match the stored column
     */
    static QueryPlan of(Schema stored, Filter filter, Schema projection, Path file) {
        Map<String, Field> storedFields = new LinkedHashMap<>();
        for (Field field : stored.getFields()) {
            storedFields.put(field.getName(), field);
        }
        List<Field> fields = new ArrayList<>();
        for (Field wanted : projection.getFields()) {
            Field have = storedFields.get(wanted.getName());
            if (have == null) {
                throw new ColumnNotFoundException(file, wanted.getName());
            }
            if (!have.getType().equals(wanted.getType()) || (have.isNullable() && !wanted.isNullable())) {
                throw new SchemaMismatchException(file, wanted.getName(), ParquetSchemaMapping.describe(wanted),
                        ParquetSchemaMapping.describe(have));
            }
            fields.add(wanted);
        }
        int projected = fields.size();
        RowFilter resolved = new Resolver(storedFields, fields, file).resolve(filter);
        return new QueryPlan(List.copyOf(fields), projected, resolved);
    }

    /** The fields to decode: the projection's, then the filter's other columns. */
    List<Field> fields() {
        return this.fields;
    }

    /** How many of {@link #fields()}, from the first, the query returns. */
    int projected() {
        return this.projected;
    }

    RowFilter filter() {
        return this.filter;
    }

    /** Turns a filter into a {@link RowFilter}, adding the fields it tests to the fields to read. */
    private static final class Resolver {

        private final Map<String, Field> stored;

        private final List<Field> fields;

        private final Path file;

        Resolver(Map<String, Field> stored, List<Field> fields, Path file) {
            this.stored = stored;
            this.fields = fields;
            this.file = file;
        }

        RowFilter resolve(Filter filter) {
            if (filter instanceof Filter.And and) {
                return new RowFilter.All(and.filters().stream().map(this::resolve).toList());
            }
            if (filter instanceof Filter.Or or) {
                return new RowFilter.Any(or.filters().stream().map(this::resolve).toList());
            }
            if (filter instanceof Filter.Not not) {
                return new RowFilter.Negation(resolve(not.filter()));
            }
            return resolve((Condition) filter);
        }

        private RowFilter resolve(Condition condition) {
            String name = condition.column().name();
            ValueType type = condition.column().valueType();
            Field field = this.stored.get(name);
            if (field == null) {
                throw new ColumnNotFoundException(this.file, name);
            }
            if (!fits(type, field)) {
                throw new SchemaMismatchException(this.file, name, "a " + type + " column ("
                        + condition.column().getClass().getSimpleName() + ")", ParquetSchemaMapping.describe(field));
            }
            int index = indexOf(field);
            Operator operator = condition.operator();
            List<Object> operands = condition.operands();
            if (operator == Operator.BETWEEN) {
                return new RowFilter.All(List.of(leaf(index, type, Operator.GE, List.of(operands.get(0))),
                        leaf(index, type, Operator.LE, List.of(operands.get(1)))));
            }
            return leaf(index, type, operator, operands);
        }

        private int indexOf(Field field) {
            for (int i = 0; i < this.fields.size(); i++) {
                if (this.fields.get(i).getName().equals(field.getName())) {
                    return i;
                }
            }
            this.fields.add(field);
            return this.fields.size() - 1;
        }
    }

    private static boolean fits(ValueType type, Field field) {
        ArrowType arrow = field.getType();
        return switch (type) {
            case BOOLEAN -> arrow instanceof ArrowType.Bool;
            // Unsigned columns are decoded sign-extended, so only the char-backed 16-bit one compares right.
            case INT -> arrow instanceof ArrowType.Int integer && integer.getBitWidth() <= 32
                    && (integer.getIsSigned() || integer.getBitWidth() == 16);
            case LONG -> arrow instanceof ArrowType.Int integer && integer.getBitWidth() == 64 && integer.getIsSigned();
            case DOUBLE -> arrow instanceof ArrowType.FloatingPoint fp
                    && fp.getPrecision() != FloatingPointPrecision.HALF;
            case STRING, ENUM -> arrow instanceof ArrowType.Utf8 || arrow instanceof ArrowType.LargeUtf8;
            case INSTANT -> arrow instanceof ArrowType.Timestamp ts && ts.getTimezone() != null
                    && ts.getUnit() == TimeUnit.MICROSECOND;
            case LOCAL_DATE_TIME -> arrow instanceof ArrowType.Timestamp ts && ts.getTimezone() == null
                    && ts.getUnit() == TimeUnit.MICROSECOND;
            case LOCAL_DATE -> arrow instanceof ArrowType.Date date && date.getUnit() == DateUnit.DAY;
            case LOCAL_TIME -> arrow instanceof ArrowType.Time time && time.getUnit() == TimeUnit.MICROSECOND;
            case DECIMAL -> arrow instanceof ArrowType.Decimal;
            case UUID -> isArrayKind(field, DecodedColumn.Kind.UUID);
            case BYTES -> isArrayKind(field, DecodedColumn.Kind.BINARY);
        };
    }

    private static boolean isArrayKind(Field field, DecodedColumn.Kind kind) {
        try {
            return DecodedColumn.kindOf(field) == kind;
        }
        catch (IllegalArgumentException ex) {
            return false;
        }
    }

    /** A leaf with operands in stored form; temporal operands finer than a microsecond move to the next bound. */
    private static RowFilter leaf(int field, ValueType type, Operator operator, List<Object> operands) {
        if (type != ValueType.INSTANT && type != ValueType.LOCAL_DATE_TIME && type != ValueType.LOCAL_TIME) {
            return new RowFilter.Leaf(field, operator, operands.stream().map(QueryPlan::stored).toList());
        }
        List<Micros> micros = operands.stream().map(QueryPlan::micros).toList();
        return switch (operator) {
            case IS_NULL, IS_NOT_NULL -> new RowFilter.Leaf(field, operator, List.of());
            case IN -> new RowFilter.Leaf(field, Operator.IN, micros.stream()
                .filter(Micros::isExact)
                .map(m -> (Object) m.floor())
                .toList());
            default -> microsLeaf(field, operator, micros.get(0));
        };
    }

    private static RowFilter microsLeaf(int field, Operator operator, Micros bound) {
        RowFilter notNull = new RowFilter.Leaf(field, Operator.IS_NOT_NULL, List.of());
        if (bound.outside() != 0) {
            boolean above = bound.outside() > 0;
            return switch (operator) {
                case EQ -> RowFilter.NONE;
                case NE -> notNull;
                case LT, LE -> above ? notNull : RowFilter.NONE;
                default -> above ? RowFilter.NONE : notNull;
            };
        }
        if (bound.isExact()) {
            return new RowFilter.Leaf(field, operator, List.of(bound.floor()));
        }
        return switch (operator) {
            case EQ -> RowFilter.NONE;
            case NE -> notNull;
            case LT, LE -> new RowFilter.Leaf(field, Operator.LE, List.of(bound.floor()));
            default -> new RowFilter.Leaf(field, Operator.GT, List.of(bound.floor()));
        };
    }

    private static Object stored(Object operand) {
        if (operand instanceof Integer value) {
            return value.longValue();
        }
        if (operand instanceof LocalDate date) {
            return date.toEpochDay();
        }
        if (operand instanceof Enum<?> constant) {
            return constant.name();
        }
        return operand;
    }

    /**
     * A temporal operand in microseconds: the largest whole microsecond not after it, whether that is exact,
     * and whether it lies beyond a {@code long} of microseconds (then -1 or 1).
     */
    private record Micros(long floor, boolean exact, int outside) {

        boolean isExact() {
            return this.exact && this.outside == 0;
        }
    }

    private static Micros micros(Object operand) {
        if (operand instanceof Instant instant) {
            return micros(instant.getEpochSecond(), instant.getNano());
        }
        if (operand instanceof LocalDateTime dateTime) {
            return micros(dateTime.toEpochSecond(ZoneOffset.UTC), dateTime.getNano());
        }
        long nanos = ((LocalTime) operand).toNanoOfDay();
        return new Micros(nanos / 1000, nanos % 1000 == 0, 0);
    }

    private static Micros micros(long seconds, int nanos) {
        try {
            long floor = Math.addExact(Math.multiplyExact(seconds, MICROS_PER_SECOND), nanos / 1000);
            return new Micros(floor, nanos % 1000 == 0, 0);
        }
        catch (ArithmeticException ex) {
            return new Micros(0, false, (seconds > 0) ? 1 : -1);
        }
    }
}
