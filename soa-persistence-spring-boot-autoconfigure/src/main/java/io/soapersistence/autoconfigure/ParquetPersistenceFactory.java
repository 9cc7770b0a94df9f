package io.soapersistence.autoconfigure;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;

import io.soapersistence.ToArrow;
import io.soapersistence.parquet.Operation;
import io.soapersistence.parquet.OperationOutcome;
import io.soapersistence.parquet.ParquetPersistence;
import io.soapersistence.parquet.PersistenceListener;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;

/**
 * Creates the {@link ParquetPersistence} bean of each dataset from {@link SoaPersistenceProperties}: the bean
 * definitions registered for SoA types call {@link #create(String, Class)}. The dataset directory is created and
 * checked writable here, so that a wrong path fails the startup rather than the first write.
 */
public final class ParquetPersistenceFactory {

    private static final Log logger = LogFactory.getLog(ParquetPersistenceFactory.class);

    private final SoaPersistenceProperties properties;

    private final Executor executor;

    private final ObjectProvider<DatasetPersistenceListener> listeners;

    /** Directories handed out so far, to refuse two datasets writing over each other's file. */
    private final Map<Path, String> directories = new HashMap<>();

    /**
     * Creates a factory; validates the top-level settings at once, so that they fail at startup even before any
     * dataset is created.
     *
     * @param properties the settings
     * @param executor where every dataset's I/O runs
     * @param listeners the listeners attached to every dataset, resolved when a dataset is created
     */
    public ParquetPersistenceFactory(SoaPersistenceProperties properties, Executor executor,
            ObjectProvider<DatasetPersistenceListener> listeners) {
        DatasetSettings.checkDefaults(properties);
        this.properties = properties;
        this.executor = executor;
        this.listeners = listeners;
    }

    /**
     * Creates the persistence of one dataset.
     *
     * @param <T> the SoA type
     * @param name the dataset name
     * @param type the SoA type
     * @return the persistence, with its directory in place
     */
    public <T extends ToArrow<T>> ParquetPersistence<T> create(String name, Class<T> type) {
        DatasetSettings settings = DatasetSettings.of(this.properties, name);
        claim(settings);
        prepare(settings);
        ParquetPersistence<T> persistence;
        try {
            persistence = new ParquetPersistence<>(type, settings.directory());
        }
        catch (IllegalArgumentException ex) {
            throw new IllegalStateException("Cannot persist dataset '" + name + "' of type " + type.getName() + ": "
                    + ex.getMessage(), ex);
        }
        persistence = persistence.withCompression(settings.compression())
            .withPageSize(settings.pageSize())
            .withRowGroupSize(settings.rowGroupSize())
            .withLockTimeout(settings.lockTimeout())
            .withLayout(this.properties.getLayout())
            .withCompactionThreshold(this.properties.getCompactionThreshold())
            .withSpareCopy(this.properties.isSpareCopy())
            .withFilePermissions(DatasetSettings.filePermissions(this.properties))
            .withExecutor(this.executor)
            .withListener(listener(name, this.listeners.orderedStream().toList()));
        if (logger.isDebugEnabled()) {
            logger.debug("Dataset '" + name + "': " + persistence);
        }
        return persistence;
    }

    private synchronized void claim(DatasetSettings settings) {
        String owner = this.directories.putIfAbsent(settings.directory(), settings.name());
        if (owner != null) {
            throw new InvalidConfigurationPropertyValueException(settings.directoryProperty(),
                    settings.directory().toString(), "Datasets '" + owner + "' and '" + settings.name()
                            + "' would share this directory and overwrite each other's data; give each its "
                            + "own path");
        }
    }

    private static void prepare(DatasetSettings settings) {
        Path directory = settings.directory();
        try {
            Files.createDirectories(directory);
        }
        catch (IOException | SecurityException ex) {
            throw new InvalidConfigurationPropertyValueException(settings.directoryProperty(), directory.toString(),
                    "The directory of dataset '" + settings.name() + "' cannot be created: " + ex);
        }
        // Files.isWritable says yes to root even on a read-only mount: only writing a file proves it.
        try {
            Files.delete(Files.createTempFile(directory, ".soa-persistence-probe-", ".tmp"));
        }
        catch (IOException | SecurityException ex) {
            throw new InvalidConfigurationPropertyValueException(settings.directoryProperty(), directory.toString(),
                    "The directory of dataset '" + settings.name() + "' is not writable: " + ex);
        }
    }

    /** One listener per dataset, which tells each {@link DatasetPersistenceListener} the dataset name. */
    private static PersistenceListener listener(String name, List<DatasetPersistenceListener> listeners) {
        if (listeners.isEmpty()) {
            return PersistenceListener.NONE;
        }
        return (persistence, operation) -> {
            List<PersistenceListener.Completion> completions = listeners.stream()
                .map((listener) -> started(listener, name, persistence, operation))
                .toList();
            return (outcome) -> completions.forEach((completion) -> finished(completion, outcome));
        };
    }

    /** Isolated per listener: the core isolates the composite as a whole, so one failure would silence all. */
    private static PersistenceListener.Completion started(DatasetPersistenceListener listener, String name,
            ParquetPersistence<?> persistence, Operation operation) {
        try {
            return listener.started(name, persistence, operation);
        }
        catch (RuntimeException ex) {
            logger.warn("Persistence listener " + listener + " failed at the start of " + operation.key()
                    + " on dataset '" + name + "'", ex);
            return (outcome) -> { };
        }
    }

    private static void finished(PersistenceListener.Completion completion, OperationOutcome outcome) {
        try {
            completion.finished(outcome);
        }
        catch (RuntimeException ex) {
            logger.warn("Persistence listener failed at the end of " + outcome.operation().key(), ex);
        }
    }
}
