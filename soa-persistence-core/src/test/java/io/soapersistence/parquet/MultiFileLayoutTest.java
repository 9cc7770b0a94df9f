package io.soapersistence.parquet;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.stream.Stream;

import io.soapersistence.SchemaMismatchException;
import io.soapersistence.fixtures.OrderSoA;
import io.soapersistence.fixtures.RandomRows;
import io.soapersistence.fixtures.TradeSoA;
import org.apache.parquet.ParquetReadOptions;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.metadata.BlockMetaData;
import org.apache.parquet.hadoop.metadata.ColumnChunkMetaData;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The multi-file layout: appends add one file and touch no stored byte, compaction merges files by chunk
 * copy, a save or clear replaces the whole dataset atomically, and other engines read the directory as one
 * dataset.
 */
class MultiFileLayoutTest {

    @TempDir
    Path dir;

    private static OrderSoA orders(long firstId, int rows) {
        RandomRows random = new RandomRows(firstId);
        OrderSoA soa = new OrderSoA();
        for (int i = 0; i < rows; i++) {
            soa.add(random.order(firstId + i));
        }
        return soa;
    }

    private ParquetPersistence<OrderSoA> persistence() {
        return new ParquetPersistence<>(OrderSoA.class, this.dir).withLayout(Layout.MULTI_FILE);
    }

    private List<String> files() throws IOException {
        try (Stream<Path> files = Files.list(this.dir)) {
            return files.map(path -> path.getFileName().toString()).filter(name -> name.endsWith(".parquet"))
                .sorted().toList();
        }
    }

    @Test
    void appendsAddOneFileEachAndNeverRewriteStoredFiles() throws IOException {
        ParquetPersistence<OrderSoA> persistence = persistence();
        OrderSoA expected = new OrderSoA();
        for (int i = 0; i < 4; i++) {
            OrderSoA batch = orders(1 + i * 100L, 100);
            persistence.append(batch).join();
            expected.addAll(batch);
        }
        List<String> files = files();
        byte[] first = Files.readAllBytes(this.dir.resolve(files.get(0)));
        persistence.append(orders(401, 5)).join();
        expected.addAll(orders(401, 5));

        assertThat(files).containsExactly("part-000001-000000.parquet", "part-000001-000001.parquet",
                "part-000001-000002.parquet", "part-000001-000003.parquet");
        assertThat(files()).hasSize(5);
        assertThat(Files.readAllBytes(this.dir.resolve(files.get(0)))).isEqualTo(first);
        assertThat(persistence.load().join()).contains(expected);
        assertThat(persistence.count().join()).isEqualTo(405);
        assertThat(persistence.loadBatches(100).join()).hasSize(5);
        DatasetInfo info = persistence.info().join();
        assertThat(info.file()).isEqualTo(this.dir.toAbsolutePath());
        assertThat(info.rows()).isEqualTo(405);
        assertThat(info.rowGroups()).isEqualTo(5);
    }

    @Test
    void saveStartsANewGenerationAndDeletesTheOldOne() throws IOException {
        ParquetPersistence<OrderSoA> persistence = persistence();
        persistence.append(orders(1, 10)).join();
        persistence.append(orders(11, 10)).join();
        OrderSoA replacement = orders(1000, 7);

        persistence.save(replacement).join();

        assertThat(files()).containsExactly("part-000002-000000.parquet");
        assertThat(persistence.load().join()).contains(replacement);
    }

    @Test
    void leftoversOfACrashedSaveAreIgnoredByReadersAndRemovedByTheNextWrite() throws IOException {
        ParquetPersistence<OrderSoA> persistence = persistence();
        persistence.append(orders(1, 10)).join();
        OrderSoA current = orders(500, 3);
        persistence.save(current).join();
        // A save that crashed after its rename but before deleting the older generation leaves it behind.
        Files.copy(this.dir.resolve("part-000002-000000.parquet"), this.dir.resolve("part-000001-000007.parquet"));

        assertThat(persistence.load().join()).contains(current);
        assertThat(persistence.count().join()).isEqualTo(3);
        persistence.save(current).join();
        assertThat(files()).containsExactly("part-000003-000000.parquet");
    }

