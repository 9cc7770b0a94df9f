package io.soapersistence;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a record whose structure-of-arrays twin is generated at compile time.
 * <p>
 * For {@code @SoA record Order(long orderId, double totalAmount)} the annotation processor writes
 * {@code OrderSoA} in the same package: one primitive array per component, Arrow conversion
 * ({@link ToArrow}) and per-column aggregates. A component the processor cannot map fails compilation.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface SoA {

    /**
     * How column names derive from component names when no {@link Column} annotation names them.
     *
     * @return the naming strategy, {@link Naming#AS_DECLARED} by default
     */
    Naming naming() default Naming.AS_DECLARED;

    /** Column naming strategies. */
    enum Naming {
        /** The component name as written: {@code totalAmount}. */
        AS_DECLARED,
        /** Lower snake case, as data scientists expect: {@code total_amount}. */
        SNAKE_CASE
    }
}
