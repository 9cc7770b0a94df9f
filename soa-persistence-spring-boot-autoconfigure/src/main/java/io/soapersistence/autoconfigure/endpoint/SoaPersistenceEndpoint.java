package io.soapersistence.autoconfigure.endpoint;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.soapersistence.autoconfigure.SoaPersistenceDatasets;
import io.soapersistence.parquet.DatasetInfo;
import io.soapersistence.parquet.ParquetPersistence;

import org.springframework.boot.actuate.endpoint.OperationResponseBody;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;

/**
 * The {@code soapersistence} endpoint: every auto-configured dataset with its type, location, layout, codec and
 * what its footer says (rows, size, row groups, schema). Reads footers only, never data.
 */
@Endpoint(id = "soapersistence")
public class SoaPersistenceEndpoint {

    private static final Duration INFO_TIMEOUT = Duration.ofSeconds(10);

    private final SoaPersistenceDatasets datasets;

    /**
     * Creates the endpoint.
     *
     * @param datasets the datasets to describe
     */
    public SoaPersistenceEndpoint(SoaPersistenceDatasets datasets) {
        this.datasets = datasets;
    }

    /**
     * Describes every dataset.
     *
     * @return the descriptors by dataset name
     */
    @ReadOperation
    public DatasetsDescriptor datasets() {
        Map<String, DatasetDescriptor> descriptors = new LinkedHashMap<>();
        this.datasets.all().forEach((name, persistence) -> descriptors.put(name, describe(persistence)));
        return new DatasetsDescriptor(descriptors);
    }

    private DatasetDescriptor describe(ParquetPersistence<?> persistence) {
        DatasetInfo info = null;
        String error = null;
        try {
            info = persistence.info().get(INFO_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        }
        catch (ExecutionException ex) {
            error = (ex.getCause() != null) ? ex.getCause().getMessage() : ex.getMessage();
        }
        catch (TimeoutException ex) {
            error = "Reading the footer took longer than " + INFO_TIMEOUT;
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            error = "Interrupted";
        }
        boolean exists = info != null && info.exists();
        return new DatasetDescriptor(persistence.type().getName(), persistence.directory().toString(),
                persistence.layout().name(), persistence.compression().toString(), exists ? info.codec() : null,
                (info != null) ? info.rows() : null, (info != null) ? info.bytes() : null,
                exists ? info.rowGroups() : null, exists ? info.schema() : null,
                exists && info.lastModified() != null ? info.lastModified().toString() : null, error);
    }

    /**
     * All datasets.
     *
     * @param datasets descriptors by dataset name
     */
    public record DatasetsDescriptor(Map<String, DatasetDescriptor> datasets) implements OperationResponseBody {
    }

    /**
     * One dataset.
     *
     * @param type the SoA class
     * @param path the dataset directory
     * @param layout the on-disk layout
     * @param codec the codec (and level) of newly written files
     * @param storedCodec the codec of the stored file, {@code null} when nothing is stored
     * @param rows the stored rows, {@code null} when the footer could not be read
     * @param size the data file size in bytes, {@code null} when the footer could not be read
     * @param rowGroups the number of row groups, {@code null} when nothing is stored
     * @param schema the Parquet schema of the stored file, {@code null} when nothing is stored
     * @param lastWrite when the file was last written, {@code null} when nothing is stored
     * @param error why the footer could not be read, {@code null} when it could
     */
    public record DatasetDescriptor(String type, String path, String layout, String codec, String storedCodec,
            Long rows, Long size, Integer rowGroups, String schema, String lastWrite, String error) {
    }
}