    @Test
    void anAppendAfterACrashRemovesLeftoversAndNumbersItsPartFromWhatRemains() throws IOException {
        ParquetPersistence<OrderSoA> persistence = persistence();
        OrderSoA first = orders(1, 10);
        persistence.save(first).join();
        persistence.append(orders(11, 10)).join();
        persistence.save(first).join();
        Files.copy(this.dir.resolve("part-000002-000000.parquet"), this.dir.resolve("part-000001-000009.parquet"));
        Files.writeString(this.dir.resolve(DatasetDirectory.TEMP_PREFIX + "crashed" + DatasetDirectory.TEMP_SUFFIX),
                "half a file");
        // Not a name this library writes: too many digits for a sequence number, so neither read nor deleted.
        String foreign = "part-000002-99999999999999999999.parquet";
        Files.copy(this.dir.resolve("part-000002-000000.parquet"), this.dir.resolve(foreign));
        OrderSoA second = orders(100, 5);

        persistence.append(second).join();
        persistence.append(orders(105, 5)).join();

        assertThat(files()).containsExactly("part-000002-000000.parquet", "part-000002-000001.parquet",
                "part-000002-000002.parquet", foreign);
        try (Stream<Path> all = Files.list(this.dir)) {
            assertThat(all.map(path -> path.getFileName().toString()))
                .noneMatch(name -> name.startsWith(DatasetDirectory.TEMP_PREFIX));
        }
        assertThat(persistence.count().join()).isEqualTo(20);
        OrderSoA expected = new OrderSoA();
        expected.addAll(first);
        expected.addAll(second);
        expected.addAll(orders(105, 5));
        assertThat(persistence.load().join()).contains(expected);
    }

    @Test
    void partNamesArePaddedToSixDigitsAndGrowBeyond() {
        assertThat(DatasetDirectory.partName(1, 0)).isEqualTo("part-000001-000000.parquet");
        assertThat(DatasetDirectory.partName(1234567, 42)).isEqualTo("part-1234567-000042.parquet");
    }

    @Test
    void compactionMergesFilesByChunkCopyOnceTheThresholdIsPassed() throws IOException {
        ParquetPersistence<OrderSoA> persistence = persistence().withCompactionThreshold(3)
            .withCompression(Compression.zstd(2));
        OrderSoA expected = new OrderSoA();
        for (int i = 0; i < 3; i++) {
            OrderSoA batch = orders(1 + i * 50L, 50);
            persistence.append(batch).join();
            expected.addAll(batch);
        }
        assertThat(files()).hasSize(3);
        OrderSoA fourth = orders(151, 50);
        persistence.withCompression(Compression.gzip()).append(fourth).join();
        expected.addAll(fourth);

        assertThat(files()).containsExactly("part-000002-000000.parquet");
        DatasetInfo info = persistence.info().join();
        assertThat(info.rowGroups()).as("row groups copied, not rewritten").isEqualTo(4);
        assertThat(info.codec()).as("appends keep the dataset's codec").isEqualTo("ZSTD");
        assertThat(persistence.load().join()).contains(expected);
    }

    @Test
    void anAppendContinuesTheFormatOfTheNewestPartEvenWhenAnotherWriterReplacedIt() throws IOException {
        ParquetPersistence<OrderSoA> snappy = persistence().withCompression(Compression.snappy());
        ParquetPersistence<OrderSoA> gzip = persistence().withCompression(Compression.gzip());
        snappy.save(orders(1, 20)).join();
        snappy.append(orders(21, 20)).join();
        // Another instance replaces the dataset with parts of another codec behind the first one's back.
        gzip.save(orders(100, 10)).join();

        snappy.append(orders(110, 10)).join();

        assertThat(files()).containsExactly("part-000002-000000.parquet", "part-000002-000001.parquet");
        assertThat(snappy.info().join().codec()).as("the append follows the newest part, not what it wrote last")
            .isEqualTo("GZIP");
        try (ChannelInputFile input = ChannelInputFile.open(this.dir.resolve("part-000002-000001.parquet"));
                ParquetFileReader reader = new ParquetFileReader(input, ParquetReadOptions
                    .builder(new PlainParquetConfiguration()).withCodecFactory(StandaloneCodecFactory.forReading())
                    .build())) {
            assertThat(reader.getFooter().getBlocks()).flatExtracting(BlockMetaData::getColumns)
                .extracting(ColumnChunkMetaData::getCodec).as("every chunk of the appended part")
                .containsOnly(CompressionCodecName.GZIP);
        }
        OrderSoA expected = orders(100, 10);
        expected.addAll(orders(110, 10));
        assertThat(snappy.load().join()).contains(expected);
    }

    @Test
    void explicitCompactionKeepsTheData() throws IOException {
        ParquetPersistence<OrderSoA> persistence = persistence();
        persistence.append(orders(1, 30)).join();
        persistence.append(orders(31, 30)).join();
        persistence.compact().join();
        assertThat(files()).containsExactly("part-000002-000000.parquet");
        assertThat(persistence.count().join()).isEqualTo(60);
        persistence.compact().join();
        assertThat(files()).containsExactly("part-000002-000000.parquet");
        new ParquetPersistence<>(OrderSoA.class, this.dir.resolve("single")).compact().join();
    }

