package io.soapersistence.parquet;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Consumer;
import java.util.function.Predicate;

import io.soapersistence.PersistenceCancelledException;
import io.soapersistence.PersistenceException;
import io.soapersistence.SchemaMismatchException;
import io.soapersistence.SoAPersistence;
import io.soapersistence.ToArrow;
import io.soapersistence.query.Filter;
import io.soapersistence.spi.DirectColumns;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.Schema;
import org.apache.arrow.vector.util.VectorSchemaRootAppender;
import org.apache.parquet.ParquetReadOptions;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.column.ParquetProperties;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.metadata.BlockMetaData;
import org.apache.parquet.hadoop.metadata.ColumnChunkMetaData;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.hadoop.metadata.ParquetMetadata;
import org.apache.parquet.io.SeekableInputStream;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType;
import org.apache.parquet.schema.Type;

/**
 * Stores one dataset of SoA type {@code T} as {@code {directory}/data.parquet}.
 * <pre>{@code
 * var orders = new ParquetPersistence<>(OrderSoA.class, Path.of("./data/orders"))
 *         .withCompression(Compression.zstd(3))
 *         .withPageSize(64 * 1024);
 * orders.save(batch).join();
 * long rows = orders.count().join();
 * }</pre>
 * Instances are immutable and thread-safe; every {@code with...} method returns a new instance with one setting
 * changed and all others kept, so they compose in any order. Writes are atomic: a crash at any instant leaves
 * either the old or the new file, complete. Writers are serialized per directory within the JVM and across
 * processes through a file lock; readers never wait and always see a complete file.
 *
 * @param <T> the SoA type, with a public no-argument constructor
 */
public final class ParquetPersistence<T extends ToArrow<T>> implements SoAPersistence<T> {

    /** 1 MiB, the usual Parquet data page size. */
    public static final int DEFAULT_PAGE_SIZE = 1024 * 1024;

    /** 128 MiB, the usual Parquet row group size. */
    public static final long DEFAULT_ROW_GROUP_SIZE = 128L * 1024 * 1024;

    /** How long a writer waits for another writer of the same dataset before failing. */
    public static final Duration DEFAULT_LOCK_TIMEOUT = Duration.ofSeconds(30);

    /** How many files the multi-file layout accumulates before an append compacts them into one. */
    public static final int DEFAULT_COMPACTION_THRESHOLD = 64;

    private static final System.Logger LOGGER = System.getLogger(ParquetPersistence.class.getName());

    private final Class<T> type;

    private final T prototype;

    private final Schema arrowSchema;

    private final MessageType parquetSchema;

    private final List<String> arrowFieldNames;

    private final DatasetDirectory directory;

    private final Settings settings;

    /** The schema and codec of the newest part this instance wrote, which the next append continues. */
    private volatile PartFormat lastPart;

    /** Every setting of an instance; a {@code with...} method changes one in a copy. */
    private static final class Settings implements Cloneable {

        Compression compression = Compression.DEFAULT;

        int pageSize = DEFAULT_PAGE_SIZE;

        long rowGroupSize = DEFAULT_ROW_GROUP_SIZE;

        boolean dictionaryEncoding = true;

        Set<String> bloomFilterColumns = Set.of();

        Executor executor = DefaultExecutor.instance();

        Duration lockTimeout = DEFAULT_LOCK_TIMEOUT;

        PersistenceListener listener = PersistenceListener.NONE;

        Set<PosixFilePermission> filePermissions = DatasetDirectory.OWNER_ONLY;

        Layout layout = Layout.SINGLE_FILE;

        int compactionThreshold = DEFAULT_COMPACTION_THRESHOLD;

        boolean spareCopy = true;

        Settings copy() {
            try {
                return (Settings) clone();
            }
            catch (CloneNotSupportedException ex) {
                throw new IllegalStateException(ex);
            }
        }
    }

    /**
     * Creates persistence for {@code type} in {@code directory}, with SNAPPY, 1 MiB pages, 128 MiB row groups,
     * dictionary encoding, no bloom filters, the single-file layout and the library's own I/O executor.
     * Nothing is touched on disk until the first operation.
     *
     * @param type the SoA class, generated or hand-written, with a public no-argument constructor
     * @param directory the dataset directory; the data lives in {@code directory/data.parquet}
     * @throws IllegalArgumentException if the type cannot be instantiated or has a column Parquet cannot hold
     */
    public ParquetPersistence(Class<T> type, Path directory) {
        this(type, instantiate(type), new DatasetDirectory(directory, DEFAULT_LOCK_TIMEOUT), new Settings());
    }

    private ParquetPersistence(Class<T> type, T prototype, DatasetDirectory directory, Settings settings) {
        this.type = type;
        this.prototype = prototype;
        this.arrowSchema = prototype.arrowSchema();
        this.parquetSchema = ParquetSchemaMapping.toParquet(this.arrowSchema);
        this.arrowFieldNames = prototype.arrowFieldNames();
        this.directory = directory;
        this.settings = settings;
    }

    private static <T> T instantiate(Class<T> type) {
        Objects.requireNonNull(type, "type");
        try {
            Constructor<T> constructor = type.getConstructor();
            return constructor.newInstance();
        }
        catch (NoSuchMethodException ex) {
            throw new IllegalArgumentException(type.getName() + " needs a public no-argument constructor to be "
                    + "persisted", ex);
        }
        catch (InstantiationException | IllegalAccessException | InvocationTargetException ex) {
            throw new IllegalArgumentException("cannot create an empty " + type.getName() + ": " + ex, ex);
        }
    }

    private ParquetPersistence<T> with(java.util.function.Consumer<Settings> change) {
        Settings changed = this.settings.copy();
        change.accept(changed);
        DatasetDirectory dir = (changed.lockTimeout.equals(this.settings.lockTimeout)
                && changed.filePermissions.equals(this.settings.filePermissions)) ? this.directory
                        : new DatasetDirectory(this.directory.directory(), changed.lockTimeout, changed.filePermissions);
        return new ParquetPersistence<>(this.type, this.prototype, dir, changed);
    }

    /**
     * Returns a copy that writes new files with {@code compression}. Appends keep the codec of the file they
     * extend.
     *
     * @param compression the codec and level
     * @return a new instance; this one is unchanged
     */
    public ParquetPersistence<T> withCompression(Compression compression) {
        Objects.requireNonNull(compression, "compression");
        return with(settings -> settings.compression = compression);
    }

    /**
     * Returns a copy with another target data page size. Smaller pages make finer random access and larger
     * metadata.
     *
     * @param bytes the page size in bytes, at least 64
     * @return a new instance; this one is unchanged
     */
    public ParquetPersistence<T> withPageSize(int bytes) {
        if (bytes < 64) {
            throw new IllegalArgumentException("page size must be at least 64 bytes, but was " + bytes);
        }
        return with(settings -> settings.pageSize = bytes);
    }

    /**
     * Returns a copy with another target row group size, the unit readers can skip or read in parallel.
     *
     * @param bytes the row group size in bytes, at least 1024
     * @return a new instance; this one is unchanged
     */
    public ParquetPersistence<T> withRowGroupSize(long bytes) {
        if (bytes < 1024) {
            throw new IllegalArgumentException("row group size must be at least 1024 bytes, but was " + bytes);
        }
        return with(settings -> settings.rowGroupSize = bytes);
    }

    /**
     * Returns a copy that does or does not dictionary-encode columns. Dictionaries shrink low-cardinality
     * columns such as statuses and enable dictionary-based row group skipping; writers fall back to plain
     * encoding per column when a dictionary grows too large.
     *
     * @param enabled whether to use dictionary encoding
     * @return a new instance; this one is unchanged
     */
    public ParquetPersistence<T> withDictionaryEncoding(boolean enabled) {
        return with(settings -> settings.dictionaryEncoding = enabled);
    }

