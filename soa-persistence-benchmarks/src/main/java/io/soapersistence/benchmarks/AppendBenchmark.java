package io.soapersistence.benchmarks;

import java.io.IOException;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * {@code append}: {@value PeerComparison#APPEND_ROWS} new rows onto a file of {@code rows} rows that has no usable
 * spare copy, the append that copies every stored chunk. The file is put back from a copy, as a file replaced from
 * outside is, so no spare matches it; a file saved without the spare copy is appended to the same way. After a save
 * an append extends the spare instead ({@link AfterSaveAppendBenchmark}), and so does every append after an append
 * ({@link SpareAppendBenchmark}).
 * <p>
 * Every invocation must start from the same {@code rows}-row file: this append copies the file it extends, so its
 * cost grows with the file, and letting appends accumulate would measure a different file in every iteration. The
 * file is restored before each invocation ({@link Level#Invocation}). JMH's warning about {@code Level.Invocation}
 * (timestamping and synchronization overhead around each call) matters for calls in the microsecond range, not
 * for a call of this size; the restore itself is outside the measured time.
 */
@State(Scope.Benchmark)
public class AppendBenchmark extends SingleFileAppendBenchmarkBase {

    /**
     * Puts the {@code rows}-row file back.
     *
     * @throws IOException if the copy fails
     */
    @Setup(Level.Invocation)
    public void restoreBaseFile() throws IOException {
        restoreSavedFile();
    }

    /** Appends the new rows. */
    @Benchmark
    public void append() {
        this.persistence.append(this.tail).join();
    }
}
