package io.soapersistence.benchmarks;

import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/** {@code count} on a {@code rows}-row file: the footer only, reported in microseconds. */
@State(Scope.Benchmark)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class CountBenchmark extends PersistenceBenchmarkBase {

    /**
     * Counts the rows.
     *
     * @return the count
     */
    @Benchmark
    public long count() {
        return this.persistence.count().join();
    }
}
