package io.soapersistence.parquet;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
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

    private static final System.Logger LOGGER = System.getLogger(ParquetPersistence.class.getName());

    private final Class<T> type;

    private final T prototype;

    private final Schema arrowSchema;

    private final MessageType parquetSchema;

    private final List<String> arrowFieldNames;

    private final DatasetDirectory directory;

    private final Compression compression;

    private final int pageSize;

    private final long rowGroupSize;

    private final boolean dictionaryEncoding;

    private final Set<String> bloomFilterColumns;

    private final Executor executor;

    private final Duration lockTimeout;

    private final PersistenceListener listener;

    /**
     * Creates persistence for {@code type} in {@code directory}, with SNAPPY, 1 MiB pages, 128 MiB row groups,
     * dictionary encoding, no bloom filters and the library's own I/O executor. Nothing is touched on disk
     * until the first operation.
     *
     * @param type the SoA class, generated or hand-written, with a public no-argument constructor
     * @param directory the dataset directory; the data lives in {@code directory/data.parquet}
     * @throws IllegalArgumentException if the type cannot be instantiated or has a column Parquet cannot hold
     */
    public ParquetPersistence(Class<T> type, Path directory) {
        this(type, instantiate(type), new DatasetDirectory(directory, DEFAULT_LOCK_TIMEOUT), Compression.DEFAULT,
                DEFAULT_PAGE_SIZE, DEFAULT_ROW_GROUP_SIZE, true, Set.of(), DefaultExecutor.instance(),
                DEFAULT_LOCK_TIMEOUT, PersistenceListener.NONE);
    }

    private ParquetPersistence(Class<T> type, T prototype, DatasetDirectory directory, Compression compression,
            int pageSize, long rowGroupSize, boolean dictionaryEncoding, Set<String> bloomFilterColumns,
            Executor executor, Duration lockTimeout, PersistenceListener listener) {
        this.type = type;
        this.prototype = prototype;
        this.arrowSchema = prototype.arrowSchema();
        this.parquetSchema = ParquetSchemaMapping.toParquet(this.arrowSchema);
        this.arrowFieldNames = prototype.arrowFieldNames();
        this.directory = directory;
        this.compression = compression;
        this.pageSize = pageSize;
        this.rowGroupSize = rowGroupSize;
        this.dictionaryEncoding = dictionaryEncoding;
        this.bloomFilterColumns = bloomFilterColumns;
        this.executor = executor;
        this.lockTimeout = lockTimeout;
        this.listener = listener;
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

    private ParquetPersistence<T> with(Compression compression, int pageSize, long rowGroupSize,
            boolean dictionaryEncoding, Set<String> bloomFilterColumns, Executor executor, Duration lockTimeout,
            PersistenceListener listener) {
        DatasetDirectory dir = lockTimeout.equals(this.lockTimeout) ? this.directory
                : new DatasetDirectory(this.directory.directory(), lockTimeout);
        return new ParquetPersistence<>(this.type, this.prototype, dir, compression, pageSize, rowGroupSize,
                dictionaryEncoding, bloomFilterColumns, executor, lockTimeout, listener);
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
        return with(compression, this.pageSize, this.rowGroupSize, this.dictionaryEncoding, this.bloomFilterColumns,
                this.executor, this.lockTimeout, this.listener);
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
        return with(this.compression, bytes, this.rowGroupSize, this.dictionaryEncoding, this.bloomFilterColumns,
                this.executor, this.lockTimeout, this.listener);
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
        return with(this.compression, this.pageSize, bytes, this.dictionaryEncoding, this.bloomFilterColumns,
                this.executor, this.lockTimeout, this.listener);
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
        return with(this.compression, this.pageSize, this.rowGroupSize, enabled, this.bloomFilterColumns,
                this.executor, this.lockTimeout, this.listener);
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
        return with(this.compression, this.pageSize, this.rowGroupSize, this.dictionaryEncoding, Set.copyOf(names),
                this.executor, this.lockTimeout, this.listener);
    }

    /**
     * Returns a copy that runs its operations on {@code executor}.
     *
     * @param executor where blocking I/O runs; never the caller's thread unless the executor chooses so
     * @return a new instance; this one is unchanged
     */
    public ParquetPersistence<T> withExecutor(Executor executor) {
        Objects.requireNonNull(executor, "executor");
        return with(this.compression, this.pageSize, this.rowGroupSize, this.dictionaryEncoding,
                this.bloomFilterColumns, executor, this.lockTimeout, this.listener);
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
        return with(this.compression, this.pageSize, this.rowGroupSize, this.dictionaryEncoding,
                this.bloomFilterColumns, this.executor, timeout, this.listener);
    }

    /**
     * Returns a copy that reports every operation to {@code listener}, replacing any listener set before.
     *
     * @param listener the listener, for metrics or tracing
     * @return a new instance; this one is unchanged
     */
    public ParquetPersistence<T> withListener(PersistenceListener listener) {
        Objects.requireNonNull(listener, "listener");
        return with(this.compression, this.pageSize, this.rowGroupSize, this.dictionaryEncoding,
                this.bloomFilterColumns, this.executor, this.lockTimeout, listener);
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
     * The data file, {@code directory()/data.parquet}.
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
        return this.compression;
    }

    /**
     * The target data page size.
     *
     * @return bytes
     */
    public int pageSize() {
        return this.pageSize;
    }

    /**
     * The target row group size.
     *
     * @return bytes
     */
    public long rowGroupSize() {
        return this.rowGroupSize;
    }

    /**
     * Whether columns are dictionary-encoded.
     *
     * @return {@code true} by default
     */
    public boolean dictionaryEncoding() {
        return this.dictionaryEncoding;
    }

    /**
     * The columns that get bloom filters.
     *
     * @return an unmodifiable set, empty by default
     */
    public Set<String> bloomFilterColumns() {
        return this.bloomFilterColumns;
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
            this.directory.write(this.directory::deleteDataFile);
            stats.dataset = DatasetInfo.absent(file());
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
     * How long a writer waits for another writer of the same dataset.
     *
     * @return the lock timeout, 30 seconds by default
     */
    public Duration lockTimeout() {
        return this.lockTimeout;
    }

    /**
     * Where operations run.
     *
     * @return the executor, the library's own I/O pool by default
     */
    public Executor executor() {
        return this.executor;
    }

    /** The body of an operation, run on the executor. */
    @FunctionalInterface
    private interface Work<R> {

        R run(OperationStats stats) throws Exception;
    }

    private <R> CompletableFuture<R> submit(Operation operation, Work<R> work) {
        Path file = file();
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
            }, this.executor);
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
            return this.listener.started(this, operation);
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

    private void saveNow(List<T> batches, OperationStats stats) throws IOException {
        this.directory.write(() -> publish(stats, temp -> writeNewFile(temp, batches)));
    }

    private void appendNow(List<T> batches, OperationStats stats) throws IOException {
        this.directory.write(() -> publish(stats, temp -> Files.exists(file()) ? appendToCopy(temp, batches)
                : writeNewFile(temp, batches)));
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
        Path temp = this.directory.newTempFile();
        try {
            Written written = write.write(temp);
            long bytes = Files.size(temp);
            this.directory.commit(temp);
            stats.rowsWritten = written.rowsWritten();
            stats.bytesWritten = bytes;
            stats.dataset = DatasetInfo.of(file(), written.footer(), bytes);
            return null;
        }
        finally {
            DatasetDirectory.deleteQuietly(temp);
        }
    }

    private Written writeNewFile(Path temp, List<T> batches) throws IOException {
        ParquetProperties properties = writerProperties();
        ChannelOutputFile output = new ChannelOutputFile(temp);
        try {
            ParquetFileWriter writer = new ParquetFileWriter(output, this.parquetSchema, ParquetFileWriter.Mode.CREATE,
                    this.rowGroupSize, 0, null, properties);
            writer.start();
            long rows = writeRows(writer, this.parquetSchema, properties, this.compression, 0, batches);
            writer.end(FooterMetadata.entries(this.type, this.parquetSchema, Map.of()));
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
     */
    private long writeRows(ParquetFileWriter writer, MessageType fileSchema, ParquetProperties properties,
            Compression codec, int firstRowGroup, List<T> batches) throws IOException {
        var compressor = new StandaloneCodecFactory(codec).getCompressor(codec.codec().parquetName());
        if (!(this.prototype instanceof DirectColumns<?>)) {
            return writeBatches(new RowGroupWriter(writer, fileSchema, properties, compressor, this.rowGroupSize,
                    firstRowGroup, file()), batches);
        }
        int[] columnOfField = new int[fileSchema.getFieldCount()];
        List<String> names = this.arrowFieldNames;
        for (int i = 0; i < columnOfField.length; i++) {
            columnOfField[i] = names.indexOf(fileSchema.getFieldName(i));
        }
        DirectRowGroupWriter rowGroups = new DirectRowGroupWriter(writer, fileSchema, properties, compressor,
                this.rowGroupSize, file());
        long rows = 0;
        for (T batch : batches) {
            ExportedColumns columns = ExportedColumns.of((DirectColumns<?>) batch);
            runChecked(() -> rowGroups.write(columns, columnOfField));
            rows += columns.size();
        }
        return rows;
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
     * Copies the existing column chunks byte for byte, with their column indexes, offset indexes and bloom
     * filters, into a new file, then adds the new rows as new row groups in the existing file's schema and
     * codec. Existing data is never decoded.
     */
    private Written appendToCopy(Path temp, List<T> batches) throws IOException {
        try (ChannelInputFile input = ChannelInputFile.open(file());
                ParquetFileReader reader = openReader(input)) {
            ParquetMetadata footer = reader.getFooter();
            MessageType fileSchema = footer.getFileMetaData().getSchema();
            checkAppendable(fileSchema);
            Compression codec = existingCompression(footer);
            ParquetProperties properties = writerProperties();
            ChannelOutputFile output = new ChannelOutputFile(temp);
            try {
                ParquetFileWriter writer = new ParquetFileWriter(output, fileSchema, ParquetFileWriter.Mode.CREATE,
                        this.rowGroupSize, 0, null, properties);
                writer.start();
                try (SeekableInputStream stream = input.newStream()) {
                    for (BlockMetaData block : footer.getBlocks()) {
                        writer.startBlock(block.getRowCount());
                        for (ColumnChunkMetaData chunk : block.getColumns()) {
                            ColumnDescriptor column = fileSchema.getColumnDescription(chunk.getPath().toArray());
                            writer.appendColumnChunk(column, stream, chunk, reader.readBloomFilter(chunk),
                                    reader.readColumnIndex(chunk), reader.readOffsetIndex(chunk));
                        }
                        writer.endBlock();
                    }
                }
                long rows = writeRows(writer, fileSchema, properties, codec, footer.getBlocks().size(), batches);
                writer.end(FooterMetadata.entries(this.type, fileSchema,
                        footer.getFileMetaData().getKeyValueMetaData()));
                return new Written(writer.getFooter(), rows);
            }
            catch (IOException | RuntimeException | Error ex) {
                output.abort();
                throw ex;
            }
        }
    }

    /** The stored file's codec, or this instance's when the file has no row groups yet. */
    private Compression existingCompression(ParquetMetadata footer) {
        for (BlockMetaData block : footer.getBlocks()) {
            for (ColumnChunkMetaData chunk : block.getColumns()) {
                CompressionCodecName name = chunk.getCodec();
                if (name == this.compression.codec().parquetName()) {
                    return this.compression;
                }
                Compression.Codec codec = Compression.Codec.of(name);
                if (codec == null) {
                    throw new io.soapersistence.FormatException(file(), "the stored file uses codec " + name
                            + ", which appends cannot continue", null);
                }
                return new Compression(codec, Compression.DEFAULT_LEVEL);
            }
        }
        return this.compression;
    }

    /**
     * Appends must produce a file whose every row group has one schema: the new data must have exactly the
     * stored columns, by name, with the same physical and logical types.
     */
    private void checkAppendable(MessageType fileSchema) {
        List<String> stored = fileSchema.getFields().stream().map(Type::getName).toList();
        List<String> ours = columnNames();
        if (!new LinkedHashSet<>(stored).equals(new LinkedHashSet<>(ours))) {
            throw new SchemaMismatchException(file(), null, "columns " + ours, "columns " + stored);
        }
        for (Type ourType : this.parquetSchema.getFields()) {
            PrimitiveType mine = ourType.asPrimitiveType();
            Type theirs = fileSchema.getType(mine.getName());
            if (!theirs.isPrimitive() || !sameColumnType(mine, theirs.asPrimitiveType())) {
                throw new SchemaMismatchException(file(), mine.getName(), ParquetSchemaMapping.describe(mine),
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

    private Optional<T> loadNow(OperationStats stats) throws IOException {
        try (ChannelInputFile input = openIfExists()) {
            if (input == null) {
                stats.dataset = DatasetInfo.absent(file());
                return Optional.empty();
            }
            try (ParquetFileReader reader = openReader(input)) {
                stats.dataset = DatasetInfo.of(file(), reader.getFooter(), input.getLength());
                if (this.prototype instanceof DirectColumns<?> direct) {
                    DecodedColumns columns = readDirect(reader);
                    return Optional.of(this.type.cast(direct.importColumns(columns)));
                }
                try (BufferAllocator allocator = Allocators.forOperation("load");
                        VectorSchemaRoot root = RowGroupReader.readAll(reader, this.arrowSchema, allocator, file())) {
                    return Optional.of(this.prototype.fromArrow(root));
                }
            }
        }
    }

    private List<T> loadBatchesNow(int batchSize, OperationStats stats) throws IOException {
        try (ChannelInputFile input = openIfExists()) {
            if (input == null) {
                stats.dataset = DatasetInfo.absent(file());
                return List.of();
            }
            try (ParquetFileReader reader = openReader(input)) {
                stats.dataset = DatasetInfo.of(file(), reader.getFooter(), input.getLength());
                if (this.prototype instanceof DirectColumns<?> direct) {
                    DecodedColumns columns = readDirect(reader);
                    List<T> batches = new ArrayList<>();
                    for (int from = 0; from < columns.size(); from += batchSize) {
                        int length = Math.min(batchSize, columns.size() - from);
                        batches.add(this.type.cast(direct.importColumns(columns.slice(from, length))));
                    }
                    return batches;
                }
                return loadArrowBatches(reader, batchSize);
            }
        }
    }

    private DecodedColumns readDirect(ParquetFileReader reader) throws IOException {
        DecodedColumns[] result = new DecodedColumns[1];
        runChecked(() -> result[0] = DirectFileReader.readAll(reader, this.arrowSchema, file()));
        return result[0];
    }

    private List<T> loadArrowBatches(ParquetFileReader reader, int batchSize) throws IOException {
        try (BufferAllocator allocator = Allocators.forOperation("loadBatches");
                VectorSchemaRoot root = RowGroupReader.readAll(reader, this.arrowSchema, allocator, file())) {
            List<T> batches = new ArrayList<>();
            for (int from = 0; from < root.getRowCount(); from += batchSize) {
                int length = Math.min(batchSize, root.getRowCount() - from);
                try (VectorSchemaRoot slice = root.slice(from, length)) {
                    batches.add(this.prototype.fromArrow(slice));
                }
            }
            return batches;
        }
    }

    private DatasetInfo infoNow(OperationStats stats) throws IOException {
        try (ChannelInputFile input = openIfExists()) {
            if (input == null) {
                stats.dataset = DatasetInfo.absent(file());
            }
            else {
                try (ParquetFileReader reader = openReader(input)) {
                    stats.dataset = DatasetInfo.of(file(), reader.getFooter(), input.getLength());
                }
            }
            return stats.dataset;
        }
    }

    /** Opens the data file, or returns {@code null} when there is none: a concurrent clear is not an error. */
    private ChannelInputFile openIfExists() throws IOException {
        try {
            return ChannelInputFile.open(file());
        }
        catch (NoSuchFileException ex) {
            return null;
        }
    }

    /**
     * Opens the stored file and parses its footer. A file that fails to parse is reported as corrupt even when
     * the operation is a write, such as an append onto a damaged file.
     */
    private ParquetFileReader openReader(ChannelInputFile input) {
        ParquetReadOptions options = ParquetReadOptions.builder(new PlainParquetConfiguration())
            .withCodecFactory(StandaloneCodecFactory.forReading())
            .build();
        try {
            return new ParquetFileReader(input, options);
        }
        catch (IOException | RuntimeException ex) {
            throw Failures.translate(ex, file(), Failures.Stage.READ);
        }
    }

    private ParquetProperties writerProperties() {
        ParquetProperties.Builder builder = ParquetProperties.builder()
            // Version 1 data pages: the page format every reader of the installed base understands.
            .withWriterVersion(ParquetProperties.WriterVersion.PARQUET_1_0)
            .withPageSize(this.pageSize)
            // Sizes are checked when rows end; checking at least once per batch keeps small pages small.
            .withMinRowCountForPageSizeCheck(Math.min(100, RowGroupWriter.batchRows(this.pageSize)))
            .withDictionaryPageSize(Math.max(this.pageSize, DEFAULT_PAGE_SIZE))
            .withDictionaryEncoding(this.dictionaryEncoding);
        for (String column : this.bloomFilterColumns) {
            builder.withBloomFilterEnabled(column, true);
        }
        return builder.build();
    }

    @Override
    public String toString() {
        return "ParquetPersistence[" + this.type.getSimpleName() + " at " + file() + ", " + this.compression + "]";
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
            QueryPlan plan = QueryPlan.of(this.arrowSchema, filter, empty.arrowSchema(), file());
            List<MatchedRows> parts = new ArrayList<>();
            queryNow(plan, stats, trace, parts::add);
            MatchedRows all = MatchedRows.concat(parts, plan.fields().subList(0, plan.projected()));
            return projection.cast(empty.importColumns(all.toSource(file())));
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
            QueryPlan plan = QueryPlan.of(this.arrowSchema, filter, empty.arrowSchema(), file());
            queryNow(plan, stats, trace, rows -> {
                for (int from = 0; from < rows.size(); from += batchSize) {
                    MatchedRows batch = rows.slice(from, Math.min(batchSize, rows.size() - from));
                    P soa = projection.cast(empty.importColumns(batch.toSource(file())));
                    try {
                        batchConsumer.accept(soa);
                    }
                    catch (RuntimeException ex) {
                        throw new PersistenceCancelledException(file(), "the batch consumer failed, so the scan "
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

    /** Feeds the matching rows of the stored file to {@code sink}; feeds nothing when no file is stored. */
    private void queryNow(QueryPlan plan, OperationStats stats, QueryTrace trace, FilteredScan.Sink sink)
            throws Exception {
        try (ChannelInputFile input = openIfExists()) {
            if (input == null) {
                stats.dataset = DatasetInfo.absent(file());
                return;
            }
            ParquetMetadata footer;
            try (ParquetFileReader reader = openReader(input)) {
                footer = reader.getFooter();
                stats.dataset = DatasetInfo.of(file(), footer, input.getLength());
            }
            FilteredScan.run(input, footer, plan, file(), trace, sink);
        }
    }
}
