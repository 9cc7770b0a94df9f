package io.soapersistence.benchmarks;

import io.soapersistence.parquet.Layout;
import io.soapersistence.parquet.ParquetPersistence;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * {@code append} in the multi-file layout: {@value PeerComparison#APPEND_ROWS} new rows written as one more part
 * of a {@code rows}-row dataset.
 * <p>
 * An append adds a file, so appends cannot repeat forever on one dataset: the parts would pile up to the
 * compaction threshold, and the append that crosses it would time a compaction. Each invocation therefore starts
 * from the dataset saved afresh as one part (untimed) and appends {@value #APPENDS} parts one after another,
 * as {@link PeerComparison}'s rounds do; JMH reports the time per append.
 */
@State(Scope.Benchmark)
public class MultiFileAppendBenchmark extends PersistenceBenchmarkBase {

    /** Appends per invocation, all well below the default compaction threshold. */
    static final int APPENDS = 20;

    private ParquetPersistence<OrderRowSoA> multiFile;

    private OrderRowSoA tail;

    @Override
    protected boolean savesFirst() {
        return false;
    }

    @Override
    protected void prepare() {
        this.tail = OrderDataset.generate(PeerComparison.APPEND_ROWS, OrderDataset.DEFAULT_SEED + 1, this.rows + 1L)
            .soa();
        this.multiFile = new ParquetPersistence<>(OrderRowSoA.class, this.workDir.resolve("orders-multi-file"))
            .withLayout(Layout.MULTI_FILE);
    }

    /** Saves the {@code rows}-row dataset again, as a single part. */
    @Setup(Level.Invocation)
    public void saveDataset() {
        this.multiFile.save(this.data).join();
    }

    /** Appends {@value #APPENDS} parts. */
    @Benchmark
    @OperationsPerInvocation(APPENDS)
    public void append() {
        for (int call = 0; call < APPENDS; call++) {
            this.multiFile.append(this.tail).join();
        }
    }
}
