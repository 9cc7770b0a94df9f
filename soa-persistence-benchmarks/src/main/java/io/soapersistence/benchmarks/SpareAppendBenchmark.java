package io.soapersistence.benchmarks;

import java.io.IOException;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * {@code append}: {@value PeerComparison#APPEND_ROWS} new rows onto a file of about {@code rows} rows that an
 * append of this process wrote, so that the append extends the spare copy the one before left.
 * <p>
 * Appends accumulate here, as they do in a service: the file grows by {@value PeerComparison#APPEND_ROWS} rows per
 * invocation. Every {@value #APPENDS_PER_RESTORE} invocations the {@code rows}-row file is put back and one untimed
 * append makes its spare, so the file stays within {@code rows} and {@code rows} plus
 * {@value #APPENDS_PER_RESTORE} appends.
 */
@State(Scope.Benchmark)
public class SpareAppendBenchmark extends SingleFileAppendBenchmarkBase {

    private static final int APPENDS_PER_RESTORE = 20;

    private int sinceRestore;

    /**
     * Every {@value #APPENDS_PER_RESTORE} invocations, puts the {@code rows}-row file back and appends once, untimed.
     *
     * @throws IOException if the copy fails
     */
    @Setup(Level.Invocation)
    public void restoreNowAndThen() throws IOException {
        if (this.sinceRestore++ % APPENDS_PER_RESTORE == 0) {
            restoreSavedFile();
            this.persistence.append(this.tail).join();
        }
    }

    /** Appends the new rows. */
    @Benchmark
    public void append() {
        this.persistence.append(this.tail).join();
    }
}
