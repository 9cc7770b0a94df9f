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

    /**
     * Remembers what a footer read from {@code file} says, if the file is still the version {@code before} (a
     * stat taken before it was opened) describes. A writer may publish between the stat and the open, or between
     * the read and this call; the footer then belongs to neither stat, and remembering it under the newer one
     * would make count report the old rows for the new file.
     */
    static void rememberIfUnchanged(Path file, DatasetInfo info, BasicFileAttributes before) {
        try {
            BasicFileAttributes after = Files.readAttributes(file, BasicFileAttributes.class);
            Entry entry = new Entry(before.fileKey(), before.size(), before.lastModifiedTime(), info);
            if (entry.matches(after)) {
                if (ENTRIES.size() >= MAX_ENTRIES) {
                    ENTRIES.clear();
                }
                ENTRIES.put(file, entry);
            }
        }
        catch (IOException ex) {
            ENTRIES.remove(file);
        }
    }

    /** Remembers what a footer just written says about {@code file}, under the write lock. */
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
