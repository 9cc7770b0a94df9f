package io.soapersistence.autoconfigure;

import java.lang.reflect.Modifier;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

import io.soapersistence.ToArrow;
import io.soapersistence.parquet.ParquetPersistence;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.BeanFactoryAware;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.beans.factory.config.RuntimeBeanReference;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.beans.factory.support.ManagedMap;
import org.springframework.beans.factory.support.RootBeanDefinition;
import org.springframework.boot.autoconfigure.AutoConfigurationPackages;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.context.EnvironmentAware;
import org.springframework.context.ResourceLoaderAware;
import org.springframework.context.annotation.ImportBeanDefinitionRegistrar;
import org.springframework.core.ResolvableType;
import org.springframework.core.env.Environment;
import org.springframework.core.io.ResourceLoader;
import org.springframework.core.type.AnnotationMetadata;
import org.springframework.util.ClassUtils;

/**
 * Registers one {@code ParquetPersistence<T>} bean definition per SoA type, plus the
 * {@link SoaPersistenceDatasets} that lists them.
 * <p>
 * Each definition names its generic type ({@link RootBeanDefinition#setTargetType(ResolvableType)}) so that
 * {@code ParquetPersistence<OrderSoA>} and {@code ParquetPersistence<TradeSoA>} inject side by side, and is
 * created by {@link ParquetPersistenceFactory#create(String, Class)} from plain constructor arguments rather than
 * an instance supplier, so that ahead-of-time processing can turn it into code. Types are therefore discovered
 * at build time in an AOT-processed application; the settings of each dataset are still read at startup.
 */
