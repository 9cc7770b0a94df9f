package io.soapersistence.parquet;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.IntStream;

import io.soapersistence.SchemaMismatchException;
import io.soapersistence.ToArrow;
import io.soapersistence.fixtures.AllTypesSoA;
import io.soapersistence.fixtures.OrderSoA;
import io.soapersistence.fixtures.RandomRows;
import io.soapersistence.fixtures.SensorReadings;
import io.soapersistence.fixtures.TradeSoA;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.Schema;
import org.apache.parquet.ParquetReadOptions;
import org.apache.parquet.column.Encoding;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.metadata.BlockMetaData;
import org.apache.parquet.hadoop.metadata.ColumnChunkMetaData;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.hadoop.metadata.ParquetMetadata;
import org.apache.parquet.internal.column.columnindex.OffsetIndex;
import org.apache.parquet.schema.ColumnOrder;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType;
import org.apache.parquet.schema.Type;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class ParquetPersistenceTest {

    @TempDir
    Path dir;

    static List<Compression> codecs() {
        return List.of(Compression.snappy(), Compression.gzip(), Compression.gzip(9), Compression.zstd(),
                Compression.zstd(19), Compression.lz4(), Compression.brotli(), Compression.brotli(11),
                Compression.uncompressed());
    }

    private AllTypesSoA allTypes(long seed, int rows) {
        RandomRows random = new RandomRows(seed);
        AllTypesSoA soa = new AllTypesSoA();
        for (int i = 0; i < rows; i++) {
            soa.add(random.allTypes());
        }
        return soa;
    }

    private OrderSoA orders(long firstId, int rows) {
        RandomRows random = new RandomRows(firstId);
        OrderSoA soa = new OrderSoA();
        for (int i = 0; i < rows; i++) {
            soa.add(random.order(firstId + i));
        }
        return soa;
    }

    private ParquetMetadata footer(Path file) throws IOException {
        try (ChannelInputFile input = ChannelInputFile.open(file);
                ParquetFileReader reader = new ParquetFileReader(input,
                        ParquetReadOptions.builder(new PlainParquetConfiguration())
                            .withCodecFactory(StandaloneCodecFactory.forReading())
                            .build())) {
            return reader.getFooter();
        }
    }

    /**
     * A load decompresses all pages of a column chunk into one array: pages of every size, each after a
     * dictionary page, must come back whole whatever the codec.
     */
    @ParameterizedTest
    @MethodSource("codecs")
    void manySmallPagesOfEveryTypeRoundTripInEveryCodec(Compression compression) throws IOException {
        AllTypesSoA data = allTypes(compression.hashCode() + 1L, 4000);
        ParquetPersistence<AllTypesSoA> persistence = new ParquetPersistence<>(AllTypesSoA.class, this.dir)
            .withCompression(compression)
            .withPageSize(512);

        persistence.save(data).join();

        assertThat(persistence.load().join()).contains(data);
        try (ChannelInputFile input = ChannelInputFile.open(this.dir.resolve("data.parquet"));
                ParquetFileReader reader = new ParquetFileReader(input, ParquetReadOptions
                    .builder(new PlainParquetConfiguration()).withCodecFactory(StandaloneCodecFactory.forReading())
                    .build())) {
            for (ColumnChunkMetaData chunk : reader.getFooter().getBlocks().get(0).getColumns()) {
                assertThat(reader.readOffsetIndex(chunk).getPageCount()).as("pages of %s", chunk.getPath())
                    .isGreaterThan(1);
            }
        }
    }

    @ParameterizedTest
    @MethodSource("codecs")
    void everyTypeRoundTripsWithNullsInEveryCodec(Compression compression) throws IOException {
        AllTypesSoA data = allTypes(compression.hashCode(), 500);
        ParquetPersistence<AllTypesSoA> persistence = new ParquetPersistence<>(AllTypesSoA.class, this.dir)
            .withCompression(compression);

        persistence.save(data).join();

        assertThat(persistence.load().join()).contains(data);
        for (BlockMetaData block : footer(this.dir.resolve("data.parquet")).getBlocks()) {
            for (ColumnChunkMetaData chunk : block.getColumns()) {
                assertThat(chunk.getCodec()).isEqualTo(compression.codec().parquetName());
            }
        }
    }

    @Test
    void storesTheDataInDataParquetUnderTheBaseDirectory() {
        ParquetPersistence<OrderSoA> persistence = new ParquetPersistence<>(OrderSoA.class, this.dir.resolve("orders"));
        persistence.save(orders(1, 10)).join();
        assertThat(this.dir.resolve("orders/data.parquet")).isRegularFile();
        assertThat(persistence.file()).isEqualTo(this.dir.resolve("orders/data.parquet").toAbsolutePath());
    }

    @Test
    void missingDatasetLoadsEmptyAndCountsZero() {
        ParquetPersistence<OrderSoA> persistence = new ParquetPersistence<>(OrderSoA.class, this.dir.resolve("none"));
        assertThat(persistence.load().join()).isEmpty();
        assertThat(persistence.loadBatches(10).join()).isEmpty();
        assertThat(persistence.count().join()).isZero();
        assertThat(persistence.isEmpty().join()).isTrue();
        assertThat(persistence.query(orders -> true).join()).isEmpty();
        assertThat(persistence.info().join().exists()).isFalse();
    }

    @Test
    void zeroRowsRoundTrip() {
        ParquetPersistence<AllTypesSoA> persistence = new ParquetPersistence<>(AllTypesSoA.class, this.dir);
        persistence.save(new AllTypesSoA()).join();
        assertThat(persistence.load().join()).contains(new AllTypesSoA());
        assertThat(persistence.count().join()).isZero();
        assertThat(persistence.isEmpty().join()).isTrue();
    }

    @Test
    void saveReplacesTheStoredData() {
        ParquetPersistence<OrderSoA> persistence = new ParquetPersistence<>(OrderSoA.class, this.dir);
        persistence.save(orders(1, 100)).join();
        OrderSoA second = orders(1000, 7);
        persistence.save(second).join();
        assertThat(persistence.load().join()).contains(second);
        assertThat(persistence.count().join()).isEqualTo(7);
    }

    @Test
    void appendAddsRowsAfterTheStoredOnes() {
        ParquetPersistence<OrderSoA> persistence = new ParquetPersistence<>(OrderSoA.class, this.dir);
        OrderSoA first = orders(1, 300);
        OrderSoA second = orders(301, 200);
        persistence.append(first).join();
        persistence.append(second).join();

        OrderSoA expected = new OrderSoA();
        expected.addAll(first);
        expected.addAll(second);
        assertThat(persistence.load().join()).contains(expected);
        assertThat(persistence.count().join()).isEqualTo(500);
    }

    @Test
    void appendKeepsTheStoredCodecAndCopiesIndexes() throws IOException {
        new ParquetPersistence<>(OrderSoA.class, this.dir).withCompression(Compression.zstd(5))
            .save(orders(1, 1000)).join();
        ParquetPersistence<OrderSoA> gzipInstance = new ParquetPersistence<>(OrderSoA.class, this.dir)
            .withCompression(Compression.gzip());
        gzipInstance.append(orders(1001, 1000)).join();

        ParquetMetadata footer = footer(this.dir.resolve("data.parquet"));
        assertThat(footer.getBlocks()).hasSize(2);
        for (BlockMetaData block : footer.getBlocks()) {
            for (ColumnChunkMetaData chunk : block.getColumns()) {
                assertThat(chunk.getCodec()).isEqualTo(CompressionCodecName.ZSTD);
                assertThat(chunk.getColumnIndexReference()).as("column index of %s", chunk.getPath()).isNotNull();
                assertThat(chunk.getOffsetIndexReference()).as("offset index of %s", chunk.getPath()).isNotNull();
            }
        }
        assertThat(gzipInstance.count().join()).isEqualTo(2000);
        assertThat(gzipInstance.load().join().orElseThrow().get(1500).orderId()).isEqualTo(1501);
    }

    @Test
    void appendKeepsBloomFiltersOfCopiedChunks() throws IOException {
        // parquet-java writes no bloom filter for a chunk that is wholly dictionary-encoded: the dictionary
        // already answers equality lookups. Without dictionaries every chunk of the column carries one.
        ParquetPersistence<OrderSoA> persistence = new ParquetPersistence<>(OrderSoA.class, this.dir)
            .withDictionaryEncoding(false)
            .withBloomFilterColumns(List.of("customer_id"));
        persistence.save(orders(1, 500)).join();
        persistence.append(orders(501, 500)).join();
        for (BlockMetaData block : footer(this.dir.resolve("data.parquet")).getBlocks()) {
            for (ColumnChunkMetaData chunk : block.getColumns()) {
                boolean bloom = chunk.getBloomFilterOffset() >= 0;
                assertThat(bloom).as("bloom filter on %s", chunk.getPath())
                    .isEqualTo(chunk.getPath().toDotString().equals("customer_id"));
            }
        }
    }

    @Test
    void appendRejectsDataOfAnotherSchema() throws IOException {
        new ParquetPersistence<>(OrderSoA.class, this.dir).save(orders(1, 10)).join();
        byte[] before = Files.readAllBytes(this.dir.resolve("data.parquet"));

        Throwable failure = Futures.failure(new ParquetPersistence<>(TradeSoA.class, this.dir).append(new TradeSoA()));

        assertThat(failure).isInstanceOf(SchemaMismatchException.class)
            .hasMessageContaining(this.dir.resolve("data.parquet").toString())
            .hasMessageContaining("trade_id")
            .hasMessageContaining("order_id");
        assertThat(Files.readAllBytes(this.dir.resolve("data.parquet"))).isEqualTo(before);
    }

    @Test
    void batchVariantsWriteAndReadConsecutiveBatches() {
        ParquetPersistence<OrderSoA> persistence = new ParquetPersistence<>(OrderSoA.class, this.dir);
        OrderSoA a = orders(1, 25);
        OrderSoA b = orders(26, 30);
        OrderSoA c = orders(56, 5);
        persistence.saveBatches(List.of(a, b)).join();
        persistence.appendBatches(List.of(c)).join();

        List<OrderSoA> batches = persistence.loadBatches(20).join();

        assertThat(batches).extracting(OrderSoA::size).containsExactly(20, 20, 20);
        OrderSoA all = new OrderSoA();
        batches.forEach(all::addAll);
        OrderSoA expected = new OrderSoA();
        List.of(a, b, c).forEach(expected::addAll);
        assertThat(all).isEqualTo(expected);
    }

    @Test
    void queryReturnsTheDatasetWhenThePredicateHoldsForIt() {
        ParquetPersistence<OrderSoA> persistence = new ParquetPersistence<>(OrderSoA.class, this.dir);
        OrderSoA data = orders(1, 50);
        persistence.save(data).join();
        double total = data.totalAmountSum();

        assertThat(persistence.query(orders -> orders.totalAmountSum() > total - 1).join()).contains(data);
        assertThat(persistence.query(orders -> orders.totalAmountSum() > total + 1).join()).isEmpty();
    }

    @Test
    void clearRemovesTheData() {
        ParquetPersistence<OrderSoA> persistence = new ParquetPersistence<>(OrderSoA.class, this.dir);
        persistence.save(orders(1, 10)).join();
        persistence.clear().join();
        assertThat(this.dir.resolve("data.parquet")).doesNotExist();
        assertThat(persistence.load().join()).isEmpty();
        assertThat(persistence.count().join()).isZero();
        persistence.clear().join();
    }

    @Test
    void settingsComposeInAnyOrder() throws IOException {
        ParquetPersistence<OrderSoA> pageFirst = new ParquetPersistence<>(OrderSoA.class, this.dir.resolve("a"))
            .withPageSize(1024)
            .withCompression(Compression.zstd(7))
            .withRowGroupSize(64 * 1024);
        ParquetPersistence<OrderSoA> compressionFirst = new ParquetPersistence<>(OrderSoA.class, this.dir.resolve("b"))
            .withRowGroupSize(64 * 1024)
            .withCompression(Compression.zstd(7))
            .withPageSize(1024);
        for (ParquetPersistence<OrderSoA> persistence : List.of(pageFirst, compressionFirst)) {
            assertThat(persistence.pageSize()).isEqualTo(1024);
            assertThat(persistence.compression()).isEqualTo(Compression.zstd(7));
            assertThat(persistence.rowGroupSize()).isEqualTo(64 * 1024);
            persistence.save(orders(1, 20_000)).join();
            ParquetMetadata footer = footer(persistence.file());
            assertThat(footer.getBlocks()).as("row groups of %s", persistence).hasSizeGreaterThan(1);
            try (ChannelInputFile input = ChannelInputFile.open(persistence.file());
                    ParquetFileReader reader = new ParquetFileReader(input, ParquetReadOptions
                        .builder(new PlainParquetConfiguration()).withCodecFactory(StandaloneCodecFactory.forReading())
                        .build())) {
                ColumnChunkMetaData orderIds = footer.getBlocks().get(0).getColumns().get(0);
                OffsetIndex pages = reader.readOffsetIndex(orderIds);
                assertThat(pages.getPageCount()).as("pages of 1 KiB").isGreaterThan(1);
                for (int page = 0; page < pages.getPageCount(); page++) {
                    assertThat(pages.getCompressedPageSize(page)).as("size of page %d", page).isLessThanOrEqualTo(2048);
                }
            }
            assertThat(persistence.load().join().orElseThrow().size()).isEqualTo(20_000);
        }
    }

    @Test
    void dictionaryEncodingCanBeTurnedOff() throws IOException {
        ParquetPersistence<OrderSoA> on = new ParquetPersistence<>(OrderSoA.class, this.dir.resolve("on"));
        ParquetPersistence<OrderSoA> off = on.withDictionaryEncoding(false);
        assertThat(off.directory()).isEqualTo(on.directory());
        on.save(orders(1, 2000)).join();
        new ParquetPersistence<>(OrderSoA.class, this.dir.resolve("off")).withDictionaryEncoding(false)
            .save(orders(1, 2000)).join();

        assertThat(statusEncodings(this.dir.resolve("on/data.parquet"))).containsAnyOf(Encoding.RLE_DICTIONARY,
                Encoding.valueOf("PLAIN_DICTIONARY"));
        assertThat(statusEncodings(this.dir.resolve("off/data.parquet")))
            .doesNotContain(Encoding.RLE_DICTIONARY, Encoding.valueOf("PLAIN_DICTIONARY"));
    }

    private Set<Encoding> statusEncodings(Path file) throws IOException {
        return encodings(file, "status");
    }

    private Set<Encoding> encodings(Path file, String column) throws IOException {
        return footer(file).getBlocks().get(0).getColumns().stream()
            .filter(chunk -> chunk.getPath().toDotString().equals(column))
            .findFirst().orElseThrow().getEncodings();
    }

    @Test
    void nearlyUniqueColumnsSkipTheDictionaryThatRepeatingOnesKeep() throws IOException {
        ParquetPersistence<OrderSoA> persistence = new ParquetPersistence<>(OrderSoA.class, this.dir);
        persistence.save(orders(1, 40_000)).join();
        Path file = persistence.file();
        assertThat(encodings(file, "order_id")).doesNotContain(Encoding.RLE_DICTIONARY, Encoding.valueOf("PLAIN_DICTIONARY"));
        assertThat(encodings(file, "order_timestamp")).doesNotContain(Encoding.RLE_DICTIONARY,
                Encoding.valueOf("PLAIN_DICTIONARY"));
        assertThat(encodings(file, "customer_id")).containsAnyOf(Encoding.RLE_DICTIONARY,
                Encoding.valueOf("PLAIN_DICTIONARY"));
        assertThat(encodings(file, "status")).containsAnyOf(Encoding.RLE_DICTIONARY,
                Encoding.valueOf("PLAIN_DICTIONARY"));
        assertThat(persistence.load().join()).contains(orders(1, 40_000));
    }

    @Test
    void schemaUsesTheLogicalTypesOtherEnginesRecognise() {
        MessageType schema = new ParquetPersistence<>(AllTypesSoA.class, this.dir).parquetSchema();
        assertThat(schema.getType("id").getLogicalTypeAnnotation()).isEqualTo(LogicalTypeAnnotation.uuidType());
        assertThat(schema.getType("text").getLogicalTypeAnnotation()).isEqualTo(LogicalTypeAnnotation.stringType());
        assertThat(schema.getType("status").getLogicalTypeAnnotation()).isEqualTo(LogicalTypeAnnotation.stringType());
        assertThat(schema.getType("at").getLogicalTypeAnnotation())
            .isEqualTo(LogicalTypeAnnotation.timestampType(true, LogicalTypeAnnotation.TimeUnit.MICROS));
        assertThat(schema.getType("localAt").getLogicalTypeAnnotation())
            .isEqualTo(LogicalTypeAnnotation.timestampType(false, LogicalTypeAnnotation.TimeUnit.MICROS));
        assertThat(schema.getType("price").getLogicalTypeAnnotation())
            .isEqualTo(LogicalTypeAnnotation.decimalType(2, 12));
        assertThat(schema.getType("price").asPrimitiveType().getPrimitiveTypeName())
            .isEqualTo(PrimitiveType.PrimitiveTypeName.INT64);
        assertThat(schema.getType("bigPrice").asPrimitiveType().getPrimitiveTypeName())
            .isEqualTo(PrimitiveType.PrimitiveTypeName.FIXED_LEN_BYTE_ARRAY);
        assertThat(schema.getType("count").isRepetition(Type.Repetition.REQUIRED)).isTrue();
        assertThat(schema.getType("maybeCount").isRepetition(Type.Repetition.OPTIONAL)).isTrue();
        assertThat(schema.getType("amount").asPrimitiveType().columnOrder()).isEqualTo(ColumnOrder.typeDefined());
        assertThat(schema.getType("ratio").asPrimitiveType().columnOrder()).isEqualTo(ColumnOrder.typeDefined());
    }

    @Test
    void filesAndDirectoriesAreOwnerOnlyByDefaultAndConfigurable() throws IOException {
        Path nested = this.dir.resolve("private/orders");
        ParquetPersistence<OrderSoA> persistence = new ParquetPersistence<>(OrderSoA.class, nested);
        persistence.save(orders(1, 5)).join();
        assertThat(java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(persistence.file())))
            .isEqualTo("rw-------");
        assertThat(java.nio.file.attribute.PosixFilePermissions.toString(
                Files.getPosixFilePermissions(nested.resolve(DatasetDirectory.LOCK_FILE)))).isEqualTo("rw-------");
        assertThat(java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(nested)))
            .isEqualTo("rwx------");

        ParquetPersistence<OrderSoA> shared = new ParquetPersistence<>(OrderSoA.class, this.dir.resolve("shared"))
            .withFilePermissions(java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"))
            .withLayout(Layout.MULTI_FILE);
        shared.append(orders(1, 5)).join();
        assertThat(java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(
                this.dir.resolve("shared/part-000001-000000.parquet")))).isEqualTo("rw-r--r--");
        assertThat(java.nio.file.attribute.PosixFilePermissions.toString(
                Files.getPosixFilePermissions(this.dir.resolve("shared")))).isEqualTo("rwxr-xr-x");
        assertThatIllegalArgumentException().isThrownBy(() -> persistence.withFilePermissions(
                java.nio.file.attribute.PosixFilePermissions.fromString("r--r--r--")))
            .withMessageContaining("r--r--r--");
    }

    @Test
    void bloomFilterColumnsMustExist() {
        ParquetPersistence<OrderSoA> persistence = new ParquetPersistence<>(OrderSoA.class, this.dir);
        assertThatIllegalArgumentException().isThrownBy(() -> persistence.withBloomFilterColumns(List.of("nope")))
            .withMessageContaining("nope").withMessageContaining("order_id");
    }

    @Test
    void invalidSettingsAreRejected() {
        ParquetPersistence<OrderSoA> persistence = new ParquetPersistence<>(OrderSoA.class, this.dir);
        assertThatIllegalArgumentException().isThrownBy(() -> persistence.withPageSize(0));
        assertThatIllegalArgumentException().isThrownBy(() -> persistence.withRowGroupSize(-1));
        assertThatIllegalArgumentException().isThrownBy(() -> persistence.loadBatches(0));
        assertThatIllegalArgumentException().isThrownBy(() -> Compression.zstd(23));
        assertThatIllegalArgumentException().isThrownBy(() -> Compression.gzip(0));
        assertThatIllegalArgumentException().isThrownBy(() -> new Compression(Compression.Codec.SNAPPY, 3));
        assertThatIllegalArgumentException().isThrownBy(() -> Compression.parse("lzo", Compression.DEFAULT_LEVEL))
            .withMessageContaining("lzo").withMessageContaining("zstd");
    }

    @Test
    void compressionNamesParseCaseInsensitively() {
        assertThat(Compression.parse("ZSTD", 5)).isEqualTo(Compression.zstd(5));
        assertThat(Compression.parse("lz4_raw", Compression.DEFAULT_LEVEL)).isEqualTo(Compression.lz4());
        assertThat(Compression.parse("none", Compression.DEFAULT_LEVEL)).isEqualTo(Compression.uncompressed());
        assertThat(Compression.zstd().effectiveLevel()).isEqualTo(3);
    }

    @Test
    void footerNamesTheTypeTheSchemaAndTheLibraryVersion() throws IOException {
        ParquetPersistence<OrderSoA> persistence = new ParquetPersistence<>(OrderSoA.class, this.dir);
        persistence.save(orders(1, 3)).join();
        Map<String, String> metadata = footer(persistence.file()).getFileMetaData().getKeyValueMetaData();
        assertThat(metadata).containsEntry("soa.persistence.type", OrderSoA.class.getName())
            .containsEntry("soa.persistence.schema.fingerprint", FooterMetadata.fingerprint(persistence.parquetSchema()))
            .containsKey("soa.persistence.version");
        assertThat(metadata.get("soa.persistence.version")).isNotBlank().doesNotContain("${");
        assertThat(metadata.get("soa.persistence.schema.fingerprint")).startsWith("sha256:").hasSize(71);
    }

    @Test
    void infoDescribesTheFileFromItsFooter() throws IOException {
        ParquetPersistence<OrderSoA> persistence = new ParquetPersistence<>(OrderSoA.class, this.dir)
            .withCompression(Compression.lz4());
        persistence.save(orders(1, 42)).join();
        DatasetInfo info = persistence.info().join();
        assertThat(info.exists()).isTrue();
        assertThat(info.rows()).isEqualTo(42);
        assertThat(info.bytes()).isEqualTo(Files.size(persistence.file()));
        assertThat(info.rowGroups()).isEqualTo(1);
        assertThat(info.codec()).isEqualTo("LZ4_RAW");
        assertThat(info.lastModified()).isNotNull();
        assertThat(info.schema()).contains("order_id");
    }

    @Test
    void operationsRunOnTheSuppliedExecutorAndNeverOnTheCaller() {
        ConcurrentLinkedQueue<Runnable> queued = new ConcurrentLinkedQueue<>();
        Executor manual = queued::add;
        ParquetPersistence<OrderSoA> persistence = new ParquetPersistence<>(OrderSoA.class, this.dir)
            .withExecutor(manual);

        var saved = persistence.save(orders(1, 5));
        var counted = persistence.count();

        assertThat(saved).isNotDone();
        assertThat(counted).isNotDone();
        assertThat(this.dir.resolve("data.parquet")).doesNotExist();
        queued.poll().run();
        queued.poll().run();
        assertThat(saved).isCompleted();
        assertThat(counted.join()).isEqualTo(5);
    }

    @Test
    void rejectedSubmissionFailsTheFutureInsteadOfThrowing() {
        ExecutorService executor = Executors.newSingleThreadExecutor();
        executor.shutdown();
        ParquetPersistence<OrderSoA> persistence = new ParquetPersistence<>(OrderSoA.class, this.dir)
            .withExecutor(executor);
        assertThat(Futures.failure(persistence.count()))
            .isInstanceOf(io.soapersistence.PersistenceCancelledException.class);
    }

    @Test
    void listenerHearsEveryOperationWithItsOutcome() {
        List<String> events = new CopyOnWriteArrayList<>();
        List<OperationOutcome> outcomes = new CopyOnWriteArrayList<>();
        Thread caller = Thread.currentThread();
        ParquetPersistence<OrderSoA> persistence = new ParquetPersistence<>(OrderSoA.class, this.dir)
            .withListener((source, operation) -> {
                events.add(operation + (Thread.currentThread() == caller ? "@caller" : "@other"));
                return outcomes::add;
            });

        persistence.save(orders(1, 10)).join();
        persistence.append(orders(11, 5)).join();
        persistence.count().join();
        Futures.failure(new ParquetPersistence<>(TradeSoA.class, this.dir)
            .withListener((source, operation) -> outcomes::add).load());

        assertThat(events).containsExactly("SAVE@caller", "APPEND@caller", "COUNT@caller");
        assertThat(outcomes).hasSize(4);
        assertThat(outcomes.get(0).rowsWritten()).isEqualTo(10);
        assertThat(outcomes.get(0).bytesWritten()).isPositive();
        assertThat(outcomes.get(1).rowsWritten()).isEqualTo(5);
        assertThat(outcomes.get(1).dataset().rows()).isEqualTo(15);
        assertThat(outcomes.get(2).dataset().rows()).isEqualTo(15);
        assertThat(outcomes.get(2).rowsWritten()).isZero();
        assertThat(outcomes.get(3).succeeded()).isFalse();
        assertThat(outcomes.get(3).failure()).isInstanceOf(io.soapersistence.ColumnNotFoundException.class);
    }

    @Test
    void severalRowGroupsLoadInOrder() {
        ParquetPersistence<OrderSoA> persistence = new ParquetPersistence<>(OrderSoA.class, this.dir)
            .withRowGroupSize(16 * 1024);
        OrderSoA data = orders(1, 30_000);
        persistence.save(data).join();
        assertThat(persistence.info().join().rowGroups()).isGreaterThan(2);
        Optional<OrderSoA> loaded = persistence.load().join();
        assertThat(loaded).contains(data);
        List<Long> ids = new ArrayList<>();
        loaded.orElseThrow().forEach(order -> ids.add(order.orderId()));
        assertThat(ids).isEqualTo(IntStream.rangeClosed(1, 30_000).mapToObj(Long::valueOf).toList());
    }

    @Test
    void theTypeNeedsAPublicNoArgumentConstructor() {
        assertThatIllegalArgumentException()
            .isThrownBy(() -> new ParquetPersistence<>(NoDefaultConstructor.class, this.dir))
            .withMessageContaining(NoDefaultConstructor.class.getName())
            .withMessageContaining("no-argument constructor");
    }

    /** A valid ToArrow type in every respect but one: it cannot be created empty. */
    public static final class NoDefaultConstructor implements ToArrow<NoDefaultConstructor> {

        private final SensorReadings delegate = new SensorReadings();

        public NoDefaultConstructor(int ignored) {
        }

        @Override
        public int size() {
            return this.delegate.size();
        }

        @Override
        public Schema arrowSchema() {
            return this.delegate.arrowSchema();
        }

        @Override
        public VectorSchemaRoot toArrow(BufferAllocator allocator) {
            return this.delegate.toArrow(allocator);
        }

        @Override
        public NoDefaultConstructor fromArrow(VectorSchemaRoot root) {
            NoDefaultConstructor copy = new NoDefaultConstructor(0);
            SensorReadings readings = this.delegate.fromArrow(root);
            for (int i = 0; i < readings.size(); i++) {
                copy.delegate.add(readings.sensor(i), readings.celsius(i), readings.takenAtMicros(i));
            }
            return copy;
        }
    }
}
