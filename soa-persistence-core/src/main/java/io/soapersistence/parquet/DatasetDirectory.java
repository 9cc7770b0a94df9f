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
import java.nio.file.FileSystems;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.Set;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

import io.soapersistence.PersistenceCancelledException;
import io.soapersistence.PersistenceIoException;

/**
 * The directory of one dataset and its write protocol: every write goes to a hidden temporary file in the
 * same directory, which is forced to disk and then atomically renamed over {@code data.parquet}; the
 * directory is forced after the rename so the new name itself survives a crash. An append of the single-file
 * layout may instead extend the {@link AppendSpare spare copy}, which no reader sees until the same rename.
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

    private static final Pattern PART = Pattern.compile("part-(\\d{6,})-(\\d{6,})\\.parquet");

    private static final Comparator<PartName> PART_ORDER = Comparator.comparingLong(PartName::generation)
        .thenComparingLong(PartName::sequence);

    private static final ConcurrentMap<Path, ReentrantLock> JVM_LOCKS = new ConcurrentHashMap<>();

    private static final long LOCK_POLL_MILLIS = 10;

    private final Path directory;

    private final Path dataFile;

    private final Duration lockTimeout;

    private final AppendSpare spare;

    private final Set<PosixFilePermission> filePermissions;

    /**
     * The parts, in order, while a thread holds the write lock through this instance; {@code null} otherwise.
     * No other writer can change them then, so one listing per write serves every step of it: an append
     * listed the directory six times before, about a tenth of its fixed cost on the benchmark machine.
     */
    private List<PartName> lockedParts;

    /** Whether a probe found that files here can be hard-linked. */
    private volatile boolean linksWorked;

    /** Read and write for the owner only: data files often hold what other users of a machine must not see. */
    static final Set<PosixFilePermission> OWNER_ONLY = Set.of(PosixFilePermission.OWNER_READ,
            PosixFilePermission.OWNER_WRITE);

    DatasetDirectory(Path directory, Duration lockTimeout) {
        this(directory, lockTimeout, OWNER_ONLY);
    }

    DatasetDirectory(Path directory, Duration lockTimeout, Set<PosixFilePermission> filePermissions) {
        this.directory = directory.toAbsolutePath().normalize();
        this.dataFile = this.directory.resolve(DATA_FILE);
        this.spare = new AppendSpare(this.directory, this.dataFile);
        this.lockTimeout = lockTimeout;
        this.filePermissions = Set.copyOf(filePermissions);
    }

    Set<PosixFilePermission> filePermissions() {
        return this.filePermissions;
    }

    /**
     * The attributes new files get: the configured POSIX permissions (the umask can only remove from them),
     * or none on file systems without POSIX permissions.
     */
    private FileAttribute<?>[] fileAttributes() {
        return posix() ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(this.filePermissions)}
                : new FileAttribute<?>[0];
    }

    /** Directories get the file permissions plus search permission wherever files may be read. */
    private FileAttribute<?>[] directoryAttributes() {
        if (!posix()) {
            return new FileAttribute<?>[0];
        }
        Set<PosixFilePermission> permissions = EnumSet.noneOf(PosixFilePermission.class);
        permissions.addAll(this.filePermissions);
        permissions.add(PosixFilePermission.OWNER_EXECUTE);
        if (this.filePermissions.contains(PosixFilePermission.GROUP_READ)) {
            permissions.add(PosixFilePermission.GROUP_EXECUTE);
        }
        if (this.filePermissions.contains(PosixFilePermission.OTHERS_READ)) {
            permissions.add(PosixFilePermission.OTHERS_EXECUTE);
        }
        return new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(permissions)};
    }

    private static boolean posix() {
        return FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
    }

    /** A new file to write at {@code path}, created with the dataset's permissions. */
    ChannelOutputFile newOutput(Path path) {
        return new ChannelOutputFile(path, fileAttributes());
    }

    /** A new file to write at {@code path}, and the same bytes at {@code mirror}, with the dataset's permissions. */
    ChannelOutputFile newMirroredOutput(Path path, Path mirror) {
        return ChannelOutputFile.mirrored(path, mirror, fileAttributes());
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
     * Runs {@code action} holding both write locks, after removing temporary files and superseded part
     * generations that a crashed writer left.
     */
    <R> R write(LockedWrite<R> action) throws IOException {
        // Checked first: createDirectories on an existing directory fails inside and costs an exception.
        if (!Files.isDirectory(this.directory)) {
            Files.createDirectories(this.directory, directoryAttributes());
        }
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
        try (FileChannel lockChannel = FileChannel.open(this.directory.resolve(LOCK_FILE),
                Set.of(StandardOpenOption.CREATE, StandardOpenOption.WRITE), fileAttributes())) {
            FileLock fileLock = acquire(lockChannel, deadline);
            try {
                this.lockedParts = tidy();
                return action.run();
            }
            finally {
                this.lockedParts = null;
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

    /**
     * A new, not yet existing temporary file name in the dataset directory. The file is created with
     * CREATE_NEW, so a clash fails rather than overwrites, and 128 random bits need no SecureRandom.
     */
    Path newTempFile() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        return this.directory.resolve(TEMP_PREFIX + new UUID(random.nextLong(), random.nextLong()) + TEMP_SUFFIX);
    }

    /**
     * Publishes {@code temp} as the data file: atomic rename, then a forced directory.
     * <p>
     * The replaced file is held open across the rename and let go on an {@link IoThreads} thread afterwards.
     * Whoever drops the last reference to a file pays for dropping its cached pages and freeing its blocks:
     * 7 ms for a 38 MB file on the benchmark machine, which the rename would otherwise charge to the commit.
     */
    void commit(Path temp) throws IOException {
        FileChannel replaced = openIfPresent(this.dataFile);
        try {
            Files.move(temp, this.dataFile, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            syncDirectory();
        }
        finally {
            if (replaced != null) {
                IoThreads.run(() -> closeQuietly(replaced));
            }
        }
    }

    /**
     * Publishes {@code temp} as the data file, as {@link #commit} does, and {@code copy}, forced like it and
     * byte for byte the same, as the spare. The data file is committed first; a failure to keep the copy only
     * costs the next append a full copy. The directory is not forced after the spare's rename: a crash that loses
     * it costs the same.
     *
     * @return why the copy was not kept as the spare, or {@code null} if it was
     */
    IOException commitWithSpare(Path temp, Path copy) throws IOException {
        FileChannel replacedSpare = openIfPresent(this.spare.spareFile());
        try {
            commit(temp);
            try {
                Files.move(copy, this.spare.spareFile(), StandardCopyOption.ATOMIC_MOVE,
                        StandardCopyOption.REPLACE_EXISTING);
                this.spare.record(newTempFile(), fileAttributes());
                return null;
            }
            catch (IOException | RuntimeException ex) {
                discardSpare();
                return (ex instanceof IOException io) ? io : new IOException(ex);
            }
        }
        finally {
            if (replacedSpare != null) {
                IoThreads.run(() -> closeQuietly(replacedSpare));
            }
        }
    }

    /** The spare of the single-file layout, the data file's previous version. */
    AppendSpare spare() {
        return this.spare;
    }

    /**
     * Publishes {@code written}, the spare extended or a new temporary file, as the data file, as {@link #commit}
     * does, and keeps the data file it replaces as the next spare. The replaced file is linked under a temporary
     * name before the rename, so it is never without a name; without hard links the commit keeps no spare.
     * Once the rename has published the data, a failure to keep the spare only costs the next append a full copy.
     */
    void commitKeepingSpare(Path written) throws IOException {
        Path held = newTempFile();
        Path spareFile = this.spare.spareFile();
        try {
            Files.createLink(held, this.dataFile);
        }
        catch (IOException | UnsupportedOperationException ex) {
            if (written.equals(spareFile)) {
                // Links worked when this spare was kept, so this is a transient failure such as a full disk: the
                // caller cuts the spare back and the data file stays as it was.
                throw (ex instanceof IOException io) ? io : new IOException(ex);
            }
            // A file system without hard links: publish and keep nothing.
            discardSpare();
            commit(written);
            return;
        }
        FileChannel replacedSpare = written.equals(spareFile) ? null : openIfPresent(spareFile);
        try {
            Files.move(written, this.dataFile, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            try {
                Files.move(held, spareFile, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                this.spare.record(newTempFile(), fileAttributes());
            }
            catch (IOException ex) {
                deleteQuietly(this.spare.recordFile());
            }
            syncDirectory();
        }
        finally {
            deleteQuietly(held);
            if (replacedSpare != null) {
                IoThreads.run(() -> closeQuietly(replacedSpare));
            }
        }
    }

    /**
     * Deletes the spare and its record, when a save or clear starts a new version that does not continue the
     * data file's row groups. The spare's blocks are freed on an {@link IoThreads} thread, as in {@link #commit}.
     */
    void discardSpare() {
        deleteQuietly(this.spare.recordFile());
        FileChannel held = openIfPresent(this.spare.spareFile());
        deleteQuietly(this.spare.spareFile());
        if (held != null) {
            IoThreads.run(() -> closeQuietly(held));
        }
    }

    /**
     * Whether files in the directory can get a second name, which an append's commit of the spare needs; probed
     * under the write lock until a probe succeeds, so that a passing failure does not end the spare for good.
     */
    boolean linksWork() {
        if (this.linksWorked) {
            return true;
        }
        Path probe = newTempFile();
        try {
            Files.createFile(probe, fileAttributes());
            this.linksWorked = linkable(probe);
        }
        catch (IOException | UnsupportedOperationException ex) {
            // The write that follows meets the same file system and reports what is wrong with it.
            return false;
        }
        finally {
            deleteQuietly(probe);
        }
        return this.linksWorked;
    }

    /** Whether {@code file} can get a second name: the one call a spare's commit needs that some file systems lack. */
    private boolean linkable(Path file) {
        Path link = newTempFile();
        try {
            Files.createLink(link, file);
            return true;
        }
        catch (IOException | UnsupportedOperationException ex) {
            return false;
        }
        finally {
            deleteQuietly(link);
        }
    }

    private static FileChannel openIfPresent(Path file) {
        try {
            return FileChannel.open(file, StandardOpenOption.READ);
        }
        catch (IOException | UnsupportedOperationException ex) {
            // Nothing to replace, or nothing this process may read: the rename then releases it itself.
            return null;
        }
    }

    private static void closeQuietly(FileChannel channel) {
        try {
            channel.close();
        }
        catch (IOException ex) {
            // Only the release of an already replaced file failed; the data is committed.
        }
    }

    /**
     * The files that hold the committed data, in row order: {@code data.parquet} for the single-file layout;
     * for the multi-file layout the parts of the newest generation, by sequence. Older generations are
     * leftovers of a save or compaction that crashed before deleting them.
     */
    List<Path> committedFiles(Layout layout) throws IOException {
        if (layout == Layout.SINGLE_FILE) {
            try {
                // A stat, not Files.exists: "not a directory" or "permission denied" must surface as errors.
                Files.readAttributes(this.dataFile, java.nio.file.attribute.BasicFileAttributes.class);
                return List.of(this.dataFile);
            }
            catch (java.nio.file.NoSuchFileException ex) {
                checkReachable();
                return List.of();
            }
        }
        List<PartName> parts = parts();
        if (parts.isEmpty()) {
            return List.of();
        }
        long newest = parts.get(parts.size() - 1).generation();
        return parts.stream().filter(part -> part.generation() == newest).map(PartName::path).toList();
    }

    /**
     * A missing dataset is empty, but a dataset that can never exist because a regular file stands where a
     * directory of its path should be is an error. Checked by hand: JDKs differ in whether a path through a
     * regular file reports "not a directory" or "no such file".
     */
    private void checkReachable() throws IOException {
        for (Path path = this.directory; path != null; path = path.getParent()) {
            if (Files.exists(path)) {
                if (!Files.isDirectory(path)) {
                    throw new java.nio.file.NotDirectoryException(path.toString());
                }
                return;
            }
        }
    }

    /** A part file's name, parsed. */
    record PartName(Path path, long generation, long sequence) {
    }

    /** The parts in order: as the write lock holder knows them, or as listed now. */
    private List<PartName> parts() throws IOException {
        List<PartName> locked = lockedParts();
        if (locked != null) {
            return List.copyOf(locked);
        }
        List<PartName> parts = new ArrayList<>();
        list(parts, null);
        return parts;
    }

    private boolean heldByCurrentThread() {
        ReentrantLock lock = JVM_LOCKS.get(this.directory);
        return lock != null && lock.isHeldByCurrentThread();
    }

    /**
     * Lists the directory once, without a glob (a glob compiles a regular expression per listing): the parts
     * into {@code parts}, in order, and the temporary files into {@code temps} if it is not {@code null}.
     */
    private void list(List<PartName> parts, List<Path> temps) throws IOException {
        try (DirectoryStream<Path> files = Files.newDirectoryStream(this.directory)) {
            for (Path file : files) {
                String name = file.getFileName().toString();
                if (name.startsWith("part-")) {
                    PartName part = parsePart(file, name);
                    if (part != null) {
                        parts.add(part);
                    }
                }
                else if (temps != null && name.startsWith(TEMP_PREFIX) && name.endsWith(TEMP_SUFFIX)) {
                    temps.add(file);
                }
            }
        }
        catch (java.nio.file.NoSuchFileException ex) {
            checkReachable();
            return;
        }
        parts.sort(PART_ORDER);
    }

    /** The part {@code name} names, or {@code null} if it is not a part name this library writes. */
    private static PartName parsePart(Path file, String name) {
        Matcher matcher = PART.matcher(name);
        if (!matcher.matches()) {
            return null;
        }
        try {
            return new PartName(file, Long.parseLong(matcher.group(1)), Long.parseLong(matcher.group(2)));
        }
        catch (NumberFormatException ex) {
            // More digits than a long holds: no writer of this library numbered it.
            return null;
        }
    }

    /**
     * Removes what a crashed writer left, from one listing, and returns the parts that remain: temporary
     * files, and the parts older than the newest generation. A save, clear or compaction that crashed between
     * publishing its generation and deleting the old one leaves those, and engines that read the directory by
     * a glob would otherwise see them as data. This library's readers never read them, so deleting is safe
     * under the write lock.
     */
    private List<PartName> tidy() throws IOException {
        List<PartName> parts = new ArrayList<>();
        List<Path> temps = new ArrayList<>();
        list(parts, temps);
        for (Path temp : temps) {
            Files.deleteIfExists(temp);
        }
        if (!parts.isEmpty()) {
            deleteBefore(parts, parts.get(parts.size() - 1).generation());
        }
        return parts;
    }

    /**
     * Publishes {@code temp} as the next part: the first of a new generation, or the next of the newest one.
     * The rename is the commit; a new generation's older parts are deleted afterwards.
     */
    Path commitPart(Path temp, boolean newGeneration) throws IOException {
        List<PartName> parts = parts();
        PartName newest = parts.isEmpty() ? null : parts.get(parts.size() - 1);
        long generation = (newest == null) ? 1 : newest.generation() + (newGeneration ? 1 : 0);
        long sequence = (newest == null || newGeneration) ? 0 : newest.sequence() + 1;
        Path part = this.directory.resolve(partName(generation, sequence));
        Files.move(temp, part, StandardCopyOption.ATOMIC_MOVE);
        syncDirectory();
        List<PartName> locked = lockedParts();
        if (locked != null) {
            locked.add(new PartName(part, generation, sequence));
        }
        if (newGeneration) {
            deleteGenerationsBefore(generation);
        }
        return part;
    }

    /** {@code part-GGGGGG-SSSSSS.parquet}, each number zero-padded to at least six digits. */
    static String partName(long generation, long sequence) {
        StringBuilder name = new StringBuilder(24).append("part-");
        appendPadded(name, generation);
        name.append('-');
        appendPadded(name, sequence);
        return name.append(".parquet").toString();
    }

    private static void appendPadded(StringBuilder name, long number) {
        String digits = Long.toString(number);
        for (int pad = digits.length(); pad < 6; pad++) {
            name.append('0');
        }
        name.append(digits);
    }

    /** Deletes every part older than {@code generation}, durably. */
    void deleteGenerationsBefore(long generation) throws IOException {
        List<PartName> locked = lockedParts();
        deleteBefore((locked != null) ? locked : parts(), generation);
    }

    /** Deletes the parts older than {@code generation} and removes them from {@code parts}, durably. */
    private void deleteBefore(List<PartName> parts, long generation) throws IOException {
        boolean deleted = false;
        for (java.util.Iterator<PartName> it = parts.iterator(); it.hasNext();) {
            PartName part = it.next();
            if (part.generation() < generation) {
                deleted |= Files.deleteIfExists(part.path());
                it.remove();
            }
        }
        if (deleted) {
            syncDirectory();
        }
    }

    /** The parts this thread's write keeps up to date, or {@code null} outside a write. */
    private List<PartName> lockedParts() {
        List<PartName> locked = this.lockedParts;
        return (locked != null && heldByCurrentThread()) ? locked : null;
    }

    /** Deletes every part, durably. */
    void deleteParts() throws IOException {
        deleteGenerationsBefore(Long.MAX_VALUE);
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
}
