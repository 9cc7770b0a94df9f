package io.soapersistence.autoconfigure.health;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.soapersistence.parquet.DatasetInfo;
import io.soapersistence.parquet.ParquetPersistence;

import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.util.unit.DataSize;

/**
 * Health of one dataset. UP when its directory is a writable directory with at least the threshold of usable
 * space, and its data file, if any, has a readable footer. The footer is read through
 * {@link ParquetPersistence#info()}, never the data pages, so a check stays cheap on large datasets.
 */
public class SoaPersistenceHealthIndicator extends AbstractHealthIndicator {

    /** A health check must not hang on an executor busy with long writes. */
    private static final Duration INFO_TIMEOUT = Duration.ofSeconds(10);

    private final ParquetPersistence<?> persistence;

    private final DataSize freeSpaceThreshold;

    /**
     * Creates an indicator.
     *
     * @param persistence the dataset
     * @param freeSpaceThreshold usable disk space under which the dataset is DOWN
     */
    public SoaPersistenceHealthIndicator(ParquetPersistence<?> persistence, DataSize freeSpaceThreshold) {
        super("soa-persistence health check failed");
        this.persistence = persistence;
        this.freeSpaceThreshold = freeSpaceThreshold;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) throws Exception {
        Path directory = this.persistence.directory();
        builder.withDetail("path", directory.toString());
        if (!Files.isDirectory(directory) || !Files.isWritable(directory)) {
            builder.down().withDetail("reason", "The dataset directory is missing or not a writable directory");
            return;
        }
        long usable = usableSpace(directory);
        builder.withDetail("free", usable).withDetail("threshold", this.freeSpaceThreshold.toBytes());
        if (usable < this.freeSpaceThreshold.toBytes()) {
            builder.down().withDetail("reason", "Usable disk space " + DataSize.ofBytes(usable)
                    + " is below the threshold of " + this.freeSpaceThreshold);
            return;
        }
        DatasetInfo info;
        try {
            info = this.persistence.info().get(INFO_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        }
        catch (ExecutionException ex) {
            Throwable cause = (ex.getCause() != null) ? ex.getCause() : ex;
            builder.down().withDetail("reason", "The data file is not readable: " + cause.getMessage());
            return;
        }
        catch (TimeoutException ex) {
            builder.unknown().withDetail("reason", "Reading the footer took longer than " + INFO_TIMEOUT);
            return;
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            builder.unknown().withDetail("reason", "Interrupted while reading the footer");
            return;
        }
        builder.up()
            .withDetail("rows", info.rows())
            .withDetail("bytes", info.bytes())
            .withDetail("codec", (info.codec() != null) ? info.codec() : this.persistence.compression().toString());
        if (info.lastModified() != null) {
            builder.withDetail("lastWrite", info.lastModified().toString());
        }
    }

    private static long usableSpace(Path directory) throws IOException {
        return Files.getFileStore(directory).getUsableSpace();
    }
}
