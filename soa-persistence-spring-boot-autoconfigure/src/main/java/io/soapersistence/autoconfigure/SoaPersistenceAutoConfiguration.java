package io.soapersistence.autoconfigure;

import java.util.concurrent.Executor;

import io.soapersistence.parquet.ParquetPersistence;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;

/**
 * Auto-configuration of soa-persistence: one {@link ParquetPersistence} bean per SoA type, running on the
 * {@code soaPersistenceExecutor}.
 */
@AutoConfiguration
@ConditionalOnClass(ParquetPersistence.class)
@ConditionalOnBooleanProperty(name = "soa.persistence.enabled", matchIfMissing = true)
@EnableConfigurationProperties(SoaPersistenceProperties.class)
@Import(SoaPersistenceRegistrar.class)
public final class SoaPersistenceAutoConfiguration {

    /** The name of the executor bean; define a bean of this name to replace it. */
    public static final String EXECUTOR_BEAN_NAME = "soaPersistenceExecutor";

    static final String FACTORY_BEAN_NAME = "soaPersistenceFactory";

    /** How long closing the context waits for queued and running operations. */
    private static final int AWAIT_TERMINATION_SECONDS = 60;

    SoaPersistenceAutoConfiguration() {
    }

    @Bean(FACTORY_BEAN_NAME)
    ParquetPersistenceFactory soaPersistenceFactory(SoaPersistenceProperties properties,
            @Qualifier(EXECUTOR_BEAN_NAME) Executor executor, ObjectProvider<DatasetPersistenceListener> listeners) {
        return new ParquetPersistenceFactory(properties, executor, listeners);
    }

    /**
     * Persistence blocks on disk I/O, so it gets threads of its own rather than a shared pool. Closing the context
     * waits for queued and running writes: an acknowledged save must not be lost on shutdown. The threads are
     * daemons so that a context that is never closed does not keep the JVM alive.
     * <p>
     * Not a default candidate: as an {@code Executor} bean it would otherwise be injected by type into unrelated
     * code and make Spring Boot back off its {@code applicationTaskExecutor}.
     */
    @Bean(name = EXECUTOR_BEAN_NAME, defaultCandidate = false)
    @ConditionalOnMissingBean(name = EXECUTOR_BEAN_NAME)
    ThreadPoolTaskExecutor soaPersistenceExecutor() {
        ThreadPoolTaskExecutor executor = new ThreadPoolTaskExecutor();
        int threads = Math.max(2, Runtime.getRuntime().availableProcessors());
        executor.setCorePoolSize(threads);
        executor.setMaxPoolSize(threads);
        executor.setAllowCoreThreadTimeOut(true);
        executor.setThreadNamePrefix("soa-persistence-");
        executor.setDaemon(true);
        executor.setWaitForTasksToCompleteOnShutdown(true);
        executor.setAwaitTerminationSeconds(AWAIT_TERMINATION_SECONDS);
        return executor;
    }

}
