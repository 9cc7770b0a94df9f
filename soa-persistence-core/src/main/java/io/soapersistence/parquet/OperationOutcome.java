package io.soapersistence.parquet;

import java.time.Duration;
import java.util.Optional;

/**
 * How one operation of {@link ParquetPersistence} ended.
 *
 * @param operation the operation
 * @param failure the failure, or {@code null} on success
 * @param duration the time from submission to completion
 * @param rowsWritten rows this operation added to storage (new rows of an append, every row of a save)
 * @param bytesWritten bytes this operation wrote: the whole new file, or what an append added to the spare copy
 *         it extended; twice the file for a save that wrote its spare copy too; zero for reads
 * @param dataset the dataset as the operation left or saw it, or {@code null} when unknown (such as after a
 *     failure)
 */
public record OperationOutcome(Operation operation, Throwable failure, Duration duration, long rowsWritten,
        long bytesWritten, DatasetInfo dataset) {

    /**
     * Whether the operation succeeded.
     *
     * @return {@code true} when there is no failure
     */
    public boolean succeeded() {
        return this.failure == null;
    }

    /**
     * The dataset state, when known.
     *
     * @return the dataset after or as seen by the operation
     */
    public Optional<DatasetInfo> datasetInfo() {
        return Optional.ofNullable(this.dataset);
    }
}