    /**
     * Returns a copy that writes bloom filters for the named columns, so that readers can rule out row groups on
     * equality lookups.
     *
     * @param columns column names of the SoA type
     * @return a new instance; this one is unchanged
     * @throws IllegalArgumentException if a name is not a column of the type
     */
    public ParquetPersistence<T> withBloomFilterColumns(Collection<String> columns) {
        Set<String> names = new LinkedHashSet<>(columns);
        for (String name : names) {
            if (!this.parquetSchema.containsField(name)) {
                throw new IllegalArgumentException("bloom filter column '" + name + "' is not a column of "
                        + this.type.getName() + "; columns are " + columnNames());
            }
        }
        Set<String> bloomColumns = Set.copyOf(names);
        return with(settings -> settings.bloomFilterColumns = bloomColumns);
    }

    /**
     * Returns a copy that runs its operations on {@code executor}.
     *
     * @param executor where blocking I/O runs; never the caller's thread unless the executor chooses so
     * @return a new instance; this one is unchanged
     */
    public ParquetPersistence<T> withExecutor(Executor executor) {
        Objects.requireNonNull(executor, "executor");
        return with(settings -> settings.executor = executor);
    }

    /**
     * Returns a copy that creates data files (and, with search permission added, directories) with
     * {@code permissions} on file systems that have POSIX permissions. The default is read and write for the
     * owner only; the process umask can only remove permissions.
     *
     * @param permissions for example {@code PosixFilePermissions.fromString("rw-r-----")}
     * @return a new instance; this one is unchanged
     * @throws IllegalArgumentException if the owner could not read and write the files
     */
    public ParquetPersistence<T> withFilePermissions(Set<PosixFilePermission> permissions) {
        if (!permissions.contains(PosixFilePermission.OWNER_READ)
                || !permissions.contains(PosixFilePermission.OWNER_WRITE)) {
            throw new IllegalArgumentException("the owner must be able to read and write the data files, but "
                    + "permissions are " + PosixFilePermissions.toString(permissions));
        }
        Set<PosixFilePermission> copy = Set.copyOf(permissions);
        return with(settings -> settings.filePermissions = copy);
    }

    /**
     * The POSIX permissions of newly created data files.
     *
     * @return owner read and write by default
     */
    public Set<PosixFilePermission> filePermissions() {
        return this.settings.filePermissions;
    }

    /**
     * Returns a copy that waits at most {@code timeout} for another writer of the same dataset, in this or
     * another process, before failing with a {@link io.soapersistence.PersistenceIoException}.
     *
     * @param timeout the longest wait, zero or more
     * @return a new instance; this one is unchanged
     */
    public ParquetPersistence<T> withLockTimeout(Duration timeout) {
        if (timeout.isNegative()) {
            throw new IllegalArgumentException("lock timeout must not be negative, but was " + timeout);
        }
        return with(settings -> settings.lockTimeout = timeout);
    }

    /**
     * Returns a copy that reports every operation to {@code listener}, replacing any listener set before.
     *
     * @param listener the listener, for metrics or tracing
     * @return a new instance; this one is unchanged
     */
    public ParquetPersistence<T> withListener(PersistenceListener listener) {
        Objects.requireNonNull(listener, "listener");
        return with(settings -> settings.listener = listener);
    }

    /**
     * Returns a copy that stores the dataset in {@code layout}. Both layouts read the same data, but a
     * directory is written in one layout at a time.
     *
     * @param layout one file, or several files with cheap appends
     * @return a new instance; this one is unchanged
     */
    public ParquetPersistence<T> withLayout(Layout layout) {
        Objects.requireNonNull(layout, "layout");
        return with(settings -> settings.layout = layout);
    }

    /**
     * Returns a copy whose appends compact the multi-file layout into one file once it holds more than
     * {@code files} files.
     *
     * @param files the largest number of files to accumulate, at least 2
     * @return a new instance; this one is unchanged
     */
    public ParquetPersistence<T> withCompactionThreshold(int files) {
        if (files < 2) {
            throw new IllegalArgumentException("compaction threshold must be at least 2 files, but was " + files);
        }
        return with(settings -> settings.compactionThreshold = files);
    }

    /**
     * Returns a copy that keeps, or does not keep, a spare copy of the single-file layout's data file.
     * <p>
     * With the spare, every save writes its file twice, as the data file and as the spare, and an append writes
     * only the row groups the spare lacks, its new rows and a footer, into the spare, and publishes it by rename;
     * the file it replaces becomes the next spare. An append finds no usable spare only after the data file was
     * replaced from outside, a crash lost the spare's name, a save could not keep its spare (a full disk, say),
     * an instance without the spare wrote last, or on a file system without hard links; it then copies all stored
     * chunks into a new file and keeps the file it replaced as the spare. Without the spare, saves write once and
     * every append copies, so its cost grows with the dataset. The spare is a hidden file,
     * {@code .data.parquet.spare}, as large as the data file, or smaller by the last append; a clear deletes it,
     * and so does a save or an append of an instance without it. The multi-file layout never keeps one.
     *
     * @param keep whether to keep the spare copy
     * @return a new instance; this one is unchanged
     */
    public ParquetPersistence<T> withSpareCopy(boolean keep) {
        return with(settings -> settings.spareCopy = keep);
    }

    /**
     * Whether the single-file layout keeps a spare copy of its data file.
     *
     * @return {@code true} by default
     */
    public boolean spareCopy() {
        return this.settings.spareCopy;
    }

    /**
     * The layout of the dataset's files.
     *
     * @return {@link Layout#SINGLE_FILE} by default
     */
    public Layout layout() {
        return this.settings.layout;
    }

    /**
     * How many files the multi-file layout accumulates before an append compacts them.
     *
     * @return the threshold, 64 by default
     */
    public int compactionThreshold() {
        return this.settings.compactionThreshold;
    }

    /**
     * The SoA type stored.
     *
     * @return the type
     */
    public Class<T> type() {
        return this.type;
    }

    /**
     * The dataset directory, absolute and normalized.
     *
     * @return the directory
     */
    public Path directory() {
        return this.directory.directory();
    }

    /**
     * The data file of the single-file layout, {@code directory()/data.parquet}.
     *
     * @return the file path, which exists only once data was saved
     */
    public Path file() {
        return this.directory.dataFile();
    }

    /**
     * The compression of newly written files.
     *
     * @return the codec and level
     */
    public Compression compression() {
        return this.settings.compression;
    }

    /**
     * The target data page size.
     *
     * @return bytes
     */
    public int pageSize() {
        return this.settings.pageSize;
    }

    /**
     * The target row group size.
     *
     * @return bytes
     */
    public long rowGroupSize() {
        return this.settings.rowGroupSize;
    }

    /**
     * Whether columns are dictionary-encoded.
     *
     * @return {@code true} by default
     */
    public boolean dictionaryEncoding() {
        return this.settings.dictionaryEncoding;
    }

    /**
     * The columns that get bloom filters.
     *
     * @return an unmodifiable set, empty by default
     */
    public Set<String> bloomFilterColumns() {
        return this.settings.bloomFilterColumns;
    }

    /**
     * The Parquet schema of newly written files.
     *
     * @return the message type derived from the type's Arrow schema
     */
    public MessageType parquetSchema() {
        return this.parquetSchema;
    }

    @Override
    public CompletableFuture<Void> save(T data) {
        Objects.requireNonNull(data, "data");
        return submit(Operation.SAVE, stats -> {
            saveNow(List.of(data), stats);
            return null;
        });
    }

