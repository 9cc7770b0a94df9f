package io.soapersistence;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Declares the precision and scale of a {@link java.math.BigDecimal} component, stored as a Parquet
 * {@code DECIMAL(precision, scale)}. A {@code BigDecimal} component without it fails compilation, because a
 * column's scale cannot be guessed from the first value.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.RECORD_COMPONENT, ElementType.PARAMETER, ElementType.FIELD, ElementType.METHOD})
public @interface Decimal {

    /**
     * Total number of significant digits, from 1 to 38.
     *
     * @return the precision
     */
    int precision();

    /**
     * Digits right of the decimal point, from 0 to {@link #precision()}.
     *
     * @return the scale
     */
    int scale();
}
