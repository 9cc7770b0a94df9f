package io.soapersistence.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/**
 * State of the single-file append benchmarks: the {@value PeerComparison#APPEND_ROWS} rows to append, and a copy
 * of the saved {@code rows}-row file that puts the dataset back where an invocation needs it.
 */
@State(Scope.Benchmark)
public abstract class SingleFileAppendBenchmarkBase extends PersistenceBenchmarkBase {

    /** The rows every invocation appends. */
    protected OrderRowSoA tail;

    private Path base;

    @Override
    protected void prepare() throws IOException {
        this.tail = OrderDataset.generate(PeerComparison.APPEND_ROWS, OrderDataset.DEFAULT_SEED + 1, this.rows + 1L)
            .soa();
        this.base = this.workDir.resolve("base.parquet");
        Files.copy(this.persistence.file(), this.base);
    }

    /**
     * Puts the saved {@code rows}-row file back, forced to disk as the save it stands for had done. Tens of
     * milliseconds from the page cache, against a second or so for saving {@code rows} rows again.
     *
     * @throws IOException if the copy fails
     */
    protected void restoreSavedFile() throws IOException {
        DurableCopy.replace(this.base, this.persistence.file());
    }
}
