package io.soapersistence.benchmarks;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Collectors;

import javax.management.Notification;
import javax.management.NotificationEmitter;
import javax.management.NotificationListener;
import javax.management.openmbean.CompositeData;

import com.sun.management.GarbageCollectionNotificationInfo;

/**
 * Measures the heap during one operation. Method: force a GC and read the used heap (the baseline); during the
 * operation, a daemon thread samples the used heap every 0.5 ms, and a GC listener records the used heap just
 * before every collection (the exact local maxima the sampler can miss); the peak is the larger of both, minus the
 * baseline. The peak therefore includes garbage not yet collected: with a large young generation it approaches
 * what the operation allocated. Afterwards, with the result still referenced, a forced GC gives what the result
 * retains. Allocated bytes are summed over all live threads (HotSpot's per-thread allocation counters).
 */
public final class HeapSampler {

    /**
     * What one operation did to the heap.
     *
     * @param baselineBytes used heap after a forced GC, before the operation
     * @param peakAboveBaselineBytes highest used heap seen during the operation, minus the baseline
     * @param retainedBytes used heap after a forced GC with the result referenced, minus the baseline
     * @param allocatedBytes bytes allocated by all threads during the operation
     * @param collections garbage collections during the operation
     */
    public record Report(long baselineBytes, long peakAboveBaselineBytes, long retainedBytes, long allocatedBytes,
            int collections) {
    }

    /**
     * The result of the measured operation and its report.
     *
     * @param <T> the result type
     * @param result what the operation returned
     * @param report the heap report
     */
    public record Measured<T>(T result, Report report) {
    }

    private HeapSampler() {
    }

    /**
     * Runs {@code operation} once and measures the heap around it.
     *
     * @param <T> the result type
     * @param operation the operation
     * @return its result and the heap report
     * @throws Exception what the operation throws
     */
    public static <T> Measured<T> measure(Callable<T> operation) throws Exception {
        Set<String> heapPools = ManagementFactory.getMemoryPoolMXBeans().stream()
            .filter(pool -> pool.getType() == MemoryType.HEAP)
            .map(MemoryPoolMXBean::getName)
            .collect(Collectors.toSet());
        long baseline = usedAfterGc();
        AtomicLong peak = new AtomicLong(baseline);
        AtomicLong collections = new AtomicLong();
        NotificationListener listener = (Notification notification, Object handback) -> {
            if (!GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(notification.getType())) {
                return;
            }
            GarbageCollectionNotificationInfo info = GarbageCollectionNotificationInfo
                .from((CompositeData) notification.getUserData());
            long before = 0;
            for (var entry : info.getGcInfo().getMemoryUsageBeforeGc().entrySet()) {
                if (heapPools.contains(entry.getKey())) {
                    before += entry.getValue().getUsed();
                }
            }
            collections.incrementAndGet();
            peak.accumulateAndGet(before, Math::max);
        };
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            ((NotificationEmitter) gc).addNotificationListener(listener, null, null);
        }
        Thread sampler = new Thread(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                peak.accumulateAndGet(ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed(), Math::max);
                LockSupport.parkNanos(500_000);
            }
        }, "heap-sampler");
        sampler.setDaemon(true);
        long allocatedBefore = allocatedByAllThreads();
        T result;
        sampler.start();
        try {
            result = operation.call();
        }
        finally {
            sampler.interrupt();
            sampler.join();
            for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
                try {
                    ((NotificationEmitter) gc).removeNotificationListener(listener);
                }
                catch (javax.management.ListenerNotFoundException ignored) {
                    // never added
                }
            }
        }
        long allocated = allocatedByAllThreads() - allocatedBefore;
        long retained = usedAfterGc() - baseline;
        java.lang.ref.Reference.reachabilityFence(result);
        return new Measured<>(result, new Report(baseline, peak.get() - baseline, retained, allocated,
                (int) collections.get()));
    }

    /**
     * The used heap after two forced collections.
     *
     * @return bytes
     */
    public static long usedAfterGc() {
        System.gc();
        System.gc();
        MemoryUsage usage = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
        return usage.getUsed();
    }

    private static long allocatedByAllThreads() {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long[] ids = threads.getAllThreadIds();
        long total = 0;
        for (long bytes : threads.getThreadAllocatedBytes(ids)) {
            if (bytes > 0) {
                total += bytes;
            }
        }
        return total;
    }
}
