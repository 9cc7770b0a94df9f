package io.soapersistence.benchmarks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import io.soapersistence.benchmarks.peers.ArrowCppReader;
import io.soapersistence.benchmarks.peers.CarpetEngine;
import io.soapersistence.benchmarks.peers.DuckDbEngine;
import io.soapersistence.benchmarks.peers.ParquetAvroEngine;
import io.soapersistence.benchmarks.peers.PeerEngine;
import io.soapersistence.parquet.Compression;
import io.soapersistence.parquet.Layout;
import io.soapersistence.parquet.ParquetPersistence;
import io.soapersistence.query.Filter;

/**
 * soa-persistence against parquet-avro, Carpet, DuckDB and Arrow C++ in one JVM, on one generated dataset, SNAPPY
 * everywhere: arrays in, a Parquet file, arrays out. Prints the medians as a table, then the ratios.
 * <pre>
 * ./mvnw -q -pl soa-persistence-benchmarks -am package -DskipTests
 * java --add-opens=java.base/java.nio=ALL-UNNAMED -Xms8g -Xmx8g \
 *     -cp soa-persistence-benchmarks/target/benchmarks.jar io.soapersistence.benchmarks.PeerComparison \
 *     [rows=2000000] [repetitions=5] [warm-up rounds=1]
 * </pre>
 * The flag is for Arrow C++ only (arrow-dataset's C data interface). Method: all engines run in rounds, one
 * operation each per round, so that the machine's drift spreads over all of them; every timed operation starts
 * after a forced GC; the first rounds are warm-up; the table shows the median of the measured rounds. After every
 * read, untimed, the arrays are compared value by value with the written ones. soa-persistence saves with fsync and
 * an atomic rename; the peers write without fsync.
 */
public final class PeerComparison {

    /** Rows appended onto the saved dataset. */
    public static final int APPEND_ROWS = 20_000;

    /** Select calls per round; see the measurement loop. */
    private static final int SELECTS_PER_ROUND = 15;

    private static final int APPENDS_PER_ROUND = 5;

    private static final long COMPILER_QUIET_MILLIS = 50;

    private static final long COMPILER_WAIT_MILLIS = 2_000;

    /** Appends of each layout run before the first round; see {@link #warmUpAppends}. */
    private static final int APPEND_WARM_UP_CALLS = 1_000;

    static final String OURS = "soa-persistence (this)";

    /**
     * What to measure.
     *
     * @param rows rows of the dataset
     * @param repetitions measured rounds; the median is reported
     * @param warmups unmeasured rounds first
     * @param workDir where the files go (deleted afterwards)
     * @param jdbcGettersRead also read DuckDB's file through JDBC getters
     * @param measureHeap sample the heap during one extra load of soa-persistence
     * @param appendWarmUpCalls appends of each layout onto a small scratch dataset before the first round
     */
    public record Config(int rows, int repetitions, int warmups, Path workDir, boolean jdbcGettersRead,
            boolean measureHeap, int appendWarmUpCalls) {
    }

    /**
     * One engine's medians and what its reads returned.
     *
     * @param name the engine
     * @param writeNanos median write time, or -1 when it does not write
     * @param readNanos median read time into arrays
     * @param fileBytes size of the file it wrote, or -1
     * @param readRows rows of the last read
     * @param readTotalAmountSum sum of total_amount of the last read
     * @param firstDifference {@code null} if every read equalled the written data value for value
     * @param writeSpread fastest and slowest measured write, empty when it does not write
     * @param readSpread fastest and slowest measured read
     */
    public record EngineResult(String name, long writeNanos, long readNanos, long fileBytes, int readRows,
            double readTotalAmountSum, String firstDifference, long[] writeSpread, long[] readSpread) {
    }

