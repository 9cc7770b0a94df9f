package io.soapersistence.autoconfigure.metrics;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.BaseUnits;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.soapersistence.autoconfigure.DatasetPersistenceListener;
import io.soapersistence.autoconfigure.SoaPersistenceDatasets;
import io.soapersistence.parquet.DatasetInfo;
import io.soapersistence.parquet.Operation;
import io.soapersistence.parquet.OperationOutcome;
import io.soapersistence.parquet.ParquetPersistence;
import io.soapersistence.parquet.PersistenceListener;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * Meters of every dataset, tagged {@code dataset}:
 * <ul>
 * <li>{@code soa.persistence.rows} and {@code soa.persistence.file.size}, gauges of the stored rows and file
 * size;</li>
 * <li>{@code soa.persistence.rows.written} and {@code soa.persistence.bytes.written}, counters of what writes
 * produced.</li>
 * </ul>
 * Values live in {@link AtomicLong}s held here (gauges only hold weak references) and change when an operation
 * reports the dataset's state, and once per dataset when bound. A scrape never touches the disk.
 */
public class SoaPersistenceMetrics implements MeterBinder, DatasetPersistenceListener {

    private static final Log logger = LogFactory.getLog(SoaPersistenceMetrics.class);

    /** Binding happens during startup: a stuck disk must not stall it for long. */
    private static final Duration INITIAL_INFO_TIMEOUT = Duration.ofSeconds(10);

    private final Supplier<SoaPersistenceDatasets> datasets;

    private final Map<String, DatasetMeters> meters = new ConcurrentHashMap<>();

    /**
     * Creates the binder.
     *
     * @param datasets the datasets to meter, looked up when binding; lazily, because the datasets themselves
     *     depend on this listener
     */
    public SoaPersistenceMetrics(Supplier<SoaPersistenceDatasets> datasets) {
        this.datasets = datasets;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        this.datasets.get().all().forEach((name, persistence) -> {
            DatasetMeters dataset = meters(name);
            dataset.register(name, registry);
            if (dataset.initialized.compareAndSet(false, true)) {
                refresh(name, persistence);
            }
        });
    }

    /** Reads the footer once; the result reaches the gauges through {@link #started}, like any operation's. */
    private static void refresh(String name, ParquetPersistence<?> persistence) {
        try {
            persistence.info().get(INITIAL_INFO_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
        catch (Exception ex) {
            // The health indicator reports an unreadable dataset; the gauges start at zero instead.
            logger.warn("Could not read the state of dataset '" + name + "' for its metrics: " + ex.getMessage());
        }
    }

    @Override
    public PersistenceListener.Completion started(String dataset, ParquetPersistence<?> persistence,
            Operation operation) {
        DatasetMeters meters = meters(dataset);
        return meters::record;
    }

    private DatasetMeters meters(String dataset) {
        return this.meters.computeIfAbsent(dataset, (name) -> new DatasetMeters());
    }

    /** The values of one dataset, strongly held. */
    private static final class DatasetMeters {

        private final AtomicLong rows = new AtomicLong();

        private final AtomicLong bytes = new AtomicLong();

        private final AtomicLong rowsWritten = new AtomicLong();

        private final AtomicLong bytesWritten = new AtomicLong();

        private final AtomicBoolean initialized = new AtomicBoolean();

        void record(OperationOutcome outcome) {
            this.rowsWritten.addAndGet(outcome.rowsWritten());
            this.bytesWritten.addAndGet(outcome.bytesWritten());
            DatasetInfo info = outcome.dataset();
            if (info != null) {
                this.rows.set(info.rows());
                this.bytes.set(info.bytes());
            }
        }

        void register(String name, MeterRegistry registry) {
            Gauge.builder("soa.persistence.rows", this.rows, AtomicLong::get)
                .description("Rows stored in the dataset")
                .baseUnit(BaseUnits.ROWS)
                .tag("dataset", name)
                .register(registry);
            Gauge.builder("soa.persistence.file.size", this.bytes, AtomicLong::get)
                .description("Size of the dataset's data file")
                .baseUnit(BaseUnits.BYTES)
                .tag("dataset", name)
                .register(registry);
            FunctionCounter.builder("soa.persistence.rows.written", this.rowsWritten, AtomicLong::doubleValue)
                .description("Rows written by saves and appends")
                .baseUnit(BaseUnits.ROWS)
                .tag("dataset", name)
                .register(registry);
            FunctionCounter.builder("soa.persistence.bytes.written", this.bytesWritten, AtomicLong::doubleValue)
                .description("Bytes of data files written by saves and appends")
                .baseUnit(BaseUnits.BYTES)
                .tag("dataset", name)
                .register(registry);
        }

    }
}
