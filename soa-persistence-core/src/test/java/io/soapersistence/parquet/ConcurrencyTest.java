package io.soapersistence.parquet;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import io.soapersistence.fixtures.OrderSoA;
import io.soapersistence.query.Filter;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Concurrent use of one dataset: threads of one JVM mixing every operation, and two processes appending at the
 * same time. Every batch written has ids {@code batch * 1000 + i}, so any dataset read back can be checked to be
 * a concatenation of whole batches that were written, each at most once: a reader that saw a torn or
 * half-committed state would find a cut batch.
 */
class ConcurrencyTest {

    private static final int THREADS = 6;

    private static final int OPERATIONS_PER_THREAD = 30;

    @TempDir
    Path dir;

    /** Batch {@code number}: {@code rows} (at most 1000) rows with ids {@code number * 1000 + i}. */
    static OrderSoA batch(long number, int rows) {
        return CrashState.batch(number * 1000, rows);
    }

    private ParquetPersistence<OrderSoA> persistence(Layout layout) {
        return new ParquetPersistence<>(OrderSoA.class, this.dir).withLayout(layout).withCompactionThreshold(4);
    }

    /**
     * Checks that {@code loaded} is a concatenation of whole batches from {@code written} (batch number to row
     * count), each at most once and with exactly the rows written, and returns the batch numbers in order.
     */
    static List<Long> wholeBatches(OrderSoA loaded, Map<Long, Integer> written) {
        List<Long> batches = new ArrayList<>();
        Set<Long> seen = new HashSet<>();
        int row = 0;
        while (row < loaded.size()) {
            long id = loaded.orderId(row);
            long number = id / 1000;
            assertThat(id % 1000).as("row %d (id %d) must start a batch", row, id).isZero();
            Integer rows = written.get(number);
            assertThat(rows).as("batch %d was never written", number).isNotNull();
            assertThat(seen.add(number)).as("batch %d appears twice", number).isTrue();
            assertThat(row + rows).as("batch %d is cut off at the end", number).isLessThanOrEqualTo(loaded.size());
            OrderSoA expected = batch(number, rows);
            for (int i = 0; i < rows; i++) {
                if (!loaded.get(row + i).equals(expected.get(i))) {
                    assertThat(loaded.get(row + i)).as("row %d of batch %d", i, number).isEqualTo(expected.get(i));
                }
            }
            batches.add(number);
            row += rows;
        }
        return batches;
    }

    @ParameterizedTest(name = "{0}, saves and clears mixed in: {1}")
    @CsvSource({"SINGLE_FILE, false", "SINGLE_FILE, true", "MULTI_FILE, false", "MULTI_FILE, true"})
    void threadsMixingEveryOperationOnlyEverSeeCommittedStates(Layout layout, boolean replacing) throws Exception {
        ParquetPersistence<OrderSoA> persistence = persistence(layout);
        Map<Long, Integer> written = new ConcurrentHashMap<>();
        AtomicLong nextBatch = new AtomicLong(1);
        AtomicLong appendedRows = new AtomicLong();
        ExecutorService threads = Executors.newFixedThreadPool(THREADS);
        try {
            List<Future<?>> workers = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                Random random = new Random(t * 31L + layout.ordinal() + (replacing ? 7 : 0));
                workers.add(threads.submit(() -> {
                    long lastCount = 0;
                    for (int op = 0; op < OPERATIONS_PER_THREAD; op++) {
                        int choice = random.nextInt(replacing ? 100 : 85);
                        if (choice < 40) {
                            long number = nextBatch.getAndIncrement();
                            int rows = 1 + random.nextInt(200);
                            written.put(number, rows);
                            persistence.append(batch(number, rows)).join();
                            appendedRows.addAndGet(rows);
                        }
                        else if (choice < 55) {
                            wholeBatches(persistence.load().join().orElseGet(OrderSoA::new), written);
                        }
                        else if (choice < 65) {
                            long count = persistence.count().join();
                            if (!replacing) {
                                assertThat(count).as("counts never go back").isGreaterThanOrEqualTo(lastCount);
                                lastCount = count;
                            }
                        }
                        else if (choice < 75) {
                            wholeBatches(persistence.select(Filter.all()).join(), written);
                        }
                        else if (choice < 85) {
                            wholeBatches(persistence.query(soa -> true).join().orElseGet(OrderSoA::new), written);
                        }
                        else if (choice < 97) {
                            long number = nextBatch.getAndIncrement();
                            int rows = 1 + random.nextInt(200);
                            written.put(number, rows);
                            persistence.save(batch(number, rows)).join();
                        }
                        else {
                            persistence.clear().join();
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> worker : workers) {
                worker.get(60, TimeUnit.SECONDS);
            }
        }
        finally {
            threads.shutdownNow();
        }

        OrderSoA loaded = persistence.load().join().orElseGet(OrderSoA::new);
        List<Long> batches = wholeBatches(loaded, written);
        assertThat(persistence.count().join()).isEqualTo(loaded.size());
        if (!replacing) {
            assertThat(loaded.size()).isEqualTo(appendedRows.get());
            assertThat(new HashSet<>(batches)).isEqualTo(written.keySet());
        }
        assertThat(KillMidWriteTest.tempFiles(this.dir)).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(Layout.class)
    void twoProcessesAppendingAtOnceLoseAndDuplicateNothing(Layout layout) throws Exception {
        int batches = 20;
        int rows = 50;
        ParquetPersistence<OrderSoA> persistence = persistence(layout);
        persistence.save(batch(1, 100)).join();
        List<Process> appenders = new ArrayList<>();
        List<Path> outputs = new ArrayList<>();
        for (long first : new long[] {100, 200}) {
            Path output = this.dir.resolveSibling(this.dir.getFileName() + "-appender-" + first + ".out");
            outputs.add(output);
            appenders.add(new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"),
                    ConcurrentAppender.class.getName(), this.dir.toString(), layout.name(), Long.toString(first),
                    Integer.toString(batches), Integer.toString(rows))
                .redirectErrorStream(true)
                .redirectOutput(output.toFile())
                .start());
        }
        try {
            for (int i = 0; i < appenders.size(); i++) {
                assertThat(appenders.get(i).waitFor(50, TimeUnit.SECONDS)).isTrue();
                String output = Files.readString(outputs.get(i), StandardCharsets.UTF_8);
                assertThat(appenders.get(i).exitValue()).as(output).isZero();
                assertThat(output).endsWith("done\n");
            }
        }
        finally {
            appenders.forEach(Process::destroyForcibly);
        }

        Map<Long, Integer> written = new ConcurrentHashMap<>();
        written.put(1L, 100);
        for (long number = 0; number < batches; number++) {
            written.put(100 + number, rows);
            written.put(200 + number, rows);
        }
        assertThat(persistence.count().join()).isEqualTo(100 + 2L * batches * rows);
        List<Long> loaded = wholeBatches(persistence.load().join().orElseThrow(), written);
        assertThat(new HashSet<>(loaded)).isEqualTo(written.keySet());
        assertThat(loaded.get(0)).isEqualTo(1L);
        long switches = 0;
        for (int i = 1; i < loaded.size(); i++) {
            switches += (loaded.get(i) / 100 != loaded.get(i - 1) / 100) ? 1 : 0;
        }
        System.out.printf("ConcurrencyTest %s: the two processes' appends alternated %d times%n", layout, switches);
        assertThat(KillMidWriteTest.tempFiles(this.dir)).isEmpty();
        assertThat(Files.exists(this.dir.resolve(DatasetDirectory.DATA_FILE))).isEqualTo(layout == Layout.SINGLE_FILE);
    }
}
