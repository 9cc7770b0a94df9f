package io.soapersistence.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * {@code append}: {@value PeerComparison#APPEND_ROWS} new rows onto a file of {@code rows} rows.
 * <p>
 * Every invocation must start from the same {@code rows}-row file: an append rewrites the file it extends, so its
 * cost grows with the file, and letting appends accumulate would measure a different file in every iteration. The
 * file is restored before each invocation ({@link Level#Invocation}) by a {@link DurableCopy} of a prepared copy:
 * tens of milliseconds from the page cache, against a second or so for saving {@code rows} rows again. JMH's warning about
 * {@code Level.Invocation} (timestamping and synchronization overhead around each call) matters for calls in the
 * microsecond range, not for a call of this size; the copy itself is outside the measured time.
 */
@State(Scope.Benchmark)
public class AppendBenchmark extends PersistenceBenchmarkBase {

    private OrderRowSoA tail;

    private Path base;

    @Override
    protected void prepare() throws IOException {
        this.tail = OrderDataset.generate(PeerComparison.APPEND_ROWS, OrderDataset.DEFAULT_SEED + 1, this.rows + 1L)
            .soa();
        this.base = this.workDir.resolve("base.parquet");
        Files.copy(this.persistence.file(), this.base);
    }

    /**
     * Puts the {@code rows}-row file back.
     *
     * @throws IOException if the copy fails
     */
    @Setup(Level.Invocation)
    public void restoreBaseFile() throws IOException {
        DurableCopy.replace(this.base, this.persistence.file());
    }

    /** Appends the new rows. */
    @Benchmark
    public void append() {
        this.persistence.append(this.tail).join();
    }
}