    /**
     * The whole comparison.
     *
     * @param config what was measured
     * @param writtenTotalAmountSum sum of total_amount of the written data
     * @param engines every engine, soa-persistence first
     * @param appendNanos median time of soa-persistence appending {@link #APPEND_ROWS} rows onto a file that
     *         an append of this process wrote, which extends the spare copy
     * @param copyingAppendNanos median time of such an append onto a file with no usable spare copy, put back from
     *         a copy as a file replaced from outside is, which copies the whole file
     * @param afterSaveAppendNanos median time of the first append after a save, which extends the spare copy that
     *         the save wrote beside its file
     * @param rowsAfterAppend soa-persistence's count after the last append
     * @param countNanos median time of soa-persistence's count
     * @param countedRows what count returned
     * @param heap the heap during one soa-persistence load, or {@code null}
     * @param soaBytesEstimate the loaded SoA's size estimated from its column lengths
     * @param multiFileAppendNanos median time of appending {@link #APPEND_ROWS} rows in the multi-file layout
     * @param queryNanos median time of selecting a 1% id range
     * @param queriedRows the rows that select returned
     */
    public record Results(Config config, double writtenTotalAmountSum, List<EngineResult> engines, long appendNanos,
            long copyingAppendNanos, long afterSaveAppendNanos, long rowsAfterAppend,
            long countNanos, long countedRows, HeapSampler.Report heap, long soaBytesEstimate,
            long multiFileAppendNanos, long queryNanos, long queriedRows) {

        /**
         * The result of one engine.
         *
         * @param prefix the start of its name
         * @return the result
         */
        public EngineResult engine(String prefix) {
            return this.engines.stream().filter(e -> e.name().startsWith(prefix)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no engine " + prefix));
        }
    }

    /** A contender: how it writes (or not), how it reads, and its file. */
    private static final class Contender {

        final String name;

        final Path file;

        final Op write;

        final ReadOp read;

        final List<Long> writeTimes = new ArrayList<>();

        final List<Long> readTimes = new ArrayList<>();

        OrderArrays lastRead;

        String firstDifference;

        Contender(String name, Path file, Op write, ReadOp read) {
            this.name = name;
            this.file = file;
            this.write = write;
            this.read = read;
        }
    }

    @FunctionalInterface
    private interface Op {

        void run() throws Exception;
    }

    @FunctionalInterface
    private interface ReadOp {

        /** Returns {@link OrderArrays}, or an {@link OrderRowSoA} that is converted after the clock stops. */
        Object run() throws Exception;
    }

    private PeerComparison() {
    }

    /**
     * Runs the comparison and prints it.
     *
     * @param args rows (default 2,000,000), measured repetitions (default 5), warm-up rounds (default 1); add
     *     {@code --no-jdbc} to skip the DuckDB JDBC-getter read
     * @throws Exception on any failure
     */
    public static void main(String[] args) throws Exception {
        List<String> positional = Arrays.stream(args).filter(a -> !a.startsWith("--")).toList();
        boolean jdbc = !Arrays.asList(args).contains("--no-jdbc");
        int rows = positional.size() > 0 ? Integer.parseInt(positional.get(0).replace("_", "")) : 2_000_000;
        int repetitions = positional.size() > 1 ? Integer.parseInt(positional.get(1)) : 5;
        int warmups = positional.size() > 2 ? Integer.parseInt(positional.get(2)) : 1;
        Path work = Files.createTempDirectory("soa-peer-comparison");
        try {
            Results results = measure(new Config(rows, repetitions, warmups, work, jdbc, true, APPEND_WARM_UP_CALLS));
            System.out.println(render(results));
        }
        finally {
            deleteRecursively(work);
        }
        // DuckDB and Arrow C++ may leave native threads behind.
        System.exit(0);
    }

    /**
     * Generates the dataset and measures every engine.
     *
     * @param config what to measure
     * @return the medians and the checks
     * @throws Exception on any failure
     */
    public static Results measure(Config config) throws Exception {
        OrderDataset dataset = OrderDataset.generate(config.rows(), OrderDataset.DEFAULT_SEED);
        OrderDataset tail = OrderDataset.generate(APPEND_ROWS, OrderDataset.DEFAULT_SEED + 1, config.rows() + 1L);
        OrderArrays source = dataset.arrays();
        Path work = config.workDir();
        ParquetPersistence<OrderRowSoA> ours = new ParquetPersistence<>(OrderRowSoA.class, work.resolve("ours"))
            .withCompression(Compression.snappy());
        ParquetPersistence<OrderRowSoA> appended = new ParquetPersistence<>(OrderRowSoA.class,
                work.resolve("ours-append")).withCompression(Compression.snappy());
        ParquetPersistence<OrderRowSoA> multiFile = new ParquetPersistence<>(OrderRowSoA.class,
                work.resolve("ours-multi-file")).withCompression(Compression.snappy()).withLayout(Layout.MULTI_FILE);
        // 1% of the ids, in the middle of the file.
        long queryFrom = config.rows() / 2 + 1;
        long queryTo = queryFrom + Math.max(1, config.rows() / 100) - 1;
        Filter onePercent = OrderRowSoA.ORDER_ID.between(queryFrom, queryTo);

        List<PeerEngine> peers = new ArrayList<>();
        List<Contender> contenders = new ArrayList<>();
        try {
            contenders.add(new Contender(OURS, ours.file(), () -> ours.save(dataset.soa()).join(),
                    () -> ours.load().join().orElseThrow()));
            ParquetAvroEngine avro = add(peers, new ParquetAvroEngine());
            CarpetEngine carpet = add(peers, new CarpetEngine());
            DuckDbEngine duck = add(peers, new DuckDbEngine(false));
            ArrowCppReader arrowCpp = add(peers, new ArrowCppReader());
            for (PeerEngine peer : List.of(avro, carpet, duck)) {
                Path file = work.resolve(fileName(peer.name()));
                contenders.add(new Contender(peer.name(), file, () -> peer.write(source, file),
                        () -> peer.read(file, config.rows())));
            }
            contenders.add(new Contender(arrowCpp.name(), ours.file(), null,
                    () -> arrowCpp.read(ours.file(), config.rows())));
            if (config.jdbcGettersRead()) {
                DuckDbEngine duckJdbc = add(peers, new DuckDbEngine(true));
                Path duckFile = work.resolve(fileName(duck.name()));
                contenders.add(new Contender(duckJdbc.name(), duckFile, null,
                        () -> duckJdbc.read(duckFile, config.rows())));
            }

            List<Long> appendTimes = new ArrayList<>();
            List<Long> copyingAppendTimes = new ArrayList<>();
            List<Long> afterSaveAppendTimes = new ArrayList<>();
            List<Long> multiFileAppendTimes = new ArrayList<>();
            List<Long> queryTimes = new ArrayList<>();
            long queriedRows = -1;
            List<Long> countTimes = new ArrayList<>();
            long rowsAfterAppend = -1;
            long counted = -1;
            Files.createDirectories(appended.directory());
            warmUpAppends(work.resolve("append-warm-up"), tail, config.appendWarmUpCalls());
            for (int round = 0; round < config.warmups() + config.repetitions(); round++) {
                boolean measured = round >= config.warmups();
                for (Contender contender : contenders) {
                    if (contender.write != null) {
                        long nanos = timed(contender.write);
                        if (measured) {
                            contender.writeTimes.add(nanos);
                        }
                    }
                }
                for (Contender contender : contenders) {
                    Object[] read = new Object[1];
                    long nanos = timed(() -> read[0] = contender.read.run());
                    if (measured) {
                        contender.readTimes.add(nanos);
                    }
                    check(contender, read[0], source);
                }
                // A copying append goes onto a fresh, durable copy of the saved file, made untimed: no spare matches
                // a file put back from outside, so it copies the whole file. The appends after it extend the spare
                // copy that the one before left. An append takes milliseconds, where one GC pause weighs as much:
                // each round takes the median of several.
                List<Long> copyingAppends = new ArrayList<>();
                for (int call = 0; call < APPENDS_PER_ROUND; call++) {
                    DurableCopy.replace(ours.file(), appended.file());
                    copyingAppends.add(timed(() -> appended.append(tail.soa()).join()));
                }
                long copyingAppendNanos = median(copyingAppends);
                rowsAfterAppend = appended.count().join();
                List<Long> appends = new ArrayList<>();
                for (int call = 0; call < APPENDS_PER_ROUND; call++) {
                    appends.add(timed(() -> appended.append(tail.soa()).join()));
                }
                long appendNanos = median(appends);
                // Every save writes a spare copy beside its file, and the first append after it extends that copy.
                // The saves are untimed here: the round above timed the same save.
                List<Long> afterSaveAppends = new ArrayList<>();
                for (int call = 0; call < APPENDS_PER_ROUND; call++) {
                    appended.save(dataset.soa()).join();
                    afterSaveAppends.add(timed(() -> appended.append(tail.soa()).join()));
                }
                long[] count = new long[1];
                long countNanos = timed(() -> count[0] = ours.count().join());
                counted = count[0];
                // The multi-file dataset is saved afresh every round (untimed); each append adds one part, and the
                // parts stay far below the compaction threshold.
                multiFile.save(dataset.soa()).join();
                List<Long> multiFileAppends = new ArrayList<>();
                for (int call = 0; call < APPENDS_PER_ROUND; call++) {
                    multiFileAppends.add(timed(() -> multiFile.append(tail.soa()).join()));
                }
                long multiFileAppendNanos = median(multiFileAppends);
                // A select takes milliseconds: one call per round would time the interpreter, not the engine, so
                // each round takes the median of several calls, as JMH's QueryBenchmark does in steady state.
                int[] matched = new int[1];
                List<Long> selects = new ArrayList<>();
                for (int call = 0; call < SELECTS_PER_ROUND; call++) {
                    selects.add(timed(() -> matched[0] = ours.select(onePercent).join().size()));
                }
                long queryNanos = median(selects);
                queriedRows = matched[0];
                if (measured) {
                    appendTimes.add(appendNanos);
                    copyingAppendTimes.add(copyingAppendNanos);
                    afterSaveAppendTimes.add(median(afterSaveAppends));
                    countTimes.add(countNanos);
                    multiFileAppendTimes.add(multiFileAppendNanos);
                    queryTimes.add(queryNanos);
                }
            }

            HeapSampler.Report heap = null;
            long soaBytes = -1;
            if (config.measureHeap()) {
                HeapSampler.Measured<OrderRowSoA> load = HeapSampler.measure(() -> ours.load().join().orElseThrow());
                heap = load.report();
                soaBytes = estimateBytes(load.result());
            }

            List<EngineResult> engines = new ArrayList<>();
            for (Contender c : contenders) {
                engines.add(new EngineResult(c.name, c.write == null ? -1 : median(c.writeTimes), median(c.readTimes),
                        c.write == null ? -1 : Files.size(c.file), c.lastRead.size, c.lastRead.totalAmountSum(),
                        c.firstDifference, spread(c.writeTimes), spread(c.readTimes)));
            }
            return new Results(config, source.totalAmountSum(), engines, median(appendTimes),
                    median(copyingAppendTimes), median(afterSaveAppendTimes),
                    rowsAfterAppend, median(countTimes), counted, heap, soaBytes, median(multiFileAppendTimes), median(queryTimes),
                    queriedRows);
        }
        finally {
            for (PeerEngine peer : peers) {
                peer.close();
            }
        }
    }

    /**
     * Runs both layouts' appends until the JIT has compiled them, as JMH's warm-up iterations would. A save of
     * 2,000,000 rows runs its loops millions of times in every call, but an append runs much of its code (opening
     * files, footers, commits) a few times per call: the five appends of a warm-up round leave it interpreted, and
     * measured that way a multi-file append took 11 ms where it takes under 5 ms after a thousand calls (measured
     * on this machine). The scratch dataset is small, so the warm-up costs seconds; it is saved afresh every
     * twenty appends, which keeps the multi-file layout below its compaction threshold as in the measured rounds.
     */
    private static void warmUpAppends(Path directory, OrderDataset tail, int calls) throws IOException {
        ParquetPersistence<OrderRowSoA> singleFile = new ParquetPersistence<>(OrderRowSoA.class,
                directory.resolve("single-file")).withCompression(Compression.snappy());
        ParquetPersistence<OrderRowSoA> multiFile = new ParquetPersistence<>(OrderRowSoA.class,
                directory.resolve("multi-file")).withCompression(Compression.snappy()).withLayout(Layout.MULTI_FILE);
        for (int call = 0; call < calls; call++) {
            if (call % 20 == 0) {
                singleFile.save(tail.soa()).join();
                multiFile.save(tail.soa()).join();
            }
            singleFile.append(tail.soa()).join();
            multiFile.append(tail.soa()).join();
        }
        deleteRecursively(directory);
    }

    private static <E extends PeerEngine> E add(List<PeerEngine> peers, E peer) {
        peers.add(peer);
        return peer;
    }

    private static String fileName(String engineName) {
        return engineName.split(" ")[0].toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-") + ".parquet";
    }

    private static long timed(Op op) throws Exception {
        System.gc();
        awaitIdleCompiler();
        long start = System.nanoTime();
        op.run();
        return System.nanoTime() - start;
    }

    /**
     * Waits until the JIT compiler has finished no compilation for {@value #COMPILER_QUIET_MILLIS} ms, for at most
     * {@value #COMPILER_WAIT_MILLIS} ms. Every operation leaves compilations queued (a save or a peer's read
     * compiles its loops, and the peers' use of parquet-java recompiles code they share with us); on two cores
     * the compiler thread that works them off takes one of the cores from whatever is timed next. Measured in a
     * run with every multi-file append traced: the compiler ran for 2 to 12 ms inside appends of 5 to 10 ms.
     */
    private static void awaitIdleCompiler() throws InterruptedException {
        CompilationMXBean compiler = ManagementFactory.getCompilationMXBean();
        if (compiler == null || !compiler.isCompilationTimeMonitoringSupported()) {
            return;
        }
        long deadline = System.nanoTime() + COMPILER_WAIT_MILLIS * 1_000_000L;
        long compiled = compiler.getTotalCompilationTime();
        while (System.nanoTime() < deadline) {
            Thread.sleep(COMPILER_QUIET_MILLIS);
            long now = compiler.getTotalCompilationTime();
            if (now == compiled) {
                return;
            }
            compiled = now;
        }
    }

    private static void check(Contender contender, Object result, OrderArrays source) {
        OrderArrays read = result instanceof OrderRowSoA soa ? OrderDataset.toArrays(soa) : (OrderArrays) result;
        contender.lastRead = read;
        String difference = source.firstDifference(read);
        if (difference != null && contender.firstDifference == null) {
            contender.firstDifference = difference;
        }
    }

    private static long median(List<Long> values) {
        if (values.isEmpty()) {
            return -1;
        }
        List<Long> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    private static long[] spread(List<Long> values) {
        return values.isEmpty() ? new long[0] : new long[] {Collections.min(values), Collections.max(values)};
    }

    private static String range(long[] spread) {
        return spread.length == 0 ? "-" : String.format(Locale.ROOT, "%.0f-%.0f", spread[0] / 1e6, spread[1] / 1e6);
    }

    /**
     * The loaded SoA's bytes, from its column lengths: 8 bytes per long, double and (as microseconds) instant, 4 per
     * int, 4 per reference (compressed oops), one bit per row for each of the two null bit sets (created_at,
     * discount), and every distinct coupon String object (24-byte String, 16-byte array header, its Latin-1 bytes).
     * Enum references point at five shared constants. Object headers of the arrays themselves are ignored.
     */
    static long estimateBytes(OrderRowSoA soa) {
        long rows = soa.size();
        long columns = rows * (8 + 8 + 8 + 4 + 8 + 4 + 8 + 4);
        long nullBits = 2 * ((rows + 7) / 8);
        Set<String> distinct = Collections.newSetFromMap(new IdentityHashMap<>());
        long strings = 0;
        for (int i = 0; i < rows; i++) {
            String code = soa.couponCode(i);
            if (code != null && distinct.add(code)) {
                strings += 24 + 16 + ((code.length() + 7) & ~7);
            }
        }
        return columns + nullBits + strings;
    }

    /**
     * The printed report: the table, then the ratios.
     *
     * @param r the results
     * @return the text
     */
    public static String render(Results r) {
        StringBuilder out = new StringBuilder();
        int rows = r.config().rows();
        Runtime runtime = Runtime.getRuntime();
        out.append(String.format(Locale.ROOT, "soa-persistence vs peers: %,d rows, SNAPPY, median of %d after %d "
                + "warm-up round(s) and %,d warm-up appends per layout; JDK %s, %d CPUs, max heap %,d MB%n", rows,
                r.config().repetitions(), r.config().warmups(), r.config().appendWarmUpCalls(), System.getProperty("java.runtime.version"), runtime.availableProcessors(),
                runtime.maxMemory() >> 20));
        out.append(String.format(Locale.ROOT, "%-58s | %9s | %13s | %9s | %24s | %8s | %-21s | %s%n", "engine",
                "write ms", "write Mrows/s", "read ms", "read into arrays Mrows/s", "file MB", "min-max ms write/read",
                "read back"));
        out.append("-".repeat(58)).append("-|-").append("-".repeat(9)).append("-|-").append("-".repeat(13))
            .append("-|-").append("-".repeat(9)).append("-|-").append("-".repeat(24)).append("-|-")
            .append("-".repeat(8)).append("-|-").append("-".repeat(21)).append("-|-").append("-".repeat(9))
            .append('\n');
        for (EngineResult e : r.engines()) {
            String check = e.firstDifference() == null ? "identical" : "DIFFERS: " + e.firstDifference();
            out.append(String.format(Locale.ROOT, "%-58s | %9s | %13s | %9.1f | %24.2f | %8s | %-21s | %s%n", e.name(),
                    e.writeNanos() < 0 ? "-" : String.format(Locale.ROOT, "%.1f", e.writeNanos() / 1e6),
                    e.writeNanos() < 0 ? "-" : String.format(Locale.ROOT, "%.2f", rows * 1e3 / e.writeNanos()),
                    e.readNanos() / 1e6, rows * 1e3 / e.readNanos(),
                    e.fileBytes() < 0 ? "-" : String.format(Locale.ROOT, "%.1f", e.fileBytes() / 1e6),
                    range(e.writeSpread()) + " / " + range(e.readSpread()), check));
        }
        EngineResult ours = r.engine(OURS);
        out.append("\nRatios, time of soa-persistence / time of the peer (below 1: soa-persistence is faster):\n");
        Map<String, double[]> ratios = new LinkedHashMap<>();
        ratios.put("save vs parquet-avro write", new double[] {ours.writeNanos(), r.engine("parquet-avro").writeNanos()});
        ratios.put("save vs Carpet write", new double[] {ours.writeNanos(), r.engine("Carpet").writeNanos()});
        ratios.put("save vs DuckDB write", new double[] {ours.writeNanos(), r.engine("DuckDB 2.0.0.1 (Arrow").writeNanos()});
        ratios.put("load vs parquet-avro read", new double[] {ours.readNanos(), r.engine("parquet-avro").readNanos()});
        ratios.put("load vs Carpet read", new double[] {ours.readNanos(), r.engine("Carpet").readNanos()});
        ratios.put("load vs DuckDB read (Arrow export)",
                new double[] {ours.readNanos(), r.engine("DuckDB 2.0.0.1 (Arrow").readNanos()});
        ratios.put("load vs Arrow C++ read", new double[] {ours.readNanos(), r.engine("Arrow C++").readNanos()});
        for (Map.Entry<String, double[]> ratio : ratios.entrySet()) {
            double value = ratio.getValue()[0] / ratio.getValue()[1];
            out.append(String.format(Locale.ROOT, "  ours %-36s %6.2f  (%s)%n", ratio.getKey(), value,
                    value <= 1 ? String.format(Locale.ROOT, "%.2fx faster", 1 / value)
                            : String.format(Locale.ROOT, "%.2fx slower", value)));
        }
        out.append(String.format(Locale.ROOT, "  append %,d rows onto %,d after an append (extends the spare copy):"
                + " %.1f ms = %.1f%% of a full save (%.1f ms)%n", APPEND_ROWS, rows, r.appendNanos() / 1e6,
                100.0 * r.appendNanos() / ours.writeNanos(), ours.writeNanos() / 1e6));
        out.append(String.format(Locale.ROOT, "  first append of %,d rows after a save (extends the spare copy the "
                + "save wrote): %.1f ms = %.1f%% of a full save%n", APPEND_ROWS, r.afterSaveAppendNanos() / 1e6,
                100.0 * r.afterSaveAppendNanos() / ours.writeNanos()));
        out.append(String.format(Locale.ROOT, "  append of %,d rows onto a %,d-row file with no usable spare (put back "
                + "from outside; copies the file): %.1f ms = %.1f%% of a full save; count after it %,d%n", APPEND_ROWS,
                rows, r.copyingAppendNanos() / 1e6, 100.0 * r.copyingAppendNanos() / ours.writeNanos(),
                r.rowsAfterAppend()));
        out.append(String.format(Locale.ROOT, "  append %,d rows, multi-file layout: %.1f ms = %.1f%% of a full save%n",
                APPEND_ROWS, r.multiFileAppendNanos() / 1e6, 100.0 * r.multiFileAppendNanos() / ours.writeNanos()));
        out.append(String.format(Locale.ROOT, "  count: %.3f ms (returned %,d)%n", r.countNanos() / 1e6,
                r.countedRows()));
        out.append(String.format(Locale.ROOT, "  select of a 1%% id range: %.1f ms for %,d rows = %.1fx faster than "
                + "a load (%.1f ms)%n", r.queryNanos() / 1e6, r.queriedRows(), (double) ours.readNanos() / r.queryNanos(),
                ours.readNanos() / 1e6));
        if (r.heap() != null) {
            HeapSampler.Report h = r.heap();
            out.append(String.format(Locale.ROOT, "  heap during one load: peak %,d MB above the %,d MB baseline "
                    + "(%d GCs), %,d MB allocated, %,d MB retained by the result; the SoA estimated from its column "
                    + "lengths: %,d MB (peak / SoA = %.2f)%n", h.peakAboveBaselineBytes() >> 20,
                    h.baselineBytes() >> 20, h.collections(), h.allocatedBytes() >> 20, h.retainedBytes() >> 20,
                    r.soaBytesEstimate() >> 20, (double) h.peakAboveBaselineBytes() / r.soaBytesEstimate()));
        }
        out.append(String.format(Locale.ROOT, "  written sum(total_amount) = %.2f; every engine read back %s%n",
                r.writtenTotalAmountSum(), r.engines().stream().allMatch(e -> e.firstDifference() == null)
                        ? "the same rows, value for value" : "SOMETHING ELSE (see the table)"));
        out.append("  GC: ").append(ManagementFactory.getGarbageCollectorMXBeans().stream()
            .map(gc -> gc.getName()).reduce((a, b) -> a + ", " + b).orElse("?")).append('\n');
        return out.toString();
    }

    static void deleteRecursively(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(path -> {
                try {
                    Files.deleteIfExists(path);
                }
                catch (IOException ex) {
                    throw new UncheckedIOException(ex);
                }
            });
        }
    }
}
