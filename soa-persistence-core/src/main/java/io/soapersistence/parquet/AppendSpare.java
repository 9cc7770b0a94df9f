package io.soapersistence.parquet;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

import org.apache.parquet.hadoop.metadata.BlockMetaData;
import org.apache.parquet.hadoop.metadata.ColumnChunkMetaData;
import org.apache.parquet.hadoop.metadata.ParquetMetadata;

/**
 * The version of {@code data.parquet} that the current one replaced, or a copy of it that a save made, kept under a
 * hidden name so that the next append of the single-file layout writes only what the spare lacks, instead of
 * copying every stored chunk.
 * <p>
 * The spare already holds the leading row groups of the data file byte for byte, because every append builds the
 * data file from its predecessor's chunks, and a save's copy holds all of them. An append extends the spare past
 * its old end with the row groups it lacks, the new rows and a new footer, forces it, and renames it over the data
 * file; the replaced data file becomes the spare. Bytes a file held when it was published are never changed, so a reader that still holds an old
 * version open reads exactly what it read before; the old footer stays behind as unused bytes, which a full copy
 * removes once they pass an eighth of the file.
 * <p>
 * A spare is used only if a record written at the last commit says that both files are still the very files
 * (inode, size and modification time) that commit left. Whatever changed either file since, another writer, a
 * hand edit, or a crash in the middle of extending the spare, makes the record disagree, and the append copies.
 * A crash whose extension never reached the disk's metadata leaves the spare at its recorded size, and its bytes
 * up to there were forced before it was first published and never written since.
 */
final class AppendSpare {

    /** Hidden, and not named {@code *.parquet}, so that no glob reads it as data. */
    static final String SPARE_FILE = ".data.parquet.spare";

    static final String RECORD_FILE = ".data.parquet.spare.record";

    private static final String HEADER = "soa-persistence append spare 1";

    private static final String END = "end";

    /** Unused bytes a spare may hold before a full copy is worth more than the bytes it saves. */
    private static final long MIN_WASTE_ALLOWED = 64 * 1024;

    private final Path dataFile;

    private final Path spareFile;

    private final Path recordFile;

    AppendSpare(Path directory, Path dataFile) {
        this.dataFile = dataFile;
        this.spareFile = directory.resolve(SPARE_FILE);
        this.recordFile = directory.resolve(RECORD_FILE);
    }

    Path spareFile() {
        return this.spareFile;
    }

    Path recordFile() {
        return this.recordFile;
    }

    /** Which file a path named at one instant: any write through a new inode, size or time tells them apart. */
    record Identity(String fileKey, long size, long modifiedNanos) {

        static Identity of(Path file) throws IOException {
            BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class,
                    LinkOption.NOFOLLOW_LINKS);
            Object key = attributes.fileKey();
            if (key == null || !attributes.isRegularFile()) {
                return null;
            }
            return new Identity(key.toString(), attributes.size(),
                    attributes.lastModifiedTime().to(TimeUnit.NANOSECONDS));
        }

        String format() {
            return this.size + "\t" + this.modifiedNanos + "\t" + this.fileKey;
        }

