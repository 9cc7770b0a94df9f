package io.soapersistence.parquet;

/**
 * Hears about every operation of a {@link ParquetPersistence}: the hook for metrics, tracing and logging.
 * <p>
 * {@link #started} runs on the caller's thread when the operation is submitted, so a listener can capture
 * the caller's context (such as a trace); the returned {@link Completion} runs on the executor thread when the
 * operation ends, before its future completes. Listeners must be fast and must not throw.
 */
@FunctionalInterface
public interface PersistenceListener {

    /** A listener that does nothing. */
    PersistenceListener NONE = (persistence, operation) -> outcome -> { };

    /**
     * An operation was submitted.
     *
     * @param persistence the instance running it
     * @param operation the operation
     * @return what to call when it ends
     */
    Completion started(ParquetPersistence<?> persistence, Operation operation);

    /** Receives the end of one operation. */
    @FunctionalInterface
    interface Completion {

        /**
         * The operation ended.
         *
         * @param outcome how it ended
         */
        void finished(OperationOutcome outcome);
    }
}
