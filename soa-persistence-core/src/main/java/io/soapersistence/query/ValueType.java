package io.soapersistence.query;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.UUID;

/**
 * The kind of values a {@link Column} holds, which decides the stored columns it can be applied to and the
 * Java type of its operands.
 */
public enum ValueType {

    /** {@code boolean}; operands are {@link Boolean}. */
    BOOLEAN(Boolean.class, false),
    /** {@code byte}, {@code short}, {@code char} or {@code int}; operands are {@link Integer}. */
    INT(Integer.class, true),
    /** {@code long}; operands are {@link Long}. */
    LONG(Long.class, true),
    /** {@code float} or {@code double}; operands are {@link Double}. */
    DOUBLE(Double.class, true),
    /** Strings; operands are {@link String}. */
    STRING(String.class, true),
    /** Enums stored by constant name; operands are constants of the column's enum. */
    ENUM(Enum.class, false),
    /** Instants stored as UTC timestamps in microseconds; operands are {@link Instant}. */
    INSTANT(Instant.class, true),
    /** Dates stored as days; operands are {@link LocalDate}. */
    LOCAL_DATE(LocalDate.class, true),
    /** Local date-times stored as timestamps without zone in microseconds; operands are {@link LocalDateTime}. */
    LOCAL_DATE_TIME(LocalDateTime.class, true),
    /** Times of day in microseconds; operands are {@link LocalTime}. */
    LOCAL_TIME(LocalTime.class, true),
    /** Decimals; operands are {@link BigDecimal}. */
    DECIMAL(BigDecimal.class, true),
    /** UUIDs; operands are {@link UUID}. */
    UUID(java.util.UUID.class, false),
    /** Byte arrays, compared by content; operands are {@code byte[]}. */
    BYTES(byte[].class, false);

    private final Class<?> operandType;

    private final boolean ordered;

    ValueType(Class<?> operandType, boolean ordered) {
        this.operandType = operandType;
        this.ordered = ordered;
    }

    /**
     * The Java type of operands.
     *
     * @return the class every operand is an instance of
     */
    public Class<?> operandType() {
        return this.operandType;
    }

    /**
     * Whether values have an order, so that range comparisons apply.
     *
     * @return {@code true} for numbers, strings, temporal values and decimals
     */
    public boolean isOrdered() {
        return this.ordered;
    }
}
