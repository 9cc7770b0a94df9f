package io.soapersistence.query;

import java.time.Instant;
import java.util.List;

import io.soapersistence.fixtures.AllTypesSoA;
import io.soapersistence.fixtures.OrderSoA;
import io.soapersistence.fixtures.OrderStatus;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The typed filter API: generated handles, the conditions they build, and the checks of hand-built ones. */
class FilterApiTest {

    @Test
    void generatedHandlesAreTypedByComponent() {
        assertThat(OrderSoA.ORDER_ID).isInstanceOf(LongColumn.class);
        assertThat(OrderSoA.ORDER_ID.name()).isEqualTo(OrderSoA.Columns.ORDER_ID);
        assertThat(OrderSoA.QUANTITY).isInstanceOf(IntColumn.class);
        assertThat(OrderSoA.UNIT_PRICE).isInstanceOf(DoubleColumn.class);
        assertThat(OrderSoA.STATUS.operandType()).isEqualTo(OrderStatus.class);
        assertThat(OrderSoA.ORDER_TIMESTAMP.valueType()).isEqualTo(ValueType.INSTANT);
        assertThat(OrderSoA.ADDRESS_HASH.name()).isEqualTo("shipping_address_hash");
        assertThat(AllTypesSoA.TINY).isInstanceOf(IntColumn.class);
        assertThat(AllTypesSoA.LETTER).isInstanceOf(IntColumn.class);
        assertThat(AllTypesSoA.RATIO).isInstanceOf(DoubleColumn.class);
        assertThat(AllTypesSoA.FLAG.valueType()).isEqualTo(ValueType.BOOLEAN);
        assertThat(AllTypesSoA.DAY.valueType()).isEqualTo(ValueType.LOCAL_DATE);
        assertThat(AllTypesSoA.LOCAL_AT.valueType()).isEqualTo(ValueType.LOCAL_DATE_TIME);
        assertThat(AllTypesSoA.TIME.valueType()).isEqualTo(ValueType.LOCAL_TIME);
        assertThat(AllTypesSoA.PRICE.valueType()).isEqualTo(ValueType.DECIMAL);
        assertThat(AllTypesSoA.ID.valueType()).isEqualTo(ValueType.UUID);
        assertThat(AllTypesSoA.PAYLOAD.valueType()).isEqualTo(ValueType.BYTES);
    }

    @Test
    void primitiveOverloadsBuildBoxedConditions() {
        assertThat(OrderSoA.ORDER_ID.between(1, 100))
            .isEqualTo(new Condition(OrderSoA.ORDER_ID, Operator.BETWEEN, List.of(1L, 100L)));
        assertThat(OrderSoA.QUANTITY.in(1, 2)).isEqualTo(new Condition(OrderSoA.QUANTITY, Operator.IN,
                List.of(1, 2)));
        assertThat(OrderSoA.UNIT_PRICE.gt(10)).isEqualTo(new Condition(OrderSoA.UNIT_PRICE, Operator.GT,
                List.of(10.0)));
        assertThat(AllTypesSoA.LETTER.eq('a')).isEqualTo(new Condition(AllTypesSoA.LETTER, Operator.EQ,
                List.of((int) 'a')));
        assertThat(OrderSoA.STATUS.in(OrderStatus.PENDING)).isEqualTo(new Condition(OrderSoA.STATUS, Operator.IN,
                List.of(OrderStatus.PENDING)));
    }

    @Test
    void combinatorsNest() {
        Filter a = OrderSoA.ORDER_ID.lt(5);
        Filter b = OrderSoA.STATUS.isNull();

        assertThat(a.and(b)).isEqualTo(new Filter.And(List.of(a, b)));
        assertThat(a.or(b)).isEqualTo(Filter.anyOf(a, b));
        assertThat(a.negate()).isEqualTo(Filter.not(a));
        assertThat(Filter.all()).isEqualTo(Filter.allOf());
    }

    @Test
    void handBuiltConditionsAreChecked() {
        assertThatThrownBy(() -> new Condition(OrderSoA.ORDER_ID, Operator.EQ, List.of("1")))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("order_id");
        assertThatThrownBy(() -> new Condition(OrderSoA.STATUS, Operator.LT, List.of(OrderStatus.PENDING)))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("ordered");
        assertThatThrownBy(() -> new Condition(OrderSoA.ORDER_ID, Operator.BETWEEN, List.of(1L)))
            .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> OrderSoA.ORDER_TIMESTAMP.lt((Instant) null)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void byteArrayOperandsAreCopied() {
        byte[] bytes = {1, 2};
        Condition condition = (Condition) AllTypesSoA.PAYLOAD.eq(bytes);
        bytes[0] = 9;

        assertThat((byte[]) condition.operands().get(0)).containsExactly(1, 2);
    }
}
