package io.soapersistence.benchmarks;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/** {@code save}: the whole dataset to a new file, replacing the previous one (fsync and atomic rename included). */
@State(Scope.Benchmark)
public class SaveBenchmark extends PersistenceBenchmarkBase {

    @Override
    protected boolean savesFirst() {
        return false;
    }

    /** Saves every row. */
    @Benchmark
    public void save() {
        this.persistence.save(this.data).join();
    }
}
