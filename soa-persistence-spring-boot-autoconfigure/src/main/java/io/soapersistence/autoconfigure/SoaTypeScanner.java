package io.soapersistence.autoconfigure;

import java.lang.reflect.Modifier;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.TreeSet;

import io.soapersistence.ToArrow;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.beans.factory.annotation.AnnotatedBeanDefinition;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.core.env.Environment;
import org.springframework.core.io.ResourceLoader;
import org.springframework.core.type.AnnotationMetadata;
import org.springframework.core.type.filter.AssignableTypeFilter;
import org.springframework.util.ClassUtils;

/**
 * Finds SoA types on the classpath: concrete, public, top-level or static nested classes implementing
 * {@link ToArrow}, the contract every generated {@code *SoA} class and every hand-written persistable type
 * fulfils. Scanning reads class files without loading them; only matches are loaded.
 */
final class SoaTypeScanner {

    private static final Log logger = LogFactory.getLog(SoaTypeScanner.class);

    private final Environment environment;

    private final ResourceLoader resourceLoader;

    SoaTypeScanner(Environment environment, ResourceLoader resourceLoader) {
        this.environment = environment;
        this.resourceLoader = resourceLoader;
    }

    /**
     * Scans {@code packages} and their sub-packages.
     *
     * @return the types found, sorted by name so that registration does not depend on classpath order
     */
    Set<Class<?>> scan(Collection<String> packages) {
        ClassPathScanningCandidateComponentProvider provider = new ClassPathScanningCandidateComponentProvider(false,
                this.environment) {

            @Override
            protected boolean isCandidateComponent(AnnotatedBeanDefinition definition) {
                AnnotationMetadata metadata = definition.getMetadata();
                return metadata.isIndependent() && metadata.isConcrete();
            }

        };
        provider.setResourceLoader(this.resourceLoader);
        provider.addIncludeFilter(new AssignableTypeFilter(ToArrow.class));
        Set<Class<?>> types = new TreeSet<>(Comparator.comparing(Class::getName));
        for (String basePackage : new LinkedHashSet<>(packages)) {
            for (BeanDefinition candidate : provider.findCandidateComponents(basePackage)) {
                Class<?> type = ClassUtils.resolveClassName(candidate.getBeanClassName(),
                        this.resourceLoader.getClassLoader());
                if (isPersistable(type)) {
                    types.add(type);
                }
            }
        }
        return types;
    }

    private static boolean isPersistable(Class<?> type) {
        if (!Modifier.isPublic(type.getModifiers())) {
            return false;
        }
        if (ClassUtils.getConstructorIfAvailable(type) == null) {
            // A hand-written ToArrow helper that persistence could not instantiate: not an error of the
            // application, which may use it otherwise, but worth a word when nothing gets registered for it.
            logger.warn("Skipping " + type.getName() + ": it implements ToArrow but has no public no-argument "
                    + "constructor, which persistence needs to create empty instances");
            return false;
        }
        return true;
    }
}
