package io.soapersistence.autoconfigure;

import java.lang.reflect.Constructor;
import java.util.LinkedHashSet;
import java.util.Set;

import io.soapersistence.parquet.ParquetPersistence;

import org.springframework.aot.generate.GenerationContext;
import org.springframework.aot.hint.ExecutableMode;
import org.springframework.aot.hint.ReflectionHints;
import org.springframework.beans.factory.aot.BeanFactoryInitializationAotContribution;
import org.springframework.beans.factory.aot.BeanFactoryInitializationAotProcessor;
import org.springframework.beans.factory.aot.BeanFactoryInitializationCode;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.core.ResolvableType;
import org.springframework.util.ClassUtils;

/**
 * Registers reflection hints for the public no-argument constructor of the SoA type of every
 * {@link ParquetPersistence} bean, auto-configured or the application's own: persistence instantiates the type
 * reflectively, which a native image only allows for registered constructors.
 */
final class SoaPersistenceAotProcessor implements BeanFactoryInitializationAotProcessor {

    @Override
    public BeanFactoryInitializationAotContribution processAheadOfTime(ConfigurableListableBeanFactory beanFactory) {
        Set<Class<?>> types = new LinkedHashSet<>();
        for (String name : beanFactory.getBeanNamesForType(ParquetPersistence.class, true, false)) {
            ResolvableType beanType = beanFactory.getMergedBeanDefinition(name).getResolvableType();
            Class<?> type = beanType.as(ParquetPersistence.class).getGeneric(0).resolve();
            if (type != null) {
                types.add(type);
            }
        }
        return types.isEmpty() ? null : (context, code) -> registerHints(context, code, types);
    }

    private static void registerHints(GenerationContext context, BeanFactoryInitializationCode code,
            Set<Class<?>> types) {
        ReflectionHints reflection = context.getRuntimeHints().reflection();
        for (Class<?> type : types) {
            Constructor<?> constructor = ClassUtils.getConstructorIfAvailable(type);
            if (constructor != null) {
                reflection.registerConstructor(constructor, ExecutableMode.INVOKE);
            }
        }
    }
}
