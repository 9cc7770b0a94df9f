package io.soapersistence.benchmarks;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/** {@code load}: the whole file into a new SoA. */
@State(Scope.Benchmark)
public class LoadBenchmark extends PersistenceBenchmarkBase {

    /**
     * Loads every row.
     *
     * @return the SoA, returned so that it is not dead code
     */
    @Benchmark
    public OrderRowSoA load() {
        return this.persistence.load().join().orElseThrow();
    }
}
