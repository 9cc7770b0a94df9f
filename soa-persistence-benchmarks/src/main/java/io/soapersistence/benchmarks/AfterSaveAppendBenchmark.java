package io.soapersistence.benchmarks;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * {@code append}: {@value PeerComparison#APPEND_ROWS} new rows, the first append after a save of {@code rows} rows.
 * Every save writes its file's spare copy too, and this append extends that copy. The save runs before each
 * invocation ({@link Level#Invocation}), untimed; {@link SaveBenchmark} and {@link PeerComparison} time saves.
 */
@State(Scope.Benchmark)
public class AfterSaveAppendBenchmark extends SingleFileAppendBenchmarkBase {

    /** Saves the {@code rows} rows again, and their spare copy. */
    @Setup(Level.Invocation)
    public void save() {
        this.persistence.save(this.data).join();
    }

    /** Appends the new rows. */
    @Benchmark
    public void append() {
        this.persistence.append(this.tail).join();
    }
}
