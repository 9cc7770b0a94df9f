package io.soapersistence.processor;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.UUID;

import io.soapersistence.fixtures.AllTypes;
import io.soapersistence.fixtures.Order;
import io.soapersistence.fixtures.OrderStatus;
import io.soapersistence.fixtures.PaymentMethod;

/** Sample rows of the fixtures. */
final class Rows {

    private Rows() {
    }

    /** Every component set, values varying with {@code i}. */
    static AllTypes allSet(int i) {
        return new AllTypes(i % 2 == 0, i % 3 == 0, (byte) i, (byte) -i, (short) (i * 300), (short) -i,
                (char) ('a' + i % 26), (char) (0xFFFF - i), i * 1_000, -i, i * 10_000_000_000L, (long) -i, i + 0.5f,
                -i - 0.25f, i * 1.5, -i * 2.5, "text-" + i + "-é", OrderStatus.values()[i % 5],
                Instant.parse("2024-03-01T12:00:00.123456Z").plusSeconds(i), LocalDate.of(2024, 1, 1).plusDays(i),
                LocalDateTime.of(2023, 12, 31, 23, 59, 59, 999_999_000).plusMinutes(i),
                LocalTime.of(23, 59, 59, 999_999_000).minusSeconds(i),
                new BigDecimal("1234567890.12").add(BigDecimal.valueOf(i)),
                new BigDecimal("-123456789012345678901234.123456"), new UUID(i, -i), new byte[] {(byte) i, 0, -1});
    }

    /** Every nullable component null. */
    static AllTypes allNull(int i) {
        return new AllTypes(true, null, (byte) i, null, (short) i, null, 'z', null, i, null, i, null, i, null, i, null,
                null, null, null, null, null, null, null, null, null, null);
    }

    static Order order(long id, double total, OrderStatus status) {
        return new Order(id, id * 10, id * 100, (int) id, total / 2, total, status, PaymentMethod.CARD,
                Instant.ofEpochSecond(1_700_000_000L + id), "hash-" + id);
    }
}
