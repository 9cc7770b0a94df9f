package io.soapersistence.parquet;

import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;

import io.soapersistence.fixtures.AllTypes;
import io.soapersistence.fixtures.AllTypesSoA;
import io.soapersistence.fixtures.Order;
import io.soapersistence.fixtures.OrderSoA;
import io.soapersistence.query.Column;
import io.soapersistence.query.Condition;
import io.soapersistence.query.Filter;
import io.soapersistence.query.FilterOracle;
import io.soapersistence.query.Operator;
import io.soapersistence.query.ValueType;

/** Column accessors, oracles and random filters over the Order and AllTypes fixtures. */
final class QueryFixtures {

    private QueryFixtures() {
    }

    static final Map<Column<?>, Function<Order, Object>> ORDER_COLUMNS = orderColumns();

    static final Map<Column<?>, Function<AllTypes, Object>> ALL_TYPES_COLUMNS = allTypesColumns();

    static final FilterOracle<Order> ORDER_ORACLE = oracle(ORDER_COLUMNS);

    static final FilterOracle<AllTypes> ALL_TYPES_ORACLE = oracle(ALL_TYPES_COLUMNS);

    private static Map<Column<?>, Function<Order, Object>> orderColumns() {
        Map<Column<?>, Function<Order, Object>> columns = new LinkedHashMap<>();
        columns.put(OrderSoA.ORDER_ID, Order::orderId);
        columns.put(OrderSoA.CUSTOMER_ID, Order::customerId);
        columns.put(OrderSoA.PRODUCT_ID, Order::productId);
        columns.put(OrderSoA.QUANTITY, Order::quantity);
        columns.put(OrderSoA.UNIT_PRICE, Order::unitPrice);
        columns.put(OrderSoA.TOTAL_AMOUNT, Order::totalAmount);
        columns.put(OrderSoA.STATUS, Order::status);
        columns.put(OrderSoA.PAYMENT_METHOD, Order::paymentMethod);
        columns.put(OrderSoA.ORDER_TIMESTAMP, Order::orderTimestamp);
        columns.put(OrderSoA.ADDRESS_HASH, Order::addressHash);
        return columns;
    }

    private static Map<Column<?>, Function<AllTypes, Object>> allTypesColumns() {
        Map<Column<?>, Function<AllTypes, Object>> columns = new LinkedHashMap<>();
        columns.put(AllTypesSoA.FLAG, AllTypes::flag);
        columns.put(AllTypesSoA.MAYBE_FLAG, AllTypes::maybeFlag);
        columns.put(AllTypesSoA.TINY, AllTypes::tiny);
        columns.put(AllTypesSoA.MAYBE_TINY, AllTypes::maybeTiny);
        columns.put(AllTypesSoA.SMALL, AllTypes::small);
        columns.put(AllTypesSoA.MAYBE_SMALL, AllTypes::maybeSmall);
        columns.put(AllTypesSoA.LETTER, AllTypes::letter);
        columns.put(AllTypesSoA.MAYBE_LETTER, AllTypes::maybeLetter);
        columns.put(AllTypesSoA.COUNT, AllTypes::count);
        columns.put(AllTypesSoA.MAYBE_COUNT, AllTypes::maybeCount);
        columns.put(AllTypesSoA.BIG, AllTypes::big);
        columns.put(AllTypesSoA.MAYBE_BIG, AllTypes::maybeBig);
        columns.put(AllTypesSoA.RATIO, AllTypes::ratio);
        columns.put(AllTypesSoA.MAYBE_RATIO, AllTypes::maybeRatio);
        columns.put(AllTypesSoA.AMOUNT, AllTypes::amount);
        columns.put(AllTypesSoA.MAYBE_AMOUNT, AllTypes::maybeAmount);
        columns.put(AllTypesSoA.TEXT, AllTypes::text);
        columns.put(AllTypesSoA.STATUS, AllTypes::status);
        columns.put(AllTypesSoA.AT, AllTypes::at);
        columns.put(AllTypesSoA.DAY, AllTypes::day);
        columns.put(AllTypesSoA.LOCAL_AT, AllTypes::localAt);
        columns.put(AllTypesSoA.TIME, AllTypes::time);
        columns.put(AllTypesSoA.PRICE, AllTypes::price);
        columns.put(AllTypesSoA.BIG_PRICE, AllTypes::bigPrice);
        columns.put(AllTypesSoA.ID, AllTypes::id);
        columns.put(AllTypesSoA.PAYLOAD, AllTypes::payload);
        return columns;
    }

    private static <R> FilterOracle<R> oracle(Map<Column<?>, Function<R, Object>> columns) {
        Map<String, Function<R, Object>> byName = new LinkedHashMap<>();
        columns.forEach((column, accessor) -> byName.put(column.name(), accessor));
        return new FilterOracle<>(byName);
    }

    /**
     * Random filters whose operands are values of the rows (so that they match some), nudged for temporal
     * columns by sub-microsecond amounts, combined with and/or/not up to {@code depth}.
     */
    static <R> Filter randomFilter(Random random, Map<Column<?>, Function<R, Object>> columns, List<R> rows,
            int depth) {
        if (depth > 0 && random.nextInt(3) > 0) {
            int kind = random.nextInt(3);
            Filter left = randomFilter(random, columns, rows, depth - 1);
            if (kind == 2) {
                return left.negate();
            }
            Filter right = randomFilter(random, columns, rows, depth - 1);
            return (kind == 0) ? left.and(right) : left.or(right);
        }
        List<Column<?>> handles = new ArrayList<>(columns.keySet());
        Column<?> column = handles.get(random.nextInt(handles.size()));
        Function<R, Object> accessor = columns.get(column);
        List<Operator> operators = new ArrayList<>(List.of(Operator.EQ, Operator.NE, Operator.IN, Operator.IS_NULL,
                Operator.IS_NOT_NULL));
        if (column.valueType().isOrdered()) {
            operators.addAll(List.of(Operator.LT, Operator.LE, Operator.GT, Operator.GE, Operator.BETWEEN,
                    Operator.BETWEEN));
        }
        Operator operator = operators.get(random.nextInt(operators.size()));
        int count = switch (operator) {
            case IS_NULL, IS_NOT_NULL -> 0;
            case BETWEEN -> 2;
            case IN -> random.nextInt(4);
            default -> 1;
        };
        List<Object> operands = new ArrayList<>();
        while (operands.size() < count) {
            Object value = accessor.apply(rows.get(random.nextInt(rows.size())));
            if (value != null) {
                operands.add(operand(random, column.valueType(), value));
            }
        }
        if (operator == Operator.BETWEEN && random.nextInt(4) > 0) {
            operands.sort(null);
        }
        return new Condition(column, operator, operands);
    }

    private static Object operand(Random random, ValueType type, Object value) {
        boolean nudge = random.nextInt(3) == 0;
        int nanos = 1 + random.nextInt(999);
        return switch (type) {
            case INT -> (value instanceof Character c) ? (int) c : ((Number) value).intValue();
            case DOUBLE -> ((Number) value).doubleValue();
            case INSTANT -> nudge ? ((Instant) value).plusNanos(nanos) : value;
            case LOCAL_DATE_TIME -> nudge ? ((LocalDateTime) value).plusNanos(nanos) : value;
            case LOCAL_TIME -> nudge && ((LocalTime) value).toNanoOfDay() < 86_399_999_000_000L
                    ? ((LocalTime) value).plusNanos(nanos) : value;
            default -> value;
        };
    }
}
