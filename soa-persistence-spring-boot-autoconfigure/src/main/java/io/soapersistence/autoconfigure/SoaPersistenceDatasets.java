package io.soapersistence.autoconfigure;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import io.soapersistence.parquet.ParquetPersistence;

/**
 * The datasets the auto-configuration created, by dataset name: what health, metrics and the actuator endpoint
 * report on. Datasets the application defines as its own {@link ParquetPersistence} beans are not part of it.
 */
public final class SoaPersistenceDatasets {

    private final Map<String, ParquetPersistence<?>> datasets;

    /**
     * Creates the list.
     *
     * @param datasets the datasets by name, in registration order
     */
    public SoaPersistenceDatasets(Map<String, ParquetPersistence<?>> datasets) {
        this.datasets = Collections.unmodifiableMap(new LinkedHashMap<>(datasets));
    }

    /**
     * All datasets.
     *
     * @return an unmodifiable map from dataset name to persistence
     */
    public Map<String, ParquetPersistence<?>> all() {
        return this.datasets;
    }

    /**
     * One dataset.
     *
     * @param name the dataset name
     * @return its persistence, if the auto-configuration created one
     */
    public Optional<ParquetPersistence<?>> get(String name) {
        return Optional.ofNullable(this.datasets.get(name));
    }
}