final class SoaPersistenceRegistrar implements ImportBeanDefinitionRegistrar, EnvironmentAware, ResourceLoaderAware,
        BeanFactoryAware {

    static final String DATASETS_BEAN_NAME = "soaPersistenceDatasets";

    private static final Log logger = LogFactory.getLog(SoaPersistenceRegistrar.class);

    private Environment environment;

    private ResourceLoader resourceLoader;

    private ConfigurableListableBeanFactory beanFactory;

    @Override
    public void setEnvironment(Environment environment) {
        this.environment = environment;
    }

    @Override
    public void setResourceLoader(ResourceLoader resourceLoader) {
        this.resourceLoader = resourceLoader;
    }

    @Override
    public void setBeanFactory(BeanFactory beanFactory) {
        this.beanFactory = (ConfigurableListableBeanFactory) beanFactory;
    }

    @Override
    public void registerBeanDefinitions(AnnotationMetadata metadata, BeanDefinitionRegistry registry) {
        // The properties bean does not exist yet: bean definitions are still being collected.
        SoaPersistenceProperties properties = Binder.get(this.environment)
            .bindOrCreate(SoaPersistenceProperties.PREFIX, SoaPersistenceProperties.class);
        Map<String, Class<?>> datasets = datasets(properties, registry);
        // The application's own beans, looked up before registering any: two configured datasets of one type
        // must not mistake the first one's definition for the application's.
        Map<Class<?>, String[]> applicationBeans = new LinkedHashMap<>();
        datasets.values().forEach((type) -> applicationBeans.computeIfAbsent(type, (key) -> this.beanFactory
            .getBeanNamesForType(ResolvableType.forClassWithGenerics(ParquetPersistence.class, key), true, false)));
        ManagedMap<String, RuntimeBeanReference> registered = new ManagedMap<>();
        Map<String, String> datasetOfBean = new LinkedHashMap<>();
        datasets.forEach((name, type) -> {
            String[] existing = applicationBeans.get(type);
            if (existing.length > 0) {
                logger.debug("Not registering dataset '" + name + "': the application defines "
                        + String.join(", ", existing) + " for " + type.getName());
                return;
            }
            String beanName = DatasetNames.beanName(name);
            String clash = datasetOfBean.putIfAbsent(beanName, name);
            if (clash != null) {
                throw new InvalidConfigurationPropertyValueException(SoaPersistenceProperties.PREFIX + ".types", name,
                        "Datasets '" + clash + "' and '" + name + "' would both be the bean '" + beanName
                                + "'; rename one");
            }
            ResolvableType beanType = ResolvableType.forClassWithGenerics(ParquetPersistence.class, type);
            registry.registerBeanDefinition(beanName, persistenceDefinition(beanType, name, type));
            registered.put(name, new RuntimeBeanReference(beanName));
        });
        RootBeanDefinition list = new RootBeanDefinition(SoaPersistenceDatasets.class);
        list.getConstructorArgumentValues().addIndexedArgumentValue(0, registered);
        registry.registerBeanDefinition(DATASETS_BEAN_NAME, list);
    }

    private static RootBeanDefinition persistenceDefinition(ResolvableType beanType, String name, Class<?> type) {
        RootBeanDefinition definition = new RootBeanDefinition();
        definition.setTargetType(beanType);
        definition.setFactoryBeanName(SoaPersistenceAutoConfiguration.FACTORY_BEAN_NAME);
        definition.setFactoryMethodName("create");
        definition.getConstructorArgumentValues().addIndexedArgumentValue(0, name);
        definition.getConstructorArgumentValues().addIndexedArgumentValue(1, type);
        return definition;
    }

    /**
     * Dataset names and their types: configured ones first, because a name given in configuration wins over the
     * derived one of the same type, then scanned ones.
     */
    private Map<String, Class<?>> datasets(SoaPersistenceProperties properties, BeanDefinitionRegistry registry) {
        Map<String, Class<?>> datasets = new LinkedHashMap<>();
        properties.getTypes().forEach((name, dataset) -> {
            if (dataset.getType() != null) {
                datasets.put(name, resolveType(name, dataset.getType()));
            }
        });
        Set<Class<?>> configured = new LinkedHashSet<>(datasets.values());
        for (Class<?> type : new SoaTypeScanner(this.environment, this.resourceLoader).scan(packages(properties,
                registry))) {
            if (configured.contains(type)) {
                continue;
            }
            String name = DatasetNames.of(type);
            Class<?> clash = datasets.putIfAbsent(name, type);
            if (clash != null) {
                throw new IllegalStateException("SoA types " + clash.getName() + " and " + type.getName()
                        + " both get the dataset name '" + name + "'; give one of them its own name with "
                        + SoaPersistenceProperties.PREFIX + ".types.<name>.type");
            }
        }
        properties.getTypes().forEach((name, dataset) -> {
            if (!datasets.containsKey(name)) {
                throw new InvalidConfigurationPropertyValueException(property(name, "type"), null,
                        "No SoA type was found for dataset '" + name + "'. Set the class name of its SoA type, or "
                                + "use the name of a scanned type (found: " + datasets.keySet() + ")");
            }
        });
        return datasets;
    }

    /**
     * The packages to scan: those named explicitly (annotation and property) replace the default, the
     * auto-configuration packages, as {@code @EntityScan} does for entities.
     */
    private Set<String> packages(SoaPersistenceProperties properties, BeanDefinitionRegistry registry) {
        Set<String> packages = new LinkedHashSet<>(SoaPersistencePackages.get(registry));
        properties.getScanPackages().stream().map(String::trim).filter((name) -> !name.isEmpty())
            .forEach(packages::add);
        if (packages.isEmpty() && AutoConfigurationPackages.has(this.beanFactory)) {
            packages.addAll(AutoConfigurationPackages.get(this.beanFactory));
        }
        return packages;
    }

    private Class<?> resolveType(String name, String className) {
        String property = property(name, "type");
        Class<?> type;
        try {
            type = ClassUtils.forName(className.trim(), this.resourceLoader.getClassLoader());
        }
        catch (ClassNotFoundException | LinkageError ex) {
            throw new InvalidConfigurationPropertyValueException(property, className,
                    "Class not found on the classpath");
        }
        if (!ToArrow.class.isAssignableFrom(type)) {
            throw invalidType(property, type, "is not an SoA type: it does not implement " + ToArrow.class.getName()
                    + " (use the generated *SoA class, not the @SoA record)");
        }
        if (type.isInterface() || Modifier.isAbstract(type.getModifiers())) {
            throw invalidType(property, type, "is not a concrete class");
        }
        if (!Modifier.isPublic(type.getModifiers()) || ClassUtils.getConstructorIfAvailable(type) == null) {
            throw invalidType(property, type, "needs to be public with a public no-argument constructor, which "
                    + "persistence uses to create empty instances");
        }
        return type;
    }

    private static InvalidConfigurationPropertyValueException invalidType(String property, Class<?> type,
            String problem) {
        return new InvalidConfigurationPropertyValueException(property, type.getName(), type.getName() + " " + problem);
    }

    static String property(String dataset, String key) {
        return SoaPersistenceProperties.PREFIX + ".types." + dataset + "." + key;
    }
}
