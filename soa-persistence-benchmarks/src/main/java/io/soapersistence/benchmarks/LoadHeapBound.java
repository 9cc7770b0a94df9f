package io.soapersistence.benchmarks;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.soapersistence.parquet.ParquetPersistence;

/**
 * Measures the peak live heap of a load: the smallest {@code -Xmx} with which a fresh JVM loads the dataset,
 * found by bisection over child JVMs. Sampling used heap in a large heap would count garbage that no GC was
 * asked to collect; a heap limit counts only what must be live at once.
 * <p>
 * Usage: {@code java -cp benchmarks.jar io.soapersistence.benchmarks.LoadHeapBound [rows]}.
 */
public final class LoadHeapBound {

    private LoadHeapBound() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length > 1 && args[0].equals("--load")) {
            new ParquetPersistence<>(OrderRowSoA.class, Path.of(args[1])).load().join().orElseThrow();
            return;
        }
        int rows = (args.length > 0) ? Integer.parseInt(args[0]) : 2_000_000;
        Path dir = Files.createTempDirectory("load-heap-bound");
        OrderRowSoA data = OrderDataset.generate(rows, OrderDataset.DEFAULT_SEED).soa();
        new ParquetPersistence<>(OrderRowSoA.class, dir).save(data).join();
        long soaMegabytes = Math.max(1, PeerComparison.estimateBytes(data) >> 20);
        long low = 1;
        long high = 8 * soaMegabytes + 64;
        if (!loads(dir, high)) {
            throw new IllegalStateException("the load fails even with -Xmx" + high + "m");
        }
        while (high - low > 2) {
            long middle = (low + high) / 2;
            if (loads(dir, middle)) {
                high = middle;
            }
            else {
                low = middle;
            }
        }
        System.out.printf("%,d rows: the SoA holds about %,d MB; the smallest heap that loads it is -Xmx%dm "
                + "(%.2f x the SoA, JVM baseline included)%n", rows, soaMegabytes, high, (double) high / soaMegabytes);
    }

    private static boolean loads(Path dir, long megabytes) throws Exception {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx" + megabytes + "m");
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(LoadHeapBound.class.getName());
        command.add("--load");
        command.add(dir.toString());
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        if (!process.waitFor(10, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new IllegalStateException("a load with -Xmx" + megabytes + "m did not finish");
        }
        return process.exitValue() == 0;
    }
}
