package io.soapersistence.parquet;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The executor used when the caller supplies none. Persistence blocks on disk I/O, which must not starve the
 * common fork-join pool; daemon threads keep an application from hanging at exit, and idle threads time out.
 */
final class DefaultExecutor {

    private static final ExecutorService INSTANCE = create();

    private DefaultExecutor() {
    }

    static ExecutorService instance() {
        return INSTANCE;
    }

    private static ExecutorService create() {
        int threads = Math.max(2, Runtime.getRuntime().availableProcessors());
        AtomicInteger counter = new AtomicInteger();
        ThreadFactory factory = runnable -> {
            Thread thread = new Thread(runnable, "soa-persistence-" + counter.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
        ThreadPoolExecutor executor = new ThreadPoolExecutor(threads, threads, 30, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(), factory);
        executor.allowCoreThreadTimeOut(true);
        return executor;
    }
}
