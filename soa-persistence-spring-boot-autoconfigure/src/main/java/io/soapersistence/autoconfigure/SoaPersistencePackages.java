package io.soapersistence.autoconfigure;

import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.beans.factory.support.RootBeanDefinition;
import org.springframework.context.annotation.ImportBeanDefinitionRegistrar;
import org.springframework.core.annotation.AnnotationAttributes;
import org.springframework.core.type.AnnotationMetadata;
import org.springframework.util.ClassUtils;

/**
 * The packages named by {@link EnableSoaPersistence}, kept as a bean definition so that the auto-configuration,
 * which is processed after the application's own configuration classes, can read them while registering beans.
 * Modelled on Spring Boot's {@code AutoConfigurationPackages}.
 */
public final class SoaPersistencePackages {

    static final String BEAN_NAME = SoaPersistencePackages.class.getName();

    private final List<String> packages;

    SoaPersistencePackages(String... packages) {
        this.packages = List.of(packages);
    }

    /**
     * The packages, in declaration order.
     *
     * @return an unmodifiable list
     */
    public List<String> packages() {
        return this.packages;
    }

    /**
     * The packages recorded in {@code registry} so far.
     *
     * @param registry the registry to read
     * @return the packages, empty when no {@link EnableSoaPersistence} was found
     */
    static Set<String> get(BeanDefinitionRegistry registry) {
        if (!registry.containsBeanDefinition(BEAN_NAME)) {
            return Collections.emptySet();
        }
        Object value = registry.getBeanDefinition(BEAN_NAME).getConstructorArgumentValues()
            .getIndexedArgumentValue(0, String[].class).getValue();
        return new LinkedHashSet<>(Arrays.asList((String[]) value));
    }

    private static void add(BeanDefinitionRegistry registry, Set<String> packages) {
        Set<String> merged = new LinkedHashSet<>(get(registry));
        merged.addAll(packages);
        RootBeanDefinition definition = new RootBeanDefinition(SoaPersistencePackages.class);
        definition.setRole(BeanDefinition.ROLE_INFRASTRUCTURE);
        definition.getConstructorArgumentValues().addIndexedArgumentValue(0, merged.toArray(String[]::new));
        if (registry.containsBeanDefinition(BEAN_NAME)) {
            registry.removeBeanDefinition(BEAN_NAME);
        }
        registry.registerBeanDefinition(BEAN_NAME, definition);
    }

    /** Records the packages of one {@link EnableSoaPersistence} annotation. */
    static final class Registrar implements ImportBeanDefinitionRegistrar {

        @Override
        public void registerBeanDefinitions(AnnotationMetadata metadata, BeanDefinitionRegistry registry) {
            AnnotationAttributes attributes = AnnotationAttributes
                .fromMap(metadata.getAnnotationAttributes(EnableSoaPersistence.class.getName()));
            Set<String> packages = new LinkedHashSet<>(Arrays.asList(attributes.getStringArray("basePackages")));
            for (Class<?> type : attributes.getClassArray("basePackageClasses")) {
                packages.add(ClassUtils.getPackageName(type));
            }
            if (packages.isEmpty()) {
                // Like @ComponentScan: without attributes, the annotated class's own package.
                packages.add(ClassUtils.getPackageName(metadata.getClassName()));
            }
            add(registry, packages);
        }

    }

}
