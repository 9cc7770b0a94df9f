package io.soapersistence.parquet;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

import io.soapersistence.PersistenceCancelledException;
import io.soapersistence.PersistenceIoException;

/**
 * The directory of one dataset and its write protocol: every write goes to a hidden temporary file in the
 * same directory, which is forced to disk and then atomically renamed over {@code data.parquet}; the
 * directory is forced after the rename so the new name itself survives a crash.
 * <p>
 * Writers are serialized twice: a lock per directory inside this JVM (file locks are held per process, so two
 * threads of one JVM would not exclude each other), and an OS file lock against other processes.
 */
final class DatasetDirectory {

    static final String DATA_FILE = "data.parquet";

    static final String LOCK_FILE = ".soa-persistence.lock";

    /** Temporary files start with a dot, which Spark, pyarrow and DuckDB globs skip as hidden. */
    static final String TEMP_PREFIX = ".data.parquet.";

    static final String TEMP_SUFFIX = ".tmp";

    private static final ConcurrentMap<Path, ReentrantLock> JVM_LOCKS = new ConcurrentHashMap<>();

    private static final long LOCK_POLL_MILLIS = 10;

    private final Path directory;

    private final Path dataFile;

    private final Duration lockTimeout;

    DatasetDirectory(Path directory, Duration lockTimeout) {
        this.directory = directory.toAbsolutePath().normalize();
        this.dataFile = this.directory.resolve(DATA_FILE);
        this.lockTimeout = lockTimeout;
    }

    Path directory() {
        return this.directory;
    }

    Path dataFile() {
        return this.dataFile;
    }

    /** An action run while holding the dataset's write lock. */
    @FunctionalInterface
    interface LockedWrite<R> {

        R run() throws IOException;
    }

    /**
     * Runs {@code action} holding both write locks, after removing temporary files that a crashed writer left.
     */
    <R> R write(LockedWrite<R> action) throws IOException {
        Files.createDirectories(this.directory);
        ReentrantLock jvmLock = JVM_LOCKS.computeIfAbsent(this.directory, key -> new ReentrantLock());
        long deadline = System.nanoTime() + this.lockTimeout.toNanos();
        try {
            if (!jvmLock.tryLock(this.lockTimeout.toNanos(), TimeUnit.NANOSECONDS)) {
                throw lockTimeout("another writer in this process");
            }
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new PersistenceCancelledException(this.dataFile, "interrupted while waiting for the write lock", ex);
        }
        try (FileChannel lockChannel = FileChannel.open(this.directory.resolve(LOCK_FILE), StandardOpenOption.CREATE,
                StandardOpenOption.WRITE)) {
            FileLock fileLock = acquire(lockChannel, deadline);
            try {
                deleteLeftoverTempFiles();
                return action.run();
            }
            finally {
                fileLock.release();
            }
        }
        finally {
            jvmLock.unlock();
        }
    }

    private FileLock acquire(FileChannel channel, long deadline) throws IOException {
        while (true) {
            FileLock lock;
            try {
                lock = channel.tryLock();
            }
            catch (OverlappingFileLockException ex) {
                // Only reachable if the directory is reached through two different paths in this JVM.
                lock = null;
            }
            if (lock != null) {
                return lock;
            }
            if (System.nanoTime() >= deadline) {
                throw lockTimeout("another process");
            }
            try {
                Thread.sleep(LOCK_POLL_MILLIS);
            }
            catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
                throw new PersistenceCancelledException(this.dataFile, "interrupted while waiting for the write lock",
                        ex);
            }
        }
    }

    private PersistenceIoException lockTimeout(String holder) {
        return new PersistenceIoException(this.directory.resolve(LOCK_FILE), holder + " held the dataset's write lock "
                + "for longer than " + this.lockTimeout.toMillis() + " ms; nothing was written", null);
    }

    /** A new, not yet existing temporary file name in the dataset directory. */
    Path newTempFile() {
        return this.directory.resolve(TEMP_PREFIX + UUID.randomUUID() + TEMP_SUFFIX);
    }

    /** Publishes {@code temp} as the data file: atomic rename, then a forced directory. */
    void commit(Path temp) throws IOException {
        Files.move(temp, this.dataFile, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        syncDirectory();
    }

    /** Removes the data file, durably. */
    boolean deleteDataFile() throws IOException {
        boolean deleted = Files.deleteIfExists(this.dataFile);
        if (deleted) {
            syncDirectory();
        }
        return deleted;
    }

    private void syncDirectory() throws IOException {
        try (FileChannel channel = FileChannel.open(this.directory, StandardOpenOption.READ)) {
            channel.force(true);
        }
        catch (IOException ex) {
            // Windows cannot open a directory as a channel; its rename is already durable when it returns.
            if (!isWindows()) {
                throw ex;
            }
        }
    }

    private static boolean isWindows() {
        return System.getProperty("os.name", "").startsWith("Windows");
    }

    static void deleteQuietly(Path temp) {
        try {
            Files.deleteIfExists(temp);
        }
        catch (IOException ex) {
            // Left for the next writer, which removes leftovers under the lock.
        }
    }

    private void deleteLeftoverTempFiles() throws IOException {
        try (DirectoryStream<Path> leftovers = Files.newDirectoryStream(this.directory,
                TEMP_PREFIX + "*" + TEMP_SUFFIX)) {
            for (Path leftover : leftovers) {
                Files.deleteIfExists(leftover);
            }
        }
    }
}
