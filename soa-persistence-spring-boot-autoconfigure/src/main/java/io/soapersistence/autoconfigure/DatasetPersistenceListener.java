package io.soapersistence.autoconfigure;

import io.soapersistence.parquet.Operation;
import io.soapersistence.parquet.ParquetPersistence;
import io.soapersistence.parquet.PersistenceListener;

/**
 * Hears about every operation of every auto-configured dataset, like a {@link PersistenceListener} but told the
 * dataset's name, which metrics and traces use as a tag. Declare a bean of this type; all of them are attached
 * to every {@link ParquetPersistence} bean the auto-configuration creates, in {@code @Order}.
 * <p>
 * The contract of {@link PersistenceListener} applies: {@link #started} runs on the caller's thread, the
 * completion on the executor thread before the operation's future completes; both must be fast and must not
 * throw.
 */
@FunctionalInterface
public interface DatasetPersistenceListener {

    /**
     * An operation was submitted.
     *
     * @param dataset the dataset name
     * @param persistence the instance running it
     * @param operation the operation
     * @return what to call when it ends
     */
    PersistenceListener.Completion started(String dataset, ParquetPersistence<?> persistence, Operation operation);
}
