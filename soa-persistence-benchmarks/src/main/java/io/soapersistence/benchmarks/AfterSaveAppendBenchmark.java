package io.soapersistence.benchmarks;

import java.io.IOException;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * {@code append}: {@value PeerComparison#APPEND_ROWS} new rows, the first append after a save of {@code rows} rows
 * of a dataset that appends follow. Such a save also copies its file into the spare, and this append extends that
 * copy. The save runs before each invocation ({@link Level#Invocation}), untimed; {@link PeerComparison} times it.
 */
@State(Scope.Benchmark)
public class AfterSaveAppendBenchmark extends SingleFileAppendBenchmarkBase {

    @Override
    protected void prepare() throws IOException {
        super.prepare();
        // An append since the last save is what tells the next save that appends follow on this dataset.
        this.persistence.append(this.tail).join();
    }

    /** Saves the {@code rows} rows again, which copies them into the spare too. */
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
