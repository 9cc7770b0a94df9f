package io.soapersistence.parquet;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * What each data file's footer says, remembered per file while the file stays the same inode with the same
 * size and modification time. Every write replaces files by rename, and a spare copy published again was
 * extended first, so a changed file always shows a new identity; a count then costs one stat per file and no
 * read.
 */
final class FooterCache {

    private static final int MAX_ENTRIES = 4096;

    private static final ConcurrentMap<Path, Entry> ENTRIES = new ConcurrentHashMap<>();

    private FooterCache() {
    }

    private record Entry(Object fileKey, long size, FileTime modified, DatasetInfo info) {

        boolean matches(BasicFileAttributes attributes) {
            return Objects.equals(this.fileKey, attributes.fileKey()) && this.size == attributes.size()
                    && this.modified.equals(attributes.lastModifiedTime());
        }
    }

    /** The cached description of {@code file}, or {@code null} when the file changed or was never seen. */
    static DatasetInfo lookup(Path file, BasicFileAttributes attributes) {
        Entry entry = ENTRIES.get(file);
        return (entry != null && entry.matches(attributes)) ? entry.info() : null;
    }

    /** Remembers what a footer just read or written says about {@code file}. */
    static void remember(Path file, DatasetInfo info) {
        try {
            BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
            if (ENTRIES.size() >= MAX_ENTRIES) {
                ENTRIES.clear();
            }
            ENTRIES.put(file, new Entry(attributes.fileKey(), attributes.size(), attributes.lastModifiedTime(), info));
        }
        catch (IOException ex) {
            ENTRIES.remove(file);
        }
    }
}
