package io.soapersistence.parquet;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinTask;
import java.util.concurrent.atomic.AtomicInteger;

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
        List<ForkJoinTask<R>> submitted = new ArrayList<>(columns);
        for (int c = 0; c < columns; c++) {
            int column = c;
            submitted.add(POOL.submit(() -> task.run(column)));
        }
        List<R> results = new ArrayList<>(columns);
        Exception failure = null;
        for (ForkJoinTask<R> future : submitted) {
            try {
                results.add(future.get());
            }
            catch (ExecutionException ex) {
                if (failure == null) {
                    failure = (ex.getCause() instanceof Exception cause) ? cause : ex;
                }
                if (ex.getCause() instanceof Error error) {
                    throw error;
                }
            }
            catch (InterruptedException ex) {
                submitted.forEach(pending -> pending.cancel(true));
                Thread.currentThread().interrupt();
                throw ex;
            }
        }
        if (failure != null) {
            throw failure;
        }
        return results;
    }
}
