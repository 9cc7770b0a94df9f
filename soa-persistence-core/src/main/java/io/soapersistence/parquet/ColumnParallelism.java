package io.soapersistence.parquet;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.atomic.AtomicBoolean;
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
        // The calling thread takes the place of one pool thread: it would otherwise only wait.
        return new Submitted<>(columns, task, POOL.getParallelism() - 1).await();
    }

    /**
     * Starts {@code task} for columns {@code 0..columns-1} and returns at once. The caller is expected to do
     * other work before it awaits the results, so every core gets a pool thread.
     */
    static <R> Submitted<R> submit(int columns, ColumnTask<R> task) {
        return submit(columns, task, cores());
    }

    /**
     * Starts {@code task} for columns {@code 0..columns-1} on at most {@code poolThreads} pool threads and
     * returns at once; with none, the thread that awaits the results runs every column.
     */
    static <R> Submitted<R> submit(int columns, ColumnTask<R> task, int poolThreads) {
        return new Submitted<>(columns, task, poolThreads);
    }

    /** The pool's threads, one per core. */
    static int cores() {
        return POOL.getParallelism();
    }

    /**
     * Column tasks under way. A few workers on the pool, at most one per core, claim columns in order until none
     * is left, and whoever awaits the results claims columns too. A waiting thread that helps gets the work done
     * when a parked pool thread is slow to wake: after an idle spell, the benchmark machine's second core took
     * up to a millisecond to start on a 20,000-row append's columns (traced per column).
     * <p>
     * Each worker wakes the next one before it claims a column, rather than the submitting thread waking them
     * all. Linux often runs a woken thread on the waker's core and switches to it at once, while the other core
     * stays idle until the next scheduler tick: traced with {@code perf sched} on the benchmark machine, the
     * submitting thread then sat runnable for 2 to 4 ms before it could wake the second worker, and the first
     * worker encoded every column alone. A woken worker that wakes the next at once puts it on the idle core
     * within 0.1 ms: the median 20,000-row append into the multi-file layout went from 6.3 to 5.0 ms (300
     * appends each, same machine).
     */
    static final class Submitted<R> {

        private final ColumnTask<R> task;

        private final int columns;

        private final AtomicInteger next = new AtomicInteger();

        private final AtomicInteger remaining;

        private final AtomicInteger unstartedWorkers;

        private final CountDownLatch done = new CountDownLatch(1);

        private final Object[] results;

        private final Throwable[] failures;

        private volatile Consumer<R> release;

        private final AtomicBoolean released = new AtomicBoolean();

        private Submitted(int columns, ColumnTask<R> task, int poolThreads) {
            this.task = task;
            this.columns = columns;
            this.remaining = new AtomicInteger(columns);
            this.results = new Object[columns];
            this.failures = new Throwable[columns];
            if (columns == 0) {
                this.done.countDown();
            }
            this.unstartedWorkers = new AtomicInteger(Math.min(columns, poolThreads));
            startWorker();
        }

        /** Hands the pool one more worker, while columns are left to claim and the limit allows. */
        private void startWorker() {
            if (this.next.get() < this.columns && this.unstartedWorkers.getAndDecrement() > 0) {
                POOL.execute(this::work);
            }
        }

        /** Runs unclaimed columns until none is left. */
        private void work() {
            startWorker();
            for (int column = this.next.getAndIncrement(); column < this.columns;
                    column = this.next.getAndIncrement()) {
                if (this.release == null) {
                    try {
                        this.results[column] = this.task.run(column);
                    }
                    catch (Throwable ex) {
                        // Kept for the waiting thread: a worker that let it escape would never count down.
                        this.failures[column] = ex;
                    }
                }
                finished();
            }
        }

        private void finished() {
            if (this.remaining.decrementAndGet() == 0) {
                this.done.countDown();
                if (this.release != null) {
                    releaseOnce();
                }
            }
        }

        /** The results in column order; the first failure, in column order, is rethrown as it was thrown. */
        List<R> await() throws Exception {
            work();
            try {
                this.done.await();
            }
            catch (InterruptedException ex) {
                discard(result -> {
                });
                Thread.currentThread().interrupt();
                throw ex;
            }
            List<R> results = new ArrayList<>(this.columns);
            for (int column = 0; column < this.columns; column++) {
                Throwable failure = this.failures[column];
                if (failure instanceof Exception exception) {
                    throw exception;
                }
                if (failure instanceof Error error) {
                    throw error;
                }
                @SuppressWarnings("unchecked")
                R result = (R) this.results[column];
                results.add(result);
            }
            return results;
        }

        /**
         * Gives up on the results without waiting for them: columns not yet started are skipped, and
         * {@code release} gets the result of every column that did run, once the last of them is done.
         */
        void discard(Consumer<R> release) {
            this.release = release;
            int claimed = this.next.getAndSet(this.columns);
            for (int column = claimed; column < this.columns; column++) {
                finished();
            }
            if (this.remaining.get() == 0) {
                releaseOnce();
            }
        }

        private void releaseOnce() {
            if (!this.released.compareAndSet(false, true)) {
                return;
            }
            for (Object result : this.results) {
                if (result != null) {
                    @SuppressWarnings("unchecked")
                    R typed = (R) result;
                    this.release.accept(typed);
                }
            }
        }
    }
}
