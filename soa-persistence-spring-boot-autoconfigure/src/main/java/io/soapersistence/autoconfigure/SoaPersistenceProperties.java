package io.soapersistence.autoconfigure;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.soapersistence.parquet.Layout;
import io.soapersistence.parquet.ParquetPersistence;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * Configuration of soa-persistence, under {@code soa.persistence}.
 * <p>
 * Settings at the top level apply to every dataset; {@code soa.persistence.types.<name>} overrides them for the
 * dataset of that name and can name its SoA type explicitly.
 */
@ConfigurationProperties(SoaPersistenceProperties.PREFIX)
public class SoaPersistenceProperties {

    /** The prefix of every property. */
    public static final String PREFIX = "soa.persistence";

    /** Whether to auto-configure soa-persistence. */
    private boolean enabled = true;

    /**
     * Directory under which each dataset gets its own directory, named after the dataset. Relative paths resolve
     * against the working directory.
     */
    private String basePath = "./data";

    /** Codec of newly written files: snappy, gzip, zstd, lz4, brotli or uncompressed. */
    private String compression = "snappy";

    /**
     * Codec level, for gzip (1-9), zstd (1-22) and brotli (0-11). The codec's own default when not set.
     */
    private Integer compressionLevel;

    /** Target size of a Parquet data page. */
    private DataSize pageSize = DataSize.ofMegabytes(1);

    /** Target size of a Parquet row group, the unit readers skip or read in parallel. */
    private DataSize rowGroupSize = DataSize.ofMegabytes(128);

    /**
     * How datasets are laid out on disk: single-file keeps one {base}/data.parquet per dataset; multi-file
     * writes one file per append (append cost independent of the dataset's size) and compacts them.
     */
    private Layout layout = Layout.SINGLE_FILE;

    /** How many files the multi-file layout accumulates before an append compacts them into one. */
    private int compactionThreshold = ParquetPersistence.DEFAULT_COMPACTION_THRESHOLD;

    /**
     * Whether the single-file layout keeps a hidden spare copy of its data file, written by every save beside its
     * file and kept by every append, so that appends write only their new rows instead of copying the whole file.
     * Costs one more data file of disk, and saves write their file twice.
     */
    private boolean spareCopy = true;

    /**
     * POSIX permissions of data files, in ls notation; directories get search permission added. Owner only by
     * default.
     */
    private String filePermissions = "rw-------";

    /** How long a writer waits for another writer of the same dataset before failing. */
    private Duration lockTimeout = Duration.ofSeconds(30);

    /**
     * Packages to scan for SoA types. Replaces the default, the auto-configuration packages (the package of the
     * {@code @SpringBootApplication} class), and adds to {@code @EnableSoaPersistence} packages.
     */
    private List<String> scanPackages = new ArrayList<>();

    private final Health health = new Health();

    /** Per-dataset settings, by dataset name. */
    private Map<String, Dataset> types = new LinkedHashMap<>();

    public boolean isEnabled() {
        return this.enabled;
    }

    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    public String getBasePath() {
        return this.basePath;
    }

    public void setBasePath(String basePath) {
        this.basePath = basePath;
    }

    public String getCompression() {
        return this.compression;
    }

    public void setCompression(String compression) {
        this.compression = compression;
    }

    public Integer getCompressionLevel() {
        return this.compressionLevel;
    }

    public void setCompressionLevel(Integer compressionLevel) {
        this.compressionLevel = compressionLevel;
    }

    public DataSize getPageSize() {
        return this.pageSize;
    }

    public void setPageSize(DataSize pageSize) {
        this.pageSize = pageSize;
    }

    public DataSize getRowGroupSize() {
        return this.rowGroupSize;
    }

    public void setRowGroupSize(DataSize rowGroupSize) {
        this.rowGroupSize = rowGroupSize;
    }

    public Layout getLayout() {
        return this.layout;
    }

    public void setLayout(Layout layout) {
        this.layout = layout;
    }

    public int getCompactionThreshold() {
        return this.compactionThreshold;
    }

    public void setCompactionThreshold(int compactionThreshold) {
        this.compactionThreshold = compactionThreshold;
    }

    public boolean isSpareCopy() {
        return this.spareCopy;
    }

    public void setSpareCopy(boolean spareCopy) {
        this.spareCopy = spareCopy;
    }

    public String getFilePermissions() {
        return this.filePermissions;
    }

    public void setFilePermissions(String filePermissions) {
        this.filePermissions = filePermissions;
    }

    public Duration getLockTimeout() {
        return this.lockTimeout;
    }

    public void setLockTimeout(Duration lockTimeout) {
        this.lockTimeout = lockTimeout;
    }

    public List<String> getScanPackages() {
        return this.scanPackages;
    }

    public void setScanPackages(List<String> scanPackages) {
        this.scanPackages = scanPackages;
    }

    public Health getHealth() {
        return this.health;
    }

    public Map<String, Dataset> getTypes() {
        return this.types;
    }

    public void setTypes(Map<String, Dataset> types) {
        this.types = types;
    }

    /** Health indicator settings. */
    public static class Health {

        /** Usable disk space under which a dataset's health is DOWN. */
        private DataSize freeSpaceThreshold = DataSize.ofMegabytes(10);

        public DataSize getFreeSpaceThreshold() {
            return this.freeSpaceThreshold;
        }

        public void setFreeSpaceThreshold(DataSize freeSpaceThreshold) {
            this.freeSpaceThreshold = freeSpaceThreshold;
        }

    }

    /** Settings of one dataset; unset values fall back to the top-level ones. */
    public static class Dataset {

        /**
         * Fully qualified class name of the SoA type. When unset, the settings apply to the scanned type whose
         * dataset name is the map key.
         */
        private String type;

        /** Dataset directory. Defaults to {base-path}/{name}; a relative path resolves against base-path. */
        private String path;

        /** Codec of newly written files; the top-level codec when unset. */
        private String compression;

        /**
         * Codec level. Falls back to the top-level level only when the codec is not overridden either.
         */
        private Integer compressionLevel;

        /** Target data page size; the top-level size when unset. */
        private DataSize pageSize;

        /** Target row group size; the top-level size when unset. */
        private DataSize rowGroupSize;

        public String getType() {
            return this.type;
        }

        public void setType(String type) {
            this.type = type;
        }

        public String getPath() {
            return this.path;
        }

        public void setPath(String path) {
            this.path = path;
        }

        public String getCompression() {
            return this.compression;
        }

        public void setCompression(String compression) {
            this.compression = compression;
        }

        public Integer getCompressionLevel() {
            return this.compressionLevel;
        }

        public void setCompressionLevel(Integer compressionLevel) {
            this.compressionLevel = compressionLevel;
        }

        public DataSize getPageSize() {
            return this.pageSize;
        }

        public void setPageSize(DataSize pageSize) {
            this.pageSize = pageSize;
        }

        public DataSize getRowGroupSize() {
            return this.rowGroupSize;
        }

        public void setRowGroupSize(DataSize rowGroupSize) {
            this.rowGroupSize = rowGroupSize;
        }

    }

}