        static Identity parse(String line) {
            String[] fields = line.split("\t", 3);
            if (fields.length != 3) {
                return null;
            }
            try {
                return new Identity(fields[2], Long.parseLong(fields[0]), Long.parseLong(fields[1]));
            }
            catch (NumberFormatException ex) {
                return null;
            }
        }
    }

    /**
     * The spare as the record of the last commit describes it, if the record still describes both the data file
     * and the spare, or {@code null}. A record that does not parse, a torn one after a crash included, describes
     * nothing.
     */
    Identity usable() {
        List<String> lines;
        try {
            lines = Files.readAllLines(this.recordFile, StandardCharsets.UTF_8);
        }
        catch (IOException ex) {
            // Missing, not text, or not readable: the append copies, and its commit writes a new record.
            return null;
        }
        if (lines.size() != 4 || !lines.get(0).equals(HEADER) || !lines.get(3).equals(END)
                || !lines.get(1).startsWith("data\t") || !lines.get(2).startsWith("spare\t")) {
            return null;
        }
        Identity data = Identity.parse(lines.get(1).substring("data\t".length()));
        Identity spare = Identity.parse(lines.get(2).substring("spare\t".length()));
        if (data == null || spare == null) {
            return null;
        }
        try {
            if (!data.equals(Identity.of(this.dataFile)) || !spare.equals(Identity.of(this.spareFile))) {
                return null;
            }
        }
        catch (IOException ex) {
            return null;
        }
        // Two names of one file, which only a hand-made link can give: extending it would change the data file.
        return data.fileKey().equals(spare.fileKey()) ? null : spare;
    }

    /**
     * Cuts a spare that a failed append extended back to the length and time {@code recorded} gives, which makes
     * it again the file the record names: only bytes past the old end, which no reader was ever shown, are cut.
     *
     * @return whether the spare is as recorded again
     */
    boolean restore(Identity recorded) {
        try {
            Identity now = Identity.of(this.spareFile);
            if (now == null || !now.fileKey().equals(recorded.fileKey())) {
                // A commit that failed after its rename left the replaced data file under the spare's name.
                return false;
            }
            // Not a FileChannel: the append may have failed because its thread was interrupted, and an
            // interruptible channel would refuse to cut the spare back, which would cost the next append a copy.
            try (RandomAccessFile file = new RandomAccessFile(this.spareFile.toFile(), "rw")) {
                file.setLength(recorded.size());
            }
            Files.setLastModifiedTime(this.spareFile, FileTime.from(recorded.modifiedNanos(), TimeUnit.NANOSECONDS));
            return recorded.equals(Identity.of(this.spareFile));
        }
        catch (IOException ex) {
            return false;
        }
    }

    /**
     * Records that the data file and the spare are what a commit just left. Not forced: a record that a crash
     * tore does not parse, and any record that does parse names files exactly as a commit left them, which were
     * both forced before they were published.
     */
    void record(Path temp, FileAttribute<?>... attributes) throws IOException {
        Identity data = Identity.of(this.dataFile);
        Identity spare = Identity.of(this.spareFile);
        if (data == null || spare == null) {
            Files.deleteIfExists(this.recordFile);
            return;
        }
        String text = HEADER + "\ndata\t" + data.format() + "\nspare\t" + spare.format() + "\n" + END + "\n";
        Files.createFile(temp, attributes);
        boolean moved = false;
        try {
            Files.writeString(temp, text, StandardCharsets.UTF_8);
            Files.move(temp, this.recordFile, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            moved = true;
        }
        finally {
            if (!moved) {
                DatasetDirectory.deleteQuietly(temp);
            }
        }
    }

    /**
     * How many leading row groups of {@code data} the spare holds, or -1 if the spare is not a prefix of the data
     * file or holds so many unused bytes that a full copy is due. The record already vouches for the bytes; this
     * checks the footers agree before the spare's positions are trusted.
     */
    static int sharedRowGroups(ParquetMetadata spare, long spareLength, ParquetMetadata data) {
        List<BlockMetaData> kept = spare.getBlocks();
        List<BlockMetaData> current = data.getBlocks();
        if (kept.size() > current.size()
                || !spare.getFileMetaData().getSchema().equals(data.getFileMetaData().getSchema())) {
            return -1;
        }
        long live = 0;
        for (int b = 0; b < kept.size(); b++) {
            BlockMetaData ours = kept.get(b);
            BlockMetaData theirs = current.get(b);
            if (ours.getRowCount() != theirs.getRowCount() || ours.getColumns().size() != theirs.getColumns().size()) {
                return -1;
            }
            for (int c = 0; c < ours.getColumns().size(); c++) {
                ColumnChunkMetaData chunk = ours.getColumns().get(c);
                if (!sameChunk(chunk, theirs.getColumns().get(c))) {
                    return -1;
                }
                live += chunk.getTotalSize();
            }
        }
        long waste = spareLength - live;
        return (waste <= Math.max(MIN_WASTE_ALLOWED, spareLength / 8)) ? kept.size() : -1;
    }

    private static boolean sameChunk(ColumnChunkMetaData a, ColumnChunkMetaData b) {
        return a.getPath().equals(b.getPath()) && a.getCodec() == b.getCodec()
                && a.getTotalSize() == b.getTotalSize()
                && a.getTotalUncompressedSize() == b.getTotalUncompressedSize()
                && a.getValueCount() == b.getValueCount() && a.getEncodings().equals(b.getEncodings())
                && Objects.equals(a.getStatistics(), b.getStatistics())
                && a.getFirstDataPageOffset() - a.getStartingPos() == b.getFirstDataPageOffset() - b.getStartingPos();
    }
}
