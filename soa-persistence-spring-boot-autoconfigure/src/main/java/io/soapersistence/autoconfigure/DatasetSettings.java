package io.soapersistence.autoconfigure;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Set;

import io.soapersistence.autoconfigure.SoaPersistenceProperties.Dataset;
import io.soapersistence.parquet.Compression;

import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.util.unit.DataSize;

/**
 * The effective settings of one dataset: its {@code soa.persistence.types.<name>} overrides over the top-level
 * settings, validated. Every failure names the property that holds the offending value, which is the one the
 * user has to change.
 *
 * @param name the dataset name
 * @param directory the dataset directory, absolute and normalized
 * @param directoryProperty the property the directory comes from
 * @param compression the codec and level
 * @param pageSize the data page size in bytes
 * @param rowGroupSize the row group size in bytes
 * @param lockTimeout the writer lock timeout
 */
record DatasetSettings(String name, Path directory, String directoryProperty, Compression compression, int pageSize,
        long rowGroupSize, Duration lockTimeout) {

    /** {@code ParquetPersistence} refuses smaller pages. */
    private static final long MIN_PAGE_SIZE = 64;

    /** {@code ParquetPersistence} refuses smaller row groups. */
    private static final long MIN_ROW_GROUP_SIZE = 1024;

    private static final String PREFIX = SoaPersistenceProperties.PREFIX + ".";

    /** Resolves the settings of dataset {@code name}. */
    static DatasetSettings of(SoaPersistenceProperties properties, String name) {
        Dataset dataset = properties.getTypes().getOrDefault(name, new Dataset());
        Path base = basePath(properties);
        Path directory;
        String directoryProperty;
        if (dataset.getPath() != null) {
            directoryProperty = SoaPersistenceRegistrar.property(name, "path");
            Path configured = path(directoryProperty, dataset.getPath());
            directory = base.resolve(configured).normalize();
            // An absolute path is an explicit choice of place; a relative one must stay below the base path.
            if (!configured.isAbsolute()) {
                checkInside(base, directory, directoryProperty, dataset.getPath());
            }
        }
        else {
            directoryProperty = PREFIX + "base-path";
            directory = base.resolve(name).normalize();
            if (name.isBlank() || Path.of(name).isAbsolute() || !directory.getParent().equals(base)) {
                throw new InvalidConfigurationPropertyValueException(PREFIX + "types", name,
                        "A dataset name must be one plain directory name below " + PREFIX + "base-path");
            }
            checkInside(base, directory, PREFIX + "types", name);
        }
        return new DatasetSettings(name, directory, directoryProperty, compression(properties, dataset, name),
                (int) pageSize(dataset, properties, name), rowGroupSize(dataset, properties, name),
                lockTimeout(properties));
    }

    /**
     * Fails unless {@code directory} stays below {@code base}, also after following the symbolic links of the
     * part of the path that exists: a link inside the base path must not lead writes elsewhere.
     */
    private static void checkInside(Path base, Path directory, String property, String value) {
        if (!directory.startsWith(base) || directory.equals(base)) {
            throw new InvalidConfigurationPropertyValueException(property, value, "Resolves to " + directory
                    + ", outside " + base + "; set an absolute path to place a dataset elsewhere");
        }
        Path realBase = realExisting(base);
        Path realDirectory = realExisting(directory);
        if (!realDirectory.startsWith(realBase) || realDirectory.equals(realBase)) {
            throw new InvalidConfigurationPropertyValueException(property, value, "Resolves through a symbolic "
                    + "link to " + realDirectory + ", outside " + realBase
                    + "; set an absolute path to place a dataset elsewhere");
        }
    }

    /** The real path of the longest existing prefix of {@code path}, with the rest appended. */
    private static Path realExisting(Path path) {
        Path existing = path;
        while (existing != null && !java.nio.file.Files.exists(existing)) {
            existing = existing.getParent();
        }
        if (existing == null) {
            return path;
        }
        try {
            return existing.toRealPath().resolve(existing.relativize(path)).normalize();
        }
        catch (java.io.IOException ex) {
            return path;
        }
    }

    /** Validates the top-level settings, which apply even before the first dataset exists. */
    static void checkDefaults(SoaPersistenceProperties properties) {
        basePath(properties);
        compression(properties, new Dataset(), null);
        size(PREFIX + "page-size", properties.getPageSize(), MIN_PAGE_SIZE, Integer.MAX_VALUE);
        size(PREFIX + "row-group-size", properties.getRowGroupSize(), MIN_ROW_GROUP_SIZE, Long.MAX_VALUE);
        lockTimeout(properties);
        filePermissions(properties);
        if (properties.getCompactionThreshold() < 2) {
            throw new InvalidConfigurationPropertyValueException(PREFIX + "compaction-threshold",
                    properties.getCompactionThreshold(), "At least 2 files are needed before compacting");
        }
    }

    static Set<PosixFilePermission> filePermissions(SoaPersistenceProperties properties) {
        String value = properties.getFilePermissions();
        Set<PosixFilePermission> permissions;
        try {
            permissions = PosixFilePermissions.fromString((value != null) ? value.trim() : "");
        }
        catch (IllegalArgumentException ex) {
            throw new InvalidConfigurationPropertyValueException(PREFIX + "file-permissions", value,
                    "Expected nine characters in ls notation, such as rw-------");
        }
        if (!permissions.contains(PosixFilePermission.OWNER_READ)
                || !permissions.contains(PosixFilePermission.OWNER_WRITE)) {
            throw new InvalidConfigurationPropertyValueException(PREFIX + "file-permissions", value,
                    "The owner must be able to read and write the data files");
        }
        return permissions;
    }

    private static Path basePath(SoaPersistenceProperties properties) {
        return path(PREFIX + "base-path", properties.getBasePath()).toAbsolutePath().normalize();
    }

    private static Path path(String property, String value) {
        if (value == null || value.isBlank()) {
            throw new InvalidConfigurationPropertyValueException(property, value, "A directory is required");
        }
        try {
            return Path.of(value.trim());
        }
        catch (InvalidPathException ex) {
            throw new InvalidConfigurationPropertyValueException(property, value, "Not a valid path: "
                    + ex.getReason());
        }
    }

    /**
     * A dataset that overrides the codec does not inherit the top-level level: a level is only meaningful for
     * the codec it was chosen for (zstd 19 would be out of range for gzip).
     */
    private static Compression compression(SoaPersistenceProperties properties, Dataset dataset, String name) {
        String codecProperty;
        String codec;
        String levelProperty;
        Integer level;
        if (dataset.getCompression() != null) {
            codecProperty = SoaPersistenceRegistrar.property(name, "compression");
            codec = dataset.getCompression();
            levelProperty = SoaPersistenceRegistrar.property(name, "compression-level");
            level = dataset.getCompressionLevel();
        }
        else {
            codecProperty = PREFIX + "compression";
            codec = properties.getCompression();
            boolean own = dataset.getCompressionLevel() != null;
            levelProperty = own ? SoaPersistenceRegistrar.property(name, "compression-level")
                    : PREFIX + "compression-level";
            level = own ? dataset.getCompressionLevel() : properties.getCompressionLevel();
        }
        if (codec == null || codec.isBlank()) {
            throw new InvalidConfigurationPropertyValueException(codecProperty, codec, "A codec is required: one of "
                    + "snappy, gzip, zstd, lz4, brotli, uncompressed");
        }
        Compression.Codec parsed;
        try {
            parsed = Compression.parse(codec, Compression.DEFAULT_LEVEL).codec();
        }
        catch (IllegalArgumentException ex) {
            throw new InvalidConfigurationPropertyValueException(codecProperty, codec, capitalize(ex.getMessage()));
        }
        try {
            return new Compression(parsed, (level != null) ? level : Compression.DEFAULT_LEVEL);
        }
        catch (IllegalArgumentException ex) {
            throw new InvalidConfigurationPropertyValueException(levelProperty, level, capitalize(ex.getMessage()));
        }
    }

    private static long pageSize(Dataset dataset, SoaPersistenceProperties properties, String name) {
        return (dataset.getPageSize() != null)
                ? size(SoaPersistenceRegistrar.property(name, "page-size"), dataset.getPageSize(), MIN_PAGE_SIZE,
                        Integer.MAX_VALUE)
                : size(PREFIX + "page-size", properties.getPageSize(), MIN_PAGE_SIZE, Integer.MAX_VALUE);
    }

    private static long rowGroupSize(Dataset dataset, SoaPersistenceProperties properties, String name) {
        return (dataset.getRowGroupSize() != null)
                ? size(SoaPersistenceRegistrar.property(name, "row-group-size"), dataset.getRowGroupSize(),
                        MIN_ROW_GROUP_SIZE, Long.MAX_VALUE)
                : size(PREFIX + "row-group-size", properties.getRowGroupSize(), MIN_ROW_GROUP_SIZE, Long.MAX_VALUE);
    }

    private static long size(String property, DataSize size, long min, long max) {
        if (size == null || size.toBytes() <= 0) {
            throw new InvalidConfigurationPropertyValueException(property, size, "Must be a positive size");
        }
        if (size.toBytes() < min || size.toBytes() > max) {
            throw new InvalidConfigurationPropertyValueException(property, size, "Must be between " + min
                    + " and " + max + " bytes");
        }
        return size.toBytes();
    }

    private static Duration lockTimeout(SoaPersistenceProperties properties) {
        Duration timeout = properties.getLockTimeout();
        if (timeout == null || timeout.isNegative()) {
            throw new InvalidConfigurationPropertyValueException(PREFIX + "lock-timeout", timeout,
                    "Must be zero or more");
        }
        return timeout;
    }

    private static String capitalize(String message) {
        return message.isEmpty() ? message : Character.toUpperCase(message.charAt(0)) + message.substring(1);
    }
}
