package io.soapersistence.autoconfigure;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.context.annotation.Import;
import org.springframework.core.annotation.AliasFor;

/**
 * Names the packages scanned for SoA types, instead of the default: the package of the
 * {@code @SpringBootApplication} class and its sub-packages. Packages given here and in
 * {@code soa.persistence.scan-packages} add up. Every concrete public class found that implements
 * {@link io.soapersistence.ToArrow} gets a {@link io.soapersistence.parquet.ParquetPersistence} bean.
 * <pre>{@code
 * @SpringBootApplication
 * @EnableSoaPersistence(basePackageClasses = OrderSoA.class)
 * class ShopApplication { }
 * }</pre>
 * The auto-configuration does the registering; this annotation only records packages, so it has no effect when
 * {@code soa.persistence.enabled=false}.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Import(SoaPersistencePackages.Registrar.class)
public @interface EnableSoaPersistence {

    /**
     * Alias for {@link #basePackages()}.
     *
     * @return the packages to scan
     */
    @AliasFor("basePackages")
    String[] value() default {};

    /**
     * Packages to scan for SoA types.
     *
     * @return the packages to scan
     */
    @AliasFor("value")
    String[] basePackages() default {};

    /**
     * Type-safe alternative to {@link #basePackages()}: the package of each class is scanned.
     *
     * @return classes whose packages are scanned
     */
    Class<?>[] basePackageClasses() default {};
}
