package io.soapersistence;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Predicate;

/**
 * Durable storage for one dataset of SoA type {@code T}.
 * <p>
 * Every method is asynchronous: it returns at once and never blocks the caller's thread. A failure completes
 * the future exceptionally with a {@link PersistenceException} subtype that names the file (wrapped in a
 * {@link java.util.concurrent.CompletionException} when observed through {@code join()}).
 *
 * @param <T> the SoA type
 */
public interface SoAPersistence<T> {

    /**
     * Replaces the stored dataset with {@code data}, atomically.
     *
     * @param data the rows to store
     * @return a future completing when the data is durable
     */
    CompletableFuture<Void> save(T data);

    /**
     * Replaces the stored dataset with the concatenation of {@code batches}, atomically.
     *
     * @param batches the rows to store, in order
     * @return a future completing when the data is durable
     */
    CompletableFuture<Void> saveBatches(List<? extends T> batches);

    /**
     * Loads the whole dataset.
     *
     * @return a future of the data, or of an empty {@code Optional} when nothing is stored
     */
    CompletableFuture<Optional<T>> load();

    /**
     * Loads the dataset as consecutive batches of at most {@code batchSize} rows.
     *
     * @param batchSize the largest number of rows per batch, at least 1
     * @return a future of the batches, empty when nothing is stored
     */
    CompletableFuture<List<T>> loadBatches(int batchSize);

    /**
     * Adds {@code data} after the stored rows, atomically. The stored file keeps its codec and schema; data of
     * another schema fails with {@link SchemaMismatchException}. With nothing stored, this is a save.
     *
     * @param data the rows to add
     * @return a future completing when the data is durable
     */
    CompletableFuture<Void> append(T data);

    /**
     * Adds every batch after the stored rows, atomically and in order.
     *
     * @param batches the rows to add
     * @return a future completing when the data is durable
     */
    CompletableFuture<Void> appendBatches(List<? extends T> batches);

    /**
     * Loads the dataset and returns it when {@code predicate} holds for it as a whole.
     *
     * @param predicate the test applied to the whole dataset
     * @return a future of the dataset, or of an empty {@code Optional} when nothing is stored or the predicate
     *     is false
     */
    CompletableFuture<Optional<T>> query(Predicate<? super T> predicate);

    /**
     * Counts the stored rows from file metadata, without reading data.
     *
     * @return a future of the row count, zero when nothing is stored
     */
    CompletableFuture<Long> count();

    /**
     * Tells whether no rows are stored.
     *
     * @return a future of {@code true} when the dataset is absent or has no rows
     */
    CompletableFuture<Boolean> isEmpty();

    /**
     * Removes the stored data.
     *
     * @return a future completing when the removal is durable
     */
    CompletableFuture<Void> clear();
}
