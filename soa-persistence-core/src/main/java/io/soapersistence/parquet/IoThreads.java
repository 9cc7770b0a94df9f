package io.soapersistence.parquet;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

/**
 * Threads that wait on the kernel while an operation's own thread encodes: copying stored column chunks,
 * forcing what is copied, and releasing replaced files. Every task belongs to one operation, which waits for
 * it before it returns, except the release of a replaced file (see {@link DatasetDirectory#commit}). They are
 * not the caller's executor: that one runs whole operations, and a task here must never queue behind one.
 */
final class IoThreads {

    private static final ExecutorService POOL = createPool();

    private IoThreads() {
    }

    private static ExecutorService createPool() {
        AtomicInteger counter = new AtomicInteger();
        return new ThreadPoolExecutor(0, Integer.MAX_VALUE, 30, TimeUnit.SECONDS, new SynchronousQueue<>(),
                task -> {
                    Thread thread = new Thread(task, "soa-persistence-io-" + counter.incrementAndGet());
                    thread.setDaemon(true);
                    return thread;
                });
    }

    static void run(Runnable task) {
        POOL.execute(task);
    }

    /**
     * Waits on {@code lock}, which the caller holds, until {@code done} holds, and keeps an interrupt for the caller
     * to see afterwards: a cancel must not return while a task still uses the file it is cancelling.
     */
    static void awaitUninterruptibly(Object lock, BooleanSupplier done) {
        boolean interrupted = false;
        while (!done.getAsBoolean()) {
            try {
                lock.wait();
            }
            catch (InterruptedException ex) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
