package io.soapersistence.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import io.soapersistence.parquet.ParquetPersistence;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Shared state of the JMH benchmarks: {@code rows} generated orders (change with {@code -p rows=...}), a
 * temporary directory, and a persistence instance with the library's defaults (SNAPPY). One fork with a fixed
 * 4 GB heap and few, 5-second iterations: operations take hundreds of milliseconds on a 2-core machine.
 * <pre>
 * java -jar soa-persistence-benchmarks/target/benchmarks.jar LoadBenchmark -p rows=500000
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms4g", "-Xmx4g"})
@Warmup(iterations = 2, time = 5)
@Measurement(iterations = 3, time = 5)
public abstract class PersistenceBenchmarkBase {

    /** Rows of the dataset. */
    @Param("2000000")
    public int rows;

    /** The generated rows. */
    protected OrderRowSoA data;

    /** The temporary directory of this trial. */
    protected Path workDir;

    /** The persistence under measurement, in {@code workDir/orders}. */
    protected ParquetPersistence<OrderRowSoA> persistence;

    /**
     * Generates the data and, for the benchmarks that read, saves it once.
     *
     * @throws IOException if the temporary directory cannot be created
     */
    @Setup
    public void setUpTrial() throws IOException {
        this.data = OrderDataset.generate(this.rows, OrderDataset.DEFAULT_SEED).soa();
        this.workDir = Files.createTempDirectory("soa-jmh");
        this.persistence = new ParquetPersistence<>(OrderRowSoA.class, this.workDir.resolve("orders"));
        if (savesFirst()) {
            this.persistence.save(this.data).join();
        }
        prepare();
    }

    /**
     * Whether the trial starts with the dataset saved.
     *
     * @return {@code true} unless the benchmark writes the file itself
     */
    protected boolean savesFirst() {
        return true;
    }

    /**
     * More trial setup, after the save.
     *
     * @throws IOException on failure
     */
    protected void prepare() throws IOException {
    }

    /**
     * Deletes the files of the trial.
     *
     * @throws IOException if they cannot be deleted
     */
    @TearDown
    public void tearDownTrial() throws IOException {
        PeerComparison.deleteRecursively(this.workDir);
    }
}
