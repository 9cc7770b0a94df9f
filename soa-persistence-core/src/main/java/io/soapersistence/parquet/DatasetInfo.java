package io.soapersistence.parquet;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.apache.parquet.hadoop.metadata.BlockMetaData;
import org.apache.parquet.hadoop.metadata.ParquetMetadata;

/**
 * What a dataset holds, read from the file system and the Parquet footer only, never from data pages.
 *
 * @param file the data file
 * @param exists whether the data file exists
 * @param rows the number of rows, zero when absent
 * @param bytes the file size, zero when absent
 * @param rowGroups the number of row groups, zero when absent
 * @param codec the codec of the stored column chunks (such as {@code SNAPPY}), or {@code null} when there are no
 *     chunks
 * @param lastModified when the file was last written, or {@code null} when absent
 * @param schema the Parquet schema of the stored file, or {@code null} when absent
 */
public record DatasetInfo(Path file, boolean exists, long rows, long bytes, int rowGroups, String codec,
        Instant lastModified, String schema) {

    /**
     * The description of a dataset with no data file.
     *
     * @param file the data file that does not exist
     * @return an info with {@code exists == false} and zero counts
     */
    public static DatasetInfo absent(Path file) {
        return new DatasetInfo(file, false, 0, 0, 0, null, null, null);
    }

    /** Describes {@code file} from a footer already in memory and one stat of the file. */
    static DatasetInfo of(Path file, ParquetMetadata footer, long bytes) throws IOException {
        long rows = 0;
        String codec = null;
        for (BlockMetaData block : footer.getBlocks()) {
            rows += block.getRowCount();
            if (codec == null && !block.getColumns().isEmpty()) {
                codec = block.getColumns().get(0).getCodec().name();
            }
        }
        Instant modified;
        try {
            modified = Files.getLastModifiedTime(file).toInstant();
        }
        catch (NoSuchFileException ex) {
            // Cleared by another writer after this footer was read: the footer still describes what was seen.
            modified = null;
        }
        return new DatasetInfo(file, true, rows, bytes, footer.getBlocks().size(), codec, modified,
                SchemaTexts.text(footer.getFileMetaData().getSchema()));
    }

    /**
     * Describes a dataset of several files as one: counts add up, the newest modification wins, and codec and
     * schema are the first file's.
     */
    static DatasetInfo combine(Path directory, List<DatasetInfo> files) {
        if (files.isEmpty()) {
            return absent(directory);
        }
        long rows = 0;
        long bytes = 0;
        int rowGroups = 0;
        String codec = null;
        Instant modified = null;
        for (DatasetInfo file : files) {
            rows += file.rows();
            bytes += file.bytes();
            rowGroups += file.rowGroups();
            codec = (codec != null) ? codec : file.codec();
            if (file.lastModified() != null && (modified == null || file.lastModified().isAfter(modified))) {
                modified = file.lastModified();
            }
        }
        return new DatasetInfo(directory, true, rows, bytes, rowGroups, codec, modified, files.get(0).schema());
    }

    /** The single file's own description, or the combination of several files'. */
    static DatasetInfo combineOrSingle(Path target, List<DatasetInfo> files, Layout layout) {
        if (layout == Layout.SINGLE_FILE) {
            return files.isEmpty() ? absent(target) : files.get(0);
        }
        return combine(target, files);
    }

    /**
     * The codec, when the file has column chunks.
     *
     * @return the codec name
     */
    public Optional<String> codecName() {
        return Optional.ofNullable(this.codec);
    }
}
