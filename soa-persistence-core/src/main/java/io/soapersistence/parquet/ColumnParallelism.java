package io.soapersistence.parquet;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinTask;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * Runs the per-column work of one row group on all cores. Columns share nothing while they encode or decode,
 * so each is a task of its own. A dedicated pool, because the common pool has one thread fewer than there
 * are cores, and because callers' executors are for blocking I/O.
 */
final class ColumnParallelism {

    private static final ForkJoinPool POOL = createPool();

    private ColumnParallelism() {
    }

    private static ForkJoinPool createPool() {
        AtomicInteger counter = new AtomicInteger();
        return new ForkJoinPool(Runtime.getRuntime().availableProcessors(), pool -> {
            var thread = ForkJoinPool.defaultForkJoinWorkerThreadFactory.newThread(pool);
            thread.setName("soa-persistence-columns-" + counter.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        }, null, false);
    }

    /** A unit of work on one column that may fail with a checked exception. */
    @FunctionalInterface
    interface ColumnTask<R> {

        R run(int column) throws Exception;
    }

    /**
     * Runs {@code task} for columns {@code 0..columns-1} and returns the results in column order. The first
     * failure is rethrown as it was thrown.
     */
    static <R> List<R> forEachColumn(int columns, ColumnTask<R> task) throws Exception {
        if (columns <= 1) {
            List<R> results = new ArrayList<>(1);
            for (int c = 0; c < columns; c++) {
                results.add(task.run(c));
            }
            return results;
        }
        return submit(columns, task).await();
    }

    /** Starts {@code task} for columns {@code 0..columns-1} and returns at once. */
    static <R> Submitted<R> submit(int columns, ColumnTask<R> task) {
        return new Submitted<>(columns, task);
    }

    /** What one column task ended with: its result or its failure, or neither if it was skipped. */
    private record Outcome<R>(R result, Exception failure) {
    }

    /** Column tasks under way. */
    static final class Submitted<R> {

        private final List<ForkJoinTask<Outcome<R>>> tasks;

        private volatile boolean discarded;

        private Submitted(int columns, ColumnTask<R> task) {
            this.tasks = new ArrayList<>(columns);
            for (int c = 0; c < columns; c++) {
                int column = c;
                // Failures are caught here, not left to the pool: a ForkJoinTask wraps checked exceptions, and
                // get() rethrows a reflective copy.
                this.tasks.add(POOL.submit(() -> {
                    if (this.discarded) {
                        return new Outcome<>(null, null);
                    }
                    try {
                        return new Outcome<>(task.run(column), null);
                    }
                    catch (Exception ex) {
                        return new Outcome<>(null, ex);
                    }
                }));
            }
        }

        /** The results in column order; the first failure is rethrown as it was thrown. */
        List<R> await() throws Exception {
            List<R> results = new ArrayList<>(this.tasks.size());
            Exception failure = null;
            for (ForkJoinTask<Outcome<R>> future : this.tasks) {
                Outcome<R> outcome;
                try {
                    outcome = future.get();
                }
                catch (ExecutionException ex) {
                    // Only an Error escapes a task.
                    if (ex.getCause() instanceof Error error) {
                        throw error;
                    }
                    throw ex;
                }
                catch (InterruptedException ex) {
                    discard(result -> {
                    });
                    Thread.currentThread().interrupt();
                    throw ex;
                }
                if (outcome.failure() != null && failure == null) {
                    failure = outcome.failure();
                }
                results.add(outcome.result());
            }
            if (failure != null) {
                throw failure;
            }
            return results;
        }

        /**
         * Gives up on the results without waiting for them: tasks that have not started skip their work, and
         * {@code release} gets the result of every task that did run, on the column pool once it is done.
         */
        void discard(Consumer<R> release) {
            this.discarded = true;
            POOL.execute(() -> {
                for (ForkJoinTask<Outcome<R>> task : this.tasks) {
                    R result = task.join().result();
                    if (result != null) {
                        release.accept(result);
                    }
                }
            });
        }
    }
}