    @Override
    public CompletableFuture<Void> saveBatches(List<? extends T> batches) {
        List<T> copy = List.copyOf(batches);
        return submit(Operation.SAVE_BATCHES, stats -> {
            saveNow(copy, stats);
            return null;
        });
    }

    @Override
    public CompletableFuture<Void> append(T data) {
        Objects.requireNonNull(data, "data");
        return submit(Operation.APPEND, stats -> {
            appendNow(List.of(data), stats);
            return null;
        });
    }

    @Override
    public CompletableFuture<Void> appendBatches(List<? extends T> batches) {
        List<T> copy = List.copyOf(batches);
        return submit(Operation.APPEND_BATCHES, stats -> {
            appendNow(copy, stats);
            return null;
        });
    }

    @Override
    public CompletableFuture<Optional<T>> load() {
        return submit(Operation.LOAD, this::loadNow);
    }

    @Override
    public CompletableFuture<List<T>> loadBatches(int batchSize) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("batch size must be at least 1, but was " + batchSize);
        }
        return submit(Operation.LOAD_BATCHES, stats -> loadBatchesNow(batchSize, stats));
    }

    @Override
    public CompletableFuture<Optional<T>> query(Predicate<? super T> predicate) {
        Objects.requireNonNull(predicate, "predicate");
        return submit(Operation.QUERY, stats -> loadNow(stats).filter(predicate));
    }

    @Override
    public CompletableFuture<Long> count() {
        return submit(Operation.COUNT, stats -> infoNow(stats).rows());
    }

    @Override
    public CompletableFuture<Boolean> isEmpty() {
        return submit(Operation.IS_EMPTY, stats -> infoNow(stats).rows() == 0);
    }

    @Override
    public CompletableFuture<Void> clear() {
        return submit(Operation.CLEAR, stats -> {
            clearNow(stats);
            return null;
        });
    }

    /**
     * Describes the stored dataset from the file system and the footer, without reading data.
     *
     * @return a future of the description; {@link DatasetInfo#exists()} is false when nothing is stored
     */
    public CompletableFuture<DatasetInfo> info() {
        return submit(Operation.INFO, this::infoNow);
    }

    /**
     * Merges the files of the multi-file layout into one by copying their column chunks, atomically; a no-op
     * for the single-file layout or a single file.
     *
     * @return a future completing when the merged file is durable
     */
    public CompletableFuture<Void> compact() {
        return submit(Operation.COMPACT, stats -> {
            this.directory.write(() -> {
                compactNow();
                stats.dataset = datasetInfo();
                return null;
            });
            return null;
        });
    }

    /**
     * How long a writer waits for another writer of the same dataset.
     *
     * @return the lock timeout, 30 seconds by default
     */
    public Duration lockTimeout() {
        return this.settings.lockTimeout;
    }

    /**
     * Where operations run.
     *
     * @return the executor, the library's own I/O pool by default
     */
    public Executor executor() {
        return this.settings.executor;
    }

    /** The body of an operation, run on the executor. */
    @FunctionalInterface
    private interface Work<R> {

        R run(OperationStats stats) throws Exception;
    }

    private <R> CompletableFuture<R> submit(Operation operation, Work<R> work) {
        Path file = target();
        Failures.Stage stage = operation.isWrite() ? Failures.Stage.WRITE : Failures.Stage.READ;
        long started = System.nanoTime();
        PersistenceListener.Completion completion = started(operation);
        try {
            return CompletableFuture.supplyAsync(() -> {
                OperationStats stats = new OperationStats();
                try {
                    R result = work.run(stats);
                    finished(completion, new OperationOutcome(operation, null, since(started), stats.rowsWritten,
                            stats.bytesWritten, stats.dataset));
                    return result;
                }
                catch (Throwable ex) {
                    PersistenceException failure = Failures.translate(ex, file, stage);
                    finished(completion, new OperationOutcome(operation, failure, since(started), 0, 0, null));
                    throw new CompletionException(failure);
                }
            }, this.settings.executor);
        }
        catch (RejectedExecutionException ex) {
            PersistenceException failure = new PersistenceCancelledException(file,
                    "the persistence executor rejected the operation (shut down?)", ex);
            finished(completion, new OperationOutcome(operation, failure, since(started), 0, 0, null));
            return CompletableFuture.failedFuture(failure);
        }
    }

    private PersistenceListener.Completion started(Operation operation) {
        try {
            return this.settings.listener.started(this, operation);
        }
        catch (RuntimeException ex) {
            LOGGER.log(System.Logger.Level.WARNING, "persistence listener failed at the start of " + operation, ex);
            return outcome -> { };
        }
    }

    private static void finished(PersistenceListener.Completion completion, OperationOutcome outcome) {
        try {
            completion.finished(outcome);
        }
        catch (RuntimeException ex) {
            LOGGER.log(System.Logger.Level.WARNING, "persistence listener failed at the end of "
                    + outcome.operation(), ex);
        }
    }

    private static Duration since(long startedNanos) {
        return Duration.ofNanos(System.nanoTime() - startedNanos);
    }

    /** The data file of the single-file layout, or the directory of the multi-file one: what errors name. */
    private Path target() {
        return (this.settings.layout == Layout.SINGLE_FILE) ? file() : directory();
    }

    private void saveNow(List<T> batches, OperationStats stats) throws IOException {
        this.directory.write(() -> {
            if (this.settings.layout == Layout.SINGLE_FILE) {
                publishNewFile(stats, batches, null);
            }
            else {
                this.lastPart = PartFormat.of(publishPart(stats, true, temp -> writeNewFile(temp, batches, null)),
                        this.parquetSchema, this.settings.compression);
            }
            return null;
        });
    }

    private void appendNow(List<T> batches, OperationStats stats) throws IOException {
        HeadStart headStart = startEncoding(batches);
        try {
            appendLocked(batches, headStart, stats);
        }
        finally {
            if (headStart != null) {
                headStart.discard();
            }
        }
    }

    /**
     * Starts encoding the first row group of an append before the write lock is taken, in the format the append
     * will most likely continue: the part this instance wrote last, or its own schema and codec. A single-file
     * append gets a head start only when its spare copy looks usable: one that copies the whole file encodes on
     * a core fewer, so that the copying and forcing threads get theirs.
     */
    private HeadStart startEncoding(List<T> batches) {
        if (batches.isEmpty() || !(this.prototype instanceof DirectColumns<?>)
                || (this.settings.layout == Layout.SINGLE_FILE
                        && (!this.settings.spareCopy || this.directory.spare().usable() == null))) {
            return null;
        }
        ExportedColumns columns = ExportedColumns.of((DirectColumns<?>) batches.get(0));
        if (columns.size() == 0) {
            return null;
        }
        PartFormat expected = (this.settings.layout == Layout.MULTI_FILE) ? this.lastPart : null;
        MessageType schema = (expected != null) ? expected.schema() : this.parquetSchema;
        Compression codec = (expected != null) ? expected.codec() : this.settings.compression;
        DirectRowGroupWriter rowGroups = directWriter(schema, writerProperties(), codec, ColumnParallelism.cores());
        return new HeadStart(schema, codec, columns, rowGroups.encodeFirst(columns, columnOrder(schema)));
    }

    private void appendLocked(List<T> batches, HeadStart headStart, OperationStats stats) throws IOException {
        this.directory.write(() -> {
            List<Path> files = this.directory.committedFiles(this.settings.layout);
            if (files.isEmpty()) {
                if (this.settings.layout == Layout.SINGLE_FILE) {
                    publishNewFile(stats, batches, headStart);
                    return null;
                }
                this.lastPart = PartFormat.of(publishPart(stats, true, temp -> writeNewFile(temp, batches, headStart)),
                        this.parquetSchema, this.settings.compression);
                return null;
            }
            if (this.settings.layout == Layout.SINGLE_FILE) {
                appendToSingleFile(batches, headStart, stats);
                return null;
            }
            // The newest part speaks for the dataset: every part is written in the schema and codec of the first.
            Path newest = files.get(files.size() - 1);
            PartFormat format = PartFormat.ifUnchanged(this.lastPart, newest);
            if (format == null) {
                ParquetMetadata footer = readFooter(newest);
                MessageType fileSchema = footer.getFileMetaData().getSchema();
                checkAppendable(fileSchema, newest);
                format = new PartFormat(newest, null, fileSchema, existingCompression(footer, newest));
            }
            MessageType fileSchema = format.schema();
            Compression codec = format.codec();
            Path part = publishPart(stats, false, temp -> writeNewFile(temp, batches, fileSchema, codec, headStart));
            this.lastPart = PartFormat.of(part, fileSchema, codec);
            if (files.size() + 1 > this.settings.compactionThreshold) {
                compactNow();
                stats.dataset = datasetInfo();
            }
            return null;
        });
    }

    private void clearNow(OperationStats stats) throws IOException {
        this.directory.write(() -> {
            if (this.settings.layout == Layout.SINGLE_FILE) {
                this.directory.deleteDataFile();
                this.directory.discardSpare();
            }
            else if (!this.directory.committedFiles(Layout.MULTI_FILE).isEmpty()) {
                // An empty new generation makes the clear one atomic step; the parts it replaces and then the
                // empty part itself are deleted after the commit.
                Path temp = this.directory.newTempFile();
                try {
                    writeNewFile(temp, List.of(), null);
                    this.directory.commitPart(temp, true);
                    this.directory.deleteParts();
                }
                finally {
                    DatasetDirectory.deleteQuietly(temp);
                }
            }
            stats.dataset = DatasetInfo.absent(target());
            return null;
        });
    }

    /** Merges every part of the multi-file layout into one by chunk copy; the caller holds the write lock. */
    private void compactNow() throws IOException {
        List<Path> files = this.directory.committedFiles(this.settings.layout);
        if (this.settings.layout == Layout.SINGLE_FILE || files.size() <= 1) {
            return;
        }
        Path temp = this.directory.newTempFile();
        try {
            Written written = copyParts(temp, files);
            long bytes = Files.size(temp);
            Path part = this.directory.commitPart(temp, true);
            FooterCache.remember(part, DatasetInfo.of(part, written.footer(), bytes));
        }
        finally {
            DatasetDirectory.deleteQuietly(temp);
        }
    }

    private Written copyParts(Path temp, List<Path> files) throws IOException {
        ParquetMetadata first = readFooter(files.get(0));
        MessageType fileSchema = first.getFileMetaData().getSchema();
        ChannelOutputFile output = this.directory.newOutput(temp);
        try {
            ParquetFileWriter writer = new ParquetFileWriter(output, fileSchema, ParquetFileWriter.Mode.CREATE,
                    this.settings.rowGroupSize, 0, null, writerProperties());
            writer.start();
            Map<String, String> keyValues = Map.of();
            for (Path file : files) {
                try (ChannelInputFile input = ChannelInputFile.open(file);
                        ParquetFileReader reader = openReader(input)) {
                    MessageType schema = reader.getFooter().getFileMetaData().getSchema();
                    if (!schema.equals(fileSchema)) {
                        throw new SchemaMismatchException(file, null, fileSchema.toString(), schema.toString());
                    }
                    copyRowGroups(writer, output, fileSchema, input, reader);
                    output.awaitSplices();
                    keyValues = reader.getFooter().getFileMetaData().getKeyValueMetaData();
                }
            }
            writer.end(FooterMetadata.entries(this.type, fileSchema, keyValues));
            return new Written(writer.getFooter(), 0);
        }
        catch (IOException | RuntimeException | Error ex) {
            output.abort();
            throw ex;
        }
    }

    /**
     * Copies every column chunk of a file byte for byte, with its column index, offset index and bloom filter:
     * stored data is never decoded.
     */
    private static void copyRowGroups(ParquetFileWriter writer, ChannelOutputFile output, MessageType fileSchema,
            ChannelInputFile input, ParquetFileReader reader) throws IOException {
        copyRowGroups(writer, output, fileSchema, input, reader, null, 0);
    }

    /**
     * As above, except that the first {@code kept} row groups are already in the extended output, at the
     * positions {@code keptFooter} gives: the writer records them there, with the indexes shifted to match, and
     * neither reads nor writes their bytes.
     */
    private static void copyRowGroups(ParquetFileWriter writer, ChannelOutputFile output, MessageType fileSchema,
            ChannelInputFile input, ParquetFileReader reader, ParquetMetadata keptFooter, int kept)
            throws IOException {
        List<BlockMetaData> blocks = reader.getFooter().getBlocks();
        try (SeekableInputStream stream = input.newStream()) {
            for (int b = 0; b < blocks.size(); b++) {
                BlockMetaData block = blocks.get(b);
                if (b == kept && keptFooter != null) {
                    output.continueAfterKept();
                }
                writer.startBlock(block.getRowCount());
                for (int c = 0; c < block.getColumns().size(); c++) {
                    ColumnChunkMetaData chunk = block.getColumns().get(c);
                    ColumnDescriptor column = fileSchema.getColumnDescription(chunk.getPath().toArray());
                    var bloomFilter = reader.readBloomFilter(chunk);
                    var columnIndex = reader.readColumnIndex(chunk);
                    var offsetIndex = reader.readOffsetIndex(chunk);
                    input.skipNextRead(chunk.getStartingPos(), chunk.getTotalSize());
                    if (b < kept) {
                        output.keepNext(keptFooter.getBlocks().get(b).getColumns().get(c).getStartingPos(),
                                chunk.getTotalSize());
                    }
                    else {
                        output.spliceNext(input.channel(), chunk.getStartingPos(), chunk.getTotalSize());
                    }
                    writer.appendColumnChunk(column, stream, chunk, bloomFilter, columnIndex, offsetIndex);
                    output.checkSpliced();
                }
                writer.endBlock();
            }
            if (kept == blocks.size() && keptFooter != null) {
                output.continueAfterKept();
            }
        }
    }

    private ParquetMetadata readFooter(Path file) throws IOException {
        try (ChannelInputFile input = ChannelInputFile.open(file); ParquetFileReader reader = openReader(input)) {
            return reader.getFooter();
        }
    }

    /** What writing one file produced. */
    private record Written(ParquetMetadata footer, long rowsWritten) {
    }

    /** Writes a file at a temporary path. */
    @FunctionalInterface
    private interface FileWrite {

        Written write(Path temp) throws IOException;
    }

    /** Writes a temporary file, publishes it atomically, and records what was written. */
    private Void publish(OperationStats stats, FileWrite write) throws IOException {
        return publish(stats, write, false);
    }

    /**
     * As above; with {@code keepSpare} the replaced data file becomes the spare copy, which the written file
     * continues. Otherwise any spare is deleted: a save's file does not continue the old one's row groups, and an
     * instance without the spare copy keeps none.
     */
    private Void publish(OperationStats stats, FileWrite write, boolean keepSpare) throws IOException {
        Path temp = this.directory.newTempFile();
        boolean committed = false;
        try {
            Written written = write.write(temp);
            long bytes = Files.size(temp);
            if (keepSpare) {
                this.directory.commitKeepingSpare(temp);
            }
            else {
                this.directory.commit(temp);
                this.directory.discardSpare();
            }
            committed = true;
            recordWrite(stats, written, bytes, bytes);
            return null;
        }
        finally {
            // After the rename the temporary name is gone; deleting it would only cost a stat.
            if (!committed) {
                DatasetDirectory.deleteQuietly(temp);
            }
        }
    }

    /**
     * Publishes the batches as the single-file layout's new data file, as a save does and as an append onto no
     * data does, with a spare copy beside it unless the spare copy is off or files here cannot be linked.
     */
    private void publishNewFile(OperationStats stats, List<T> batches, HeadStart headStart) throws IOException {
        if (this.settings.spareCopy && this.directory.linksWork()) {
            publishWithSpare(stats, batches, headStart);
        }
        else {
            publish(stats, temp -> writeNewFile(temp, batches, headStart));
        }
    }

    /**
     * Writes the batches into a new data file and the same bytes into a new spare, and publishes both: the first
     * append after the write then extends the spare by its new rows alone, where it would otherwise copy the whole
     * file. The spare is written as the file is, so the disk writes both while the columns encode. A spare that
     * fails, on a full disk say, is deleted and the write goes on without it: the next append then copies.
     */
    private void publishWithSpare(OperationStats stats, List<T> batches, HeadStart headStart) throws IOException {
        Path temp = this.directory.newTempFile();
        Path copy = this.directory.newTempFile();
        boolean committed = false;
        try {
            ChannelOutputFile output = this.directory.newMirroredOutput(temp, copy);
            Written written = writeNewFile(output, batches, this.parquetSchema, this.settings.compression, headStart);
            long bytes = Files.size(temp);
            IOException spareFailure = output.mirrorFailure();
            boolean spareWritten = spareFailure == null;
            if (spareWritten) {
                spareFailure = this.directory.commitWithSpare(temp, copy);
            }
            else {
                this.directory.commit(temp);
                this.directory.discardSpare();
            }
            committed = true;
            recordWrite(stats, written, spareWritten ? 2 * bytes : bytes, bytes);
            if (spareFailure != null) {
                LOGGER.log(System.Logger.Level.WARNING, "the write of " + file() + " is committed without its "
                        + "spare copy; the next append copies the whole file", spareFailure);
            }
        }
        finally {
            if (!committed) {
                DatasetDirectory.deleteQuietly(temp);
            }
            DatasetDirectory.deleteQuietly(copy);
        }
    }

    /** Records what a published data file holds, of whose {@code fileBytes} this write wrote {@code bytesWritten}. */
    private void recordWrite(OperationStats stats, Written written, long bytesWritten, long fileBytes)
            throws IOException {
        stats.rowsWritten = written.rowsWritten();
        stats.bytesWritten = bytesWritten;
        stats.dataset = DatasetInfo.of(file(), written.footer(), fileBytes);
        FooterCache.remember(file(), stats.dataset);
    }

    /** Writes a temporary file and publishes it as the next part of the multi-file layout. */
    private Path publishPart(OperationStats stats, boolean newGeneration, FileWrite write) throws IOException {
        Path temp = this.directory.newTempFile();
        boolean committed = false;
        try {
            Written written = write.write(temp);
            long bytes = Files.size(temp);
            Path part = this.directory.commitPart(temp, newGeneration);
            committed = true;
            FooterCache.remember(part, DatasetInfo.of(part, written.footer(), bytes));
            stats.rowsWritten = written.rowsWritten();
            stats.bytesWritten = bytes;
            stats.dataset = datasetInfo();
            return part;
        }
        finally {
            if (!committed) {
                DatasetDirectory.deleteQuietly(temp);
            }
        }
    }

    private Written writeNewFile(Path temp, List<T> batches, HeadStart headStart) throws IOException {
        return writeNewFile(temp, batches, this.parquetSchema, this.settings.compression, headStart);
    }

    private Written writeNewFile(Path temp, List<T> batches, MessageType schema, Compression codec,
            HeadStart headStart) throws IOException {
        return writeNewFile(this.directory.newOutput(temp), batches, schema, codec, headStart);
    }

    private Written writeNewFile(ChannelOutputFile output, List<T> batches, MessageType schema, Compression codec,
            HeadStart headStart) throws IOException {
        ParquetProperties properties = writerProperties();
        try {
            ParquetFileWriter writer = new ParquetFileWriter(output, schema, ParquetFileWriter.Mode.CREATE,
                    this.settings.rowGroupSize, 0, null, properties);
            writer.start();
            long rows = writeRows(writer, schema, properties, codec, 0, batches, headStart);
            writer.end(FooterMetadata.entries(this.type, schema, Map.of()));
            return new Written(writer.getFooter(), rows);
        }
        catch (IOException | RuntimeException | Error ex) {
            output.abort();
            throw ex;
        }
    }

    /**
     * Writes the batches as new row groups in {@code fileSchema}'s column order. Generated SoA types hand their
     * arrays straight to the column writers; other {@link ToArrow} types go through their Arrow vectors.
     * {@code headStart}, if not {@code null}, is the first batch's first row group, already being encoded; it
     * is used if it was encoded for this schema and codec.
     */
    private long writeRows(ParquetFileWriter writer, MessageType fileSchema, ParquetProperties properties,
            Compression codec, int firstRowGroup, List<T> batches, HeadStart headStart) throws IOException {
        return writeRows(writer, fileSchema, properties, codec, firstRowGroup, batches, headStart,
                ColumnParallelism.cores());
    }

    /** As above, with the new rows encoded by at most {@code poolThreads} pool threads besides this one. */
    private long writeRows(ParquetFileWriter writer, MessageType fileSchema, ParquetProperties properties,
            Compression codec, int firstRowGroup, List<T> batches, HeadStart headStart, int poolThreads)
            throws IOException {
        if (!(this.prototype instanceof DirectColumns<?>)) {
            var compressor = new StandaloneCodecFactory(codec).getCompressor(codec.codec().parquetName());
            return writeBatches(new RowGroupWriter(writer, fileSchema, properties, compressor, this.settings.rowGroupSize,
                    firstRowGroup, file()), batches);
        }
        int[] columnOfField = columnOrder(fileSchema);
        DirectRowGroupWriter rowGroups = directWriter(fileSchema, properties, codec, poolThreads);
        EncodedRowGroup first = (headStart != null) ? headStart.take(fileSchema, codec) : null;
        long rows = 0;
        for (int b = 0; b < batches.size(); b++) {
            EncodedRowGroup encoded = (b == 0) ? first : null;
            ExportedColumns columns = (encoded != null) ? headStart.columns()
                    : ExportedColumns.of((DirectColumns<?>) batches.get(b));
            runChecked(() -> rowGroups.write(writer, columns, columnOfField, encoded));
            rows += columns.size();
        }
        return rows;
    }

    private DirectRowGroupWriter directWriter(MessageType fileSchema, ParquetProperties properties,
            Compression codec, int poolThreads) {
        var compressor = new StandaloneCodecFactory(codec).getCompressor(codec.codec().parquetName());
        return new DirectRowGroupWriter(fileSchema, properties, compressor, this.settings.rowGroupSize, file(),
                poolThreads);
    }

    /** For each column of {@code fileSchema}, the index of the exported column that feeds it. */
    private int[] columnOrder(MessageType fileSchema) {
        int[] columnOfField = new int[fileSchema.getFieldCount()];
        List<String> names = this.arrowFieldNames;
        for (int i = 0; i < columnOfField.length; i++) {
            columnOfField[i] = names.indexOf(fileSchema.getFieldName(i));
        }
        return columnOfField;
    }

    /** A step that may fail with any exception. */
    @FunctionalInterface
    private interface Step {

        void run() throws Exception;
    }

    private static void runChecked(Step step) throws IOException {
        try {
            step.run();
        }
        catch (IOException | RuntimeException ex) {
            throw ex;
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            InterruptedIOException interrupted = new InterruptedIOException("interrupted while encoding columns");
            interrupted.initCause(ex);
            throw interrupted;
        }
        catch (Exception ex) {
            throw new IOException(ex);
        }
    }

    private long writeBatches(RowGroupWriter rowGroups, List<T> batches) throws IOException {
        long rows = 0;
        try (BufferAllocator allocator = Allocators.forOperation("write")) {
            for (T batch : batches) {
                try (VectorSchemaRoot root = batch.toArrow(allocator)) {
                    rowGroups.write(root);
                    rows += root.getRowCount();
                }
            }
            rowGroups.finish();
        }
        return rows;
    }

    /**
     * Appends to the single data file. With a spare copy that holds the data file's leading row groups, the spare
     * is extended with what it lacks and published; otherwise every stored chunk is copied into a new file. Either
     * way the stored chunks are copied byte for byte, with their column indexes, offset indexes and bloom filters,
     * the new rows follow as new row groups in the stored file's schema and codec, and nothing stored is decoded.
     */
    private void appendToSingleFile(List<T> batches, HeadStart headStart, OperationStats stats) throws IOException {
        try (ChannelInputFile input = ChannelInputFile.open(file());
                ParquetFileReader reader = openReader(input)) {
            ParquetMetadata footer = reader.getFooter();
            checkAppendable(footer.getFileMetaData().getSchema(), file());
            FileWrite copy = temp -> appendInto(this.directory.newOutput(temp), input, reader, null, 0, batches,
                    headStart);
            if (!this.settings.spareCopy) {
                publish(stats, copy, false);
                return;
            }
            AppendSpare spare = this.directory.spare();
            AppendSpare.Identity recorded = spare.usable();
            long spareLength = (recorded != null) ? recorded.size() : -1;
            ParquetMetadata spareFooter = (recorded != null) ? spareFooter(spare.spareFile()) : null;
            int shared = (spareFooter != null) ? AppendSpare.sharedRowGroups(spareFooter, spareLength, footer) : -1;
            if (shared < 0) {
                publish(stats, copy, true);
                return;
            }
            boolean committed = false;
            try {
                Written written = appendInto(ChannelOutputFile.extend(spare.spareFile(), spareLength), input, reader,
                        spareFooter, shared, batches, headStart);
                long bytes = Files.size(spare.spareFile());
                this.directory.commitKeepingSpare(spare.spareFile());
                committed = true;
                recordWrite(stats, written, bytes - spareLength, bytes);
            }
            finally {
                if (!committed && !spare.restore(recorded)) {
                    this.directory.discardSpare();
                }
            }
        }
    }

    /** The spare's footer, or {@code null} if it does not read: the append then copies, as without a spare. */
    private ParquetMetadata spareFooter(Path spare) {
        try {
            return readFooter(spare);
        }
        catch (IOException | RuntimeException ex) {
            LOGGER.log(System.Logger.Level.DEBUG, "the spare " + spare + " does not read; copying instead", ex);
            return null;
        }
    }

    /**
     * Writes the data file's chunks and then the new rows to {@code output}. {@code kept} leading row groups
     * are already in the extended file {@code output} at the positions {@code keptFooter} gives; the others are
     * copied.
     */
    private Written appendInto(ChannelOutputFile output, ChannelInputFile input, ParquetFileReader reader,
            ParquetMetadata keptFooter, int kept, List<T> batches, HeadStart headStart) throws IOException {
        ParquetMetadata footer = reader.getFooter();
        MessageType fileSchema = footer.getFileMetaData().getSchema();
        Compression codec = existingCompression(footer, file());
        ParquetProperties properties = writerProperties();
        try {
            ParquetFileWriter writer = new ParquetFileWriter(output, fileSchema, ParquetFileWriter.Mode.CREATE,
                    this.settings.rowGroupSize, 0, null, properties);
            writer.start();
            copyRowGroups(writer, output, fileSchema, input, reader, keptFooter, kept);
            long copied = 0;
            for (int b = kept; b < footer.getBlocks().size(); b++) {
                copied += footer.getBlocks().get(b).getCompressedSize();
            }
            // The kernel copies the stored chunks and the disk writes them while the new rows encode, on
            // a core less than the others: on two cores, rows encoded on both kept the copying and forcing
            // threads waiting, and the disk, which bounds the append, started writing later (traced). A copy
            // too short to be forced ahead is over before the encoding gets going.
            int encoders = (copied >= ForceAhead.AHEAD) ? Math.max(0, ColumnParallelism.cores() - 2)
                    : ColumnParallelism.cores();
            long rows = writeRows(writer, fileSchema, properties, codec, footer.getBlocks().size(), batches,
                    headStart, encoders);
            writer.end(FooterMetadata.entries(this.type, fileSchema, footer.getFileMetaData().getKeyValueMetaData()));
            return new Written(writer.getFooter(), rows);
        }
        catch (IOException | RuntimeException | Error ex) {
            output.abort();
            throw ex;
        }
    }

    /** The stored file's codec, or this instance's when the file has no row groups yet. */
    private Compression existingCompression(ParquetMetadata footer, Path file) {
        for (BlockMetaData block : footer.getBlocks()) {
            for (ColumnChunkMetaData chunk : block.getColumns()) {
                CompressionCodecName name = chunk.getCodec();
                if (name == this.settings.compression.codec().parquetName()) {
                    return this.settings.compression;
                }
                Compression.Codec codec = Compression.Codec.of(name);
                if (codec == null) {
                    throw new io.soapersistence.FormatException(file, "the stored file uses codec " + name
                            + ", which appends cannot continue", null);
                }
                return new Compression(codec, Compression.DEFAULT_LEVEL);
            }
        }
        return this.settings.compression;
    }

    /**
     * Appends must produce a file whose every row group has one schema: the new data must have exactly the
     * stored columns, by name, with the same physical and logical types.
     */
    private void checkAppendable(MessageType fileSchema, Path file) {
        List<String> stored = fileSchema.getFields().stream().map(Type::getName).toList();
        List<String> ours = columnNames();
        if (!new LinkedHashSet<>(stored).equals(new LinkedHashSet<>(ours))) {
            throw new SchemaMismatchException(file, null, "columns " + ours, "columns " + stored);
        }
        for (Type ourType : this.parquetSchema.getFields()) {
            PrimitiveType mine = ourType.asPrimitiveType();
            Type theirs = fileSchema.getType(mine.getName());
            if (!theirs.isPrimitive() || !sameColumnType(mine, theirs.asPrimitiveType())) {
                throw new SchemaMismatchException(file, mine.getName(), ParquetSchemaMapping.describe(mine),
                        theirs.isPrimitive() ? ParquetSchemaMapping.describe(theirs.asPrimitiveType()) : theirs.toString());
            }
        }
    }

    private static boolean sameColumnType(PrimitiveType ours, PrimitiveType stored) {
        if (ours.getPrimitiveTypeName() != stored.getPrimitiveTypeName()
                || ours.getTypeLength() != stored.getTypeLength()) {
            return false;
        }
        // Repetition may differ: rows are written in the stored schema, and a null bound for a REQUIRED stored
        // column fails that append with a TypeConversionException naming the column.
        return normalized(ours).equals(normalized(stored));
    }

    /** A plain INT32 or INT64 means the same as a signed integer annotation of its width. */
    private static Object normalized(PrimitiveType type) {
        LogicalTypeAnnotation annotation = type.getLogicalTypeAnnotation();
        if (annotation == null) {
            return switch (type.getPrimitiveTypeName()) {
                case INT32 -> LogicalTypeAnnotation.intType(32, true);
                case INT64 -> LogicalTypeAnnotation.intType(64, true);
                default -> "none";
            };
        }
        return annotation;
    }

    private List<String> columnNames() {
        return this.parquetSchema.getFields().stream().map(Type::getName).toList();
    }

    private CommittedFiles openCommitted() throws IOException {
        return CommittedFiles.open(this.directory, this.settings.layout, this::openReader);
    }

    private Optional<T> loadNow(OperationStats stats) throws IOException {
        try (CommittedFiles files = openCommitted()) {
            stats.dataset = DatasetInfo.combineOrSingle(target(), files.infos(), this.settings.layout);
            if (files.isEmpty()) {
                return Optional.empty();
            }
            if (this.prototype instanceof DirectColumns<?> direct) {
                return Optional.of(this.type.cast(direct.importColumns(readDirect(files))));
            }
            try (BufferAllocator allocator = Allocators.forOperation("load");
                    VectorSchemaRoot root = readArrow(files, allocator)) {
                return Optional.of(this.prototype.fromArrow(root));
            }
        }
    }

    private List<T> loadBatchesNow(int batchSize, OperationStats stats) throws IOException {
        try (CommittedFiles files = openCommitted()) {
            stats.dataset = DatasetInfo.combineOrSingle(target(), files.infos(), this.settings.layout);
            if (files.isEmpty()) {
                return List.of();
            }
            List<T> batches = new ArrayList<>();
            if (this.prototype instanceof DirectColumns<?> direct) {
                DecodedColumns columns = readDirect(files);
                for (int from = 0; from < columns.size(); from += batchSize) {
                    int length = Math.min(batchSize, columns.size() - from);
                    batches.add(this.type.cast(direct.importColumns(columns.slice(from, length))));
                }
                return batches;
            }
            try (BufferAllocator allocator = Allocators.forOperation("loadBatches");
                    VectorSchemaRoot root = readArrow(files, allocator)) {
                for (int from = 0; from < root.getRowCount(); from += batchSize) {
                    int length = Math.min(batchSize, root.getRowCount() - from);
                    try (VectorSchemaRoot slice = root.slice(from, length)) {
                        batches.add(this.prototype.fromArrow(slice));
                    }
                }
                return batches;
            }
        }
    }

    /** Decodes every committed file straight into one set of arrays, file after file. */
    private DecodedColumns readDirect(CommittedFiles files) throws IOException {
        DecodedColumn[] columns = DirectFileReader.allocate(this.arrowSchema, files.rows(), target());
        // The direct reader decodes each page before it reads the next, so a chunk's pages can share one array.
        ParquetReadOptions options = readOptions(StandaloneCodecFactory.forPageByPageReading());
        int[] offset = {0};
        for (CommittedFiles.Opened file : files) {
            runChecked(() -> offset[0] += DirectFileReader.readInto(file.input(), file.reader().getFooter(),
                    options, this.arrowSchema, file.path(), columns, offset[0]));
        }
        DecodedColumns decoded = new DecodedColumns(columns, offset[0], target());
        decoded.checkNonNullable();
        return decoded;
    }

    /** Reads every committed file into Arrow vectors, concatenated when there are several. */
    private VectorSchemaRoot readArrow(CommittedFiles files, BufferAllocator allocator) throws IOException {
        VectorSchemaRoot combined = null;
        try {
            for (CommittedFiles.Opened file : files) {
                VectorSchemaRoot root = RowGroupReader.readAll(file.reader(), this.arrowSchema, allocator, file.path());
                if (combined == null) {
                    combined = root;
                }
                else {
                    try (root) {
                        VectorSchemaRootAppender.append(false, combined, root);
                    }
                }
            }
            return combined;
        }
        catch (IOException | RuntimeException ex) {
            if (combined != null) {
                combined.close();
            }
            throw ex;
        }
    }

    private DatasetInfo infoNow(OperationStats stats) throws IOException {
        stats.dataset = datasetInfo();
        return stats.dataset;
    }

    /**
     * Describes the dataset from the footer cache: one stat per committed file, and a footer read only for a
     * file not seen before in its current version.
     */
    private DatasetInfo datasetInfo() throws IOException {
        for (int attempt = 1;; attempt++) {
            List<Path> paths = this.directory.committedFiles(this.settings.layout);
            List<DatasetInfo> infos = new ArrayList<>(paths.size());
            try {
                for (Path path : paths) {
                    BasicFileAttributes attributes = Files.readAttributes(path, BasicFileAttributes.class);
                    DatasetInfo cached = FooterCache.lookup(path, attributes);
                    if (cached == null) {
                        try (ChannelInputFile input = ChannelInputFile.open(path);
                                ParquetFileReader reader = openReader(input)) {
                            cached = DatasetInfo.of(path, reader.getFooter(), input.getLength());
                        }
                        FooterCache.rememberIfUnchanged(path, cached, attributes);
                    }
                    infos.add(cached);
                }
                return DatasetInfo.combineOrSingle(target(), infos, this.settings.layout);
            }
            catch (NoSuchFileException ex) {
                // A concurrent writer replaced a listed file: the next listing shows its new version.
                if (attempt == 20) {
                    throw ex;
                }
            }
        }
    }

    /**
     * Every column chunk the footer points at must lie inside the file: a damaged footer would otherwise have
     * a reader allocate and read whatever sizes it claims.
     */
    private static void checkChunkRanges(ParquetMetadata footer, long fileLength, Path file) {
        int rowGroup = 0;
        for (BlockMetaData block : footer.getBlocks()) {
            if (block.getRowCount() < 0) {
                throw new io.soapersistence.CorruptFileException(file, "row group " + rowGroup + " declares "
                        + block.getRowCount() + " rows", null);
            }
            for (ColumnChunkMetaData chunk : block.getColumns()) {
                long start = chunk.getStartingPos();
                long size = chunk.getTotalSize();
                if (start < 4 || size < 0 || start + size > fileLength - 8) {
                    throw new io.soapersistence.CorruptFileException(file, "column chunk '" + chunk.getPath()
                            + "' of row group " + rowGroup + " claims bytes " + start + " to " + (start + size)
                            + ", outside the file's " + fileLength + " bytes", null);
                }
                // A top-level, non-repeated column holds one value or null per row, so its value count must
                // equal the row group's row count; count() reads no pages, so this is its only cross-check.
                if (chunk.getPath().size() == 1
                        && chunk.getPrimitiveType().getRepetition() != org.apache.parquet.schema.Type.Repetition.REPEATED
                        && chunk.getValueCount() != block.getRowCount()) {
                    throw new io.soapersistence.CorruptFileException(file, "column chunk '" + chunk.getPath()
                            + "' of row group " + rowGroup + " holds " + chunk.getValueCount()
                            + " values, but the row group declares " + block.getRowCount() + " rows", null);
                }
            }
            rowGroup++;
        }
    }

    private static ParquetReadOptions readOptions() {
        return readOptions(StandaloneCodecFactory.forReading());
    }

    private static ParquetReadOptions readOptions(StandaloneCodecFactory codecs) {
        return ParquetReadOptions.builder(new PlainParquetConfiguration()).withCodecFactory(codecs).build();
    }

    /**
     * Opens the stored file and parses its footer. A file that fails to parse is reported as corrupt even when
     * the operation is a write, such as an append onto a damaged file.
     */
    private ParquetFileReader openReader(ChannelInputFile input) {
        try {
            ParquetFileReader reader = new ParquetFileReader(input, readOptions());
            try {
                checkChunkRanges(reader.getFooter(), input.getLength(), input.path());
            }
            catch (RuntimeException ex) {
                reader.close();
                throw ex;
            }
            return reader;
        }
        catch (IOException | RuntimeException ex) {
            throw Failures.translate(ex, input.path(), Failures.Stage.READ);
        }
    }

    private ParquetProperties writerProperties() {
        ParquetProperties.Builder builder = ParquetProperties.builder()
            // Version 1 data pages: the page format every reader of the installed base understands.
            .withWriterVersion(ParquetProperties.WriterVersion.PARQUET_1_0)
            .withPageSize(this.settings.pageSize)
            // Sizes are checked when rows end; checking at least once per batch keeps small pages small.
            .withMinRowCountForPageSizeCheck(Math.min(100, RowGroupWriter.batchRows(this.settings.pageSize)))
            .withDictionaryPageSize(Math.max(this.settings.pageSize, DEFAULT_PAGE_SIZE))
            .withDictionaryEncoding(this.settings.dictionaryEncoding)
            // A factory per build: parquet-java's default factory is one static instance that every build()
            // re-initializes with its own settings, so writers with other settings on other threads would change
            // each other's encodings.
            .withValuesWriterFactory(new DictionaryValuesWriterFactory());
        for (String column : this.settings.bloomFilterColumns) {
            builder.withBloomFilterEnabled(column, true);
        }
        return builder.build();
    }

    @Override
    public String toString() {
        return "ParquetPersistence[" + this.type.getSimpleName() + " at " + file() + ", " + this.settings.compression + "]";
    }

    /**
     * Reads the rows that match {@code filter}, as the stored type. Row groups and pages that cannot match are
     * skipped by statistics, dictionaries, bloom filters and column indexes; every row read is re-checked, so
     * the result is exact. Needs a generated SoA type.
     * <pre>{@code
     * OrderSoA shipped = orders.select(OrderSoA.STATUS.eq(OrderStatus.SHIPPED)
     *         .and(OrderSoA.ORDER_ID.between(1_000, 2_000))).join();
     * }</pre>
     *
     * @param filter the rows to keep; {@link Filter#all()} for every row
     * @return a future of the matching rows in file order; empty when nothing matches or nothing is stored.
     *     It fails with a {@link io.soapersistence.ColumnNotFoundException} or {@link SchemaMismatchException}
     *     when the filter names a column the type or the file lacks or has with another type, checked
     *     before any data is read
     * @throws IllegalArgumentException if the stored type is not a generated SoA type
     */
    public CompletableFuture<T> select(Filter filter) {
        return select(filter, this.type);
    }

    /**
     * Reads the rows that match {@code filter}, as a smaller SoA type whose columns are a subset of the stored
     * type's, matched by name. Only the projected columns and those the filter tests are read and decompressed.
     *
     * @param <P> the projection type
     * @param filter the rows to keep; {@link Filter#all()} for every row
     * @param projection a generated SoA type with some of the stored columns, of the same types
     * @return a future of the matching rows, as for {@link #select(Filter)}; it also fails when a projected
     *     column is not a column of the stored type of the same type
     * @throws IllegalArgumentException if the projection is not a generated SoA type with a public no-argument
     *     constructor
     */
    public <P extends ToArrow<P>> CompletableFuture<P> select(Filter filter, Class<P> projection) {
        return select(filter, projection, QueryTrace.discard());
    }

    /**
     * Hands the rows that match {@code filter} to {@code batchConsumer} in batches of at most {@code batchSize}
     * rows, row group by row group, so that memory stays bounded by one row group whatever the file's size.
     * Batches arrive in file order on the executor's thread; concatenated they equal {@link #select(Filter)}.
     *
     * @param filter the rows to keep; {@link Filter#all()} for every row
     * @param batchSize the most rows per batch, at least 1
     * @param batchConsumer receives each batch, which it may keep
     * @return a future that completes after the last batch; it fails as {@link #select(Filter)} does, or with a
     *     {@link PersistenceCancelledException} caused by the consumer's exception if the consumer throws, which
     *     stops the scan
     * @throws IllegalArgumentException if {@code batchSize} is less than 1 or the type is not a generated SoA type
     */
    public CompletableFuture<Void> scan(Filter filter, int batchSize, Consumer<? super T> batchConsumer) {
        return scan(filter, this.type, batchSize, batchConsumer);
    }

    /**
     * Hands the rows that match {@code filter} to {@code batchConsumer} as a projection, in batches of at most
     * {@code batchSize} rows, as {@link #scan(Filter, int, Consumer)} does.
     *
     * @param <P> the projection type
     * @param filter the rows to keep; {@link Filter#all()} for every row
     * @param projection a generated SoA type with some of the stored columns, of the same types
     * @param batchSize the most rows per batch, at least 1
     * @param batchConsumer receives each batch, which it may keep
     * @return a future that completes after the last batch
     * @throws IllegalArgumentException if {@code batchSize} is less than 1 or the projection is not a generated
     *     SoA type
     */
    public <P extends ToArrow<P>> CompletableFuture<Void> scan(Filter filter, Class<P> projection, int batchSize,
            Consumer<? super P> batchConsumer) {
        return scan(filter, projection, batchSize, batchConsumer, QueryTrace.discard());
    }

    <P extends ToArrow<P>> CompletableFuture<P> select(Filter filter, Class<P> projection, QueryTrace trace) {
        Objects.requireNonNull(filter, "filter");
        DirectColumns<?> empty = queryPrototype(projection);
        return submit(Operation.SELECT, stats -> {
            QueryPlan plan = QueryPlan.of(this.arrowSchema, filter, empty.arrowSchema(), target());
            List<MatchedRows> parts = new ArrayList<>();
            queryNow(plan, stats, trace, parts::add);
            MatchedRows all = MatchedRows.concat(parts, plan.fields().subList(0, plan.projected()));
            return projection.cast(empty.importColumns(all.toSource(target())));
        });
    }

    <P extends ToArrow<P>> CompletableFuture<Void> scan(Filter filter, Class<P> projection, int batchSize,
            Consumer<? super P> batchConsumer, QueryTrace trace) {
        Objects.requireNonNull(filter, "filter");
        Objects.requireNonNull(batchConsumer, "batchConsumer");
        if (batchSize < 1) {
            throw new IllegalArgumentException("batch size must be at least 1, but was " + batchSize);
        }
        DirectColumns<?> empty = queryPrototype(projection);
        return submit(Operation.SCAN, stats -> {
            QueryPlan plan = QueryPlan.of(this.arrowSchema, filter, empty.arrowSchema(), target());
            queryNow(plan, stats, trace, rows -> {
                for (int from = 0; from < rows.size(); from += batchSize) {
                    MatchedRows batch = rows.slice(from, Math.min(batchSize, rows.size() - from));
                    P soa = projection.cast(empty.importColumns(batch.toSource(target())));
                    try {
                        batchConsumer.accept(soa);
                    }
                    catch (RuntimeException ex) {
                        throw new PersistenceCancelledException(target(), "the batch consumer failed, so the scan "
                                + "stopped: " + ex, ex);
                    }
                }
            });
            return null;
        });
    }

    private static DirectColumns<?> queryPrototype(Class<?> projection) {
        Object instance = instantiate(projection);
        if (!(instance instanceof DirectColumns<?> direct)) {
            throw new IllegalArgumentException("queries need a generated SoA type; " + projection.getName()
                    + " does not implement " + DirectColumns.class.getName());
        }
        return direct;
    }

    /**
     * Feeds the matching rows of every committed file to {@code sink}, file after file; feeds nothing when no
     * file is stored.
     */
    private void queryNow(QueryPlan plan, OperationStats stats, QueryTrace trace, FilteredScan.Sink sink)
            throws Exception {
        try (CommittedFiles files = openCommitted()) {
            stats.dataset = DatasetInfo.combineOrSingle(target(), files.infos(), this.settings.layout);
            for (CommittedFiles.Opened file : files) {
                FilteredScan.run(file.input(), file.reader().getFooter(), plan, file.path(), trace, sink);
            }
        }
    }
}