    @Test
    void clearRemovesEveryFile() throws IOException {
        ParquetPersistence<OrderSoA> persistence = persistence();
        persistence.append(orders(1, 10)).join();
        persistence.append(orders(11, 10)).join();
        persistence.clear().join();
        assertThat(files()).isEmpty();
        assertThat(persistence.load().join()).isEmpty();
        assertThat(persistence.count().join()).isZero();
        persistence.append(orders(1, 2)).join();
        assertThat(persistence.count().join()).isEqualTo(2);
    }

    @Test
    void appendsOfAnotherSchemaAreRefusedAndChangeNothing() throws IOException {
        persistence().append(orders(1, 10)).join();
        List<String> before = files();
        ParquetPersistence<TradeSoA> trades = new ParquetPersistence<>(TradeSoA.class, this.dir)
            .withLayout(Layout.MULTI_FILE);
        assertThat(Futures.failure(trades.append(new TradeSoA()))).isInstanceOf(SchemaMismatchException.class)
            .hasMessageContaining("part-000001-000000.parquet");
        assertThat(files()).isEqualTo(before);
    }

    @Test
    void selectAndScanSeeEveryFileAsOneDataset() {
        ParquetPersistence<OrderSoA> persistence = persistence();
        for (int i = 0; i < 3; i++) {
            persistence.append(orders(1 + i * 100L, 100)).join();
        }
        io.soapersistence.query.Filter filter = OrderSoA.ORDER_ID.between(50, 250)
            .and(OrderSoA.STATUS.ne(io.soapersistence.fixtures.OrderStatus.CANCELLED));
        OrderSoA expected = persistence.load().join().orElseThrow()
            .filter(order -> order.orderId() >= 50 && order.orderId() <= 250
                    && order.status() != io.soapersistence.fixtures.OrderStatus.CANCELLED);

        assertThat(persistence.select(filter).join()).isEqualTo(expected);
        OrderSoA scanned = new OrderSoA();
        persistence.scan(filter, 30, batch -> {
            assertThat(batch.size()).isLessThanOrEqualTo(30);
            scanned.addAll(batch);
        }).join();
        assertThat(scanned).isEqualTo(expected);
    }

    @Test
    void duckDbReadsTheDirectoryAsOneDataset() throws Exception {
        ParquetPersistence<OrderSoA> persistence = persistence();
        OrderSoA expected = new OrderSoA();
        for (int i = 0; i < 3; i++) {
            OrderSoA batch = orders(1 + i * 1000L, 1000);
            persistence.append(batch).join();
            expected.addAll(batch);
        }
        try (Connection duckdb = DriverManager.getConnection("jdbc:duckdb:");
                Statement statement = duckdb.createStatement();
                ResultSet rows = statement.executeQuery("SELECT count(*), sum(order_id), sum(total_amount) FROM "
                        + "read_parquet('" + this.dir + "/*.parquet')")) {
            assertThat(rows.next()).isTrue();
            assertThat(rows.getLong(1)).isEqualTo(3000);
            assertThat(rows.getLong(2)).isEqualTo(3000L * 3001 / 2);
            assertThat(rows.getDouble(3)).isCloseTo(expected.totalAmountSum(), org.assertj.core.data.Offset.offset(1e-3));
        }
    }

    @Test
    void countIsServedFromTheFooterCacheWithoutReadingTheFile() throws IOException {
        for (ParquetPersistence<OrderSoA> persistence : List.of(persistence(),
                new ParquetPersistence<>(OrderSoA.class, this.dir.resolve("single")))) {
            persistence.save(orders(1, 123)).join();
            assertThat(persistence.count().join()).isEqualTo(123);
            Path file = persistence.layout() == Layout.SINGLE_FILE ? persistence.file()
                    : this.dir.resolve(files().get(0));
            // Same inode, size and modification time, other content: only a count that reads nothing
            // still answers 123.
            var modified = Files.getLastModifiedTime(file);
            byte[] garbage = new byte[(int) Files.size(file)];
            try (var channel = java.nio.channels.FileChannel.open(file, java.nio.file.StandardOpenOption.WRITE)) {
                channel.write(java.nio.ByteBuffer.wrap(garbage));
            }
            Files.setLastModifiedTime(file, modified);

            assertThat(persistence.count().join()).isEqualTo(123);
            assertThat(Futures.failure(persistence.load())).isInstanceOf(io.soapersistence.CorruptFileException.class);
        }
    }
}
