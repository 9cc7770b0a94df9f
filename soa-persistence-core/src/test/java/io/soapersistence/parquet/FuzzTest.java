package io.soapersistence.parquet;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.soapersistence.fixtures.AllTypesSoA;
import io.soapersistence.fixtures.OrderSoA;
import io.soapersistence.fixtures.RandomRows;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Bounded random damage with a fixed seed: byte flips, zeroed runs, duplicated or removed chunks and
 * truncation, in combination. Every damaged file must load and count within a time limit to the right number
 * of rows or to a typed persistence error naming the file, and the threads that ran the loads must be free
 * afterwards.
 */
class FuzzTest {

    private static final int ITERATIONS = 300;

    private static final int ORDERS = 2000;

    private static final int ALL_TYPES = 400;

    private static final String LOADER = "fuzz-load-";

    @TempDir
    Path dir;

    @Test
    void randomlyDamagedFilesLoadOrFailTyped() throws Exception {
        AtomicInteger threads = new AtomicInteger();
        ExecutorService executor = Executors.newFixedThreadPool(2, task -> {
            Thread thread = new Thread(task, LOADER + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        MutatedFiles mutated = new MutatedFiles();
        try {
            RandomRows rows = new RandomRows(41);
            OrderSoA orders = new OrderSoA();
            for (int i = 1; i <= ORDERS; i++) {
                orders.add(rows.order(i));
            }
            AllTypesSoA allTypes = new AllTypesSoA();
            for (int i = 0; i < ALL_TYPES; i++) {
                allTypes.add(rows.allTypes());
            }
            ParquetPersistence<OrderSoA> orderFiles = new ParquetPersistence<>(OrderSoA.class,
                    this.dir.resolve("orders")).withRowGroupSize(16 * 1024).withPageSize(1024).withExecutor(executor);
            ParquetPersistence<AllTypesSoA> allTypeFiles = new ParquetPersistence<>(AllTypesSoA.class,
                    this.dir.resolve("all-types")).withRowGroupSize(16 * 1024).withPageSize(2048)
                .withExecutor(executor);
            orderFiles.save(orders).join();
            allTypeFiles.save(allTypes).join();
            byte[] validOrders = Files.readAllBytes(orderFiles.file());
            byte[] validAllTypes = Files.readAllBytes(allTypeFiles.file());

            Random random = new Random(20261124L);
            for (int i = 0; i < ITERATIONS; i++) {
                boolean order = random.nextBoolean();
                byte[] valid = order ? validOrders : validAllTypes;
                List<String> steps = new ArrayList<>();
                byte[] damaged = mutate(valid, random, steps);
                String mutation = "iteration " + i + ": " + String.join(", ", steps);
                if (order) {
                    mutated.write(orderFiles.file(), damaged);
                    mutated.check(orderFiles, ORDERS, mutation);
                } else {
                    mutated.write(allTypeFiles.file(), damaged);
                    mutated.check(allTypeFiles, ALL_TYPES, mutation);
                }
            }
            assertThat(mutated.failedTyped).as("typed failures").isPositive();
        } finally {
            executor.shutdownNow();
        }
        assertThat(executor.awaitTermination(10, TimeUnit.SECONDS)).as("loader threads terminated").isTrue();
        assertNoThreadStuckInTheEngine();
    }

    /** One to three random kinds of damage on a copy of {@code valid}, each described in {@code steps}. */
    private static byte[] mutate(byte[] valid, Random random, List<String> steps) {
        byte[] bytes = valid.clone();
        int count = 1 + random.nextInt(3);
        for (int s = 0; s < count && bytes.length > 0; s++) {
            int at = random.nextInt(bytes.length);
            int length = 1 + random.nextInt(Math.min(256, bytes.length - at));
            switch (random.nextInt(5)) {
                case 0 -> {
                    int flips = 1 + random.nextInt(4);
                    for (int f = 0; f < flips; f++) {
                        int position = random.nextInt(bytes.length);
                        bytes[position] ^= (byte) (1 + random.nextInt(255));
                    }
                    steps.add(flips + " byte flips");
                }
                case 1 -> {
                    Arrays.fill(bytes, at, at + length, (byte) 0);
                    steps.add("zeroed " + length + " bytes at " + at);
                }
                case 2 -> {
                    int to = random.nextInt(bytes.length + 1);
                    ByteArrayOutputStream out = new ByteArrayOutputStream(bytes.length + length);
                    out.write(bytes, 0, to);
                    out.write(bytes, at, length);
                    out.write(bytes, to, bytes.length - to);
                    bytes = out.toByteArray();
                    steps.add("copied " + length + " bytes from " + at + " to " + to);
                }
                case 3 -> {
                    byte[] shorter = new byte[bytes.length - length];
                    System.arraycopy(bytes, 0, shorter, 0, at);
                    System.arraycopy(bytes, at + length, shorter, at, bytes.length - at - length);
                    bytes = shorter;
                    steps.add("removed " + length + " bytes at " + at);
                }
                default -> {
                    bytes = Arrays.copyOf(bytes, at);
                    steps.add("truncated to " + at + " bytes");
                }
            }
        }
        return bytes;
    }

    /** No loader thread survives, and no column worker is still busy in the engine's code. */
    private static void assertNoThreadStuckInTheEngine() throws InterruptedException {
        List<String> busy = List.of();
        for (int attempt = 0; attempt < 50; attempt++) {
            busy = new ArrayList<>();
            for (Map.Entry<Thread, StackTraceElement[]> entry : Thread.getAllStackTraces().entrySet()) {
                Thread thread = entry.getKey();
                boolean inEngine = Arrays.stream(entry.getValue())
                    .anyMatch(frame -> frame.getClassName().startsWith("io.soapersistence.parquet.")
                            && !frame.getClassName().startsWith(FuzzTest.class.getName()));
                if (thread.getName().startsWith(LOADER)
                        || (thread.getName().startsWith("soa-persistence-columns-") && inEngine)) {
                    busy.add(thread.getName() + " " + thread.getState());
                }
            }
            if (busy.isEmpty()) {
                return;
            }
            Thread.sleep(100);
        }
        assertThat(busy).as("threads still busy after the loads").isEmpty();
    }
}
