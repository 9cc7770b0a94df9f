package io.soapersistence.parquet;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import io.soapersistence.ToArrow;
import io.soapersistence.fixtures.AllTypesSoA;
import io.soapersistence.fixtures.OrderSoA;
import io.soapersistence.fixtures.RandomRows;
import org.apache.parquet.format.FileMetaData;
import org.apache.parquet.format.Util;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A valid file cut short at many offsets or with single bytes changed must load and count within a time limit
 * to either the right number of rows or a typed persistence error naming the file.
 */
class TruncationAndBitFlipTest {

    private static final int ORDERS = 3000;

    private static final int ALL_TYPES = 600;

    @TempDir
    Path dir;

    private final MutatedFiles mutated = new MutatedFiles();

    private ExecutorService executor;

    @BeforeEach
    void startExecutor() {
        this.executor = Executors.newFixedThreadPool(2);
    }

    @AfterEach
    void stopExecutor() throws InterruptedException {
        this.executor.shutdownNow();
        assertThat(this.executor.awaitTermination(10, TimeUnit.SECONDS)).as("loads still running").isTrue();
    }

    private ParquetPersistence<OrderSoA> savedOrders() {
        RandomRows random = new RandomRows(11);
        OrderSoA orders = new OrderSoA();
        for (int i = 1; i <= ORDERS; i++) {
            orders.add(random.order(i));
        }
        ParquetPersistence<OrderSoA> persistence = new ParquetPersistence<>(OrderSoA.class, this.dir.resolve("orders"))
            .withRowGroupSize(24 * 1024)
            .withPageSize(2048)
            .withDictionaryEncoding(true)
            .withExecutor(this.executor);
        persistence.save(orders).join();
        return persistence;
    }

    private ParquetPersistence<AllTypesSoA> savedAllTypes() {
        return savedAllTypes(Compression.DEFAULT);
    }

    private ParquetPersistence<AllTypesSoA> savedAllTypes(Compression compression) {
        RandomRows random = new RandomRows(12);
        AllTypesSoA rows = new AllTypesSoA();
        for (int i = 0; i < ALL_TYPES; i++) {
            rows.add(random.allTypes());
        }
        ParquetPersistence<AllTypesSoA> persistence = new ParquetPersistence<>(AllTypesSoA.class,
                this.dir.resolve("all-types"))
            .withRowGroupSize(32 * 1024)
            .withPageSize(4096)
            .withCompression(compression)
            .withExecutor(this.executor);
        persistence.save(rows).join();
        return persistence;
    }

    private static int rowGroups(byte[] file) throws IOException {
        int start = MutatedFiles.footerStart(file);
        return Util.readFileMetaData(new ByteArrayInputStream(file, start, file.length - 8 - start))
            .getRow_groups().size();
    }

    @Test
    void ordersCutShortAnywhereFailTyped() throws IOException {
        truncations(savedOrders(), ORDERS);
    }

    @Test
    void allTypesCutShortAnywhereFailTyped() throws IOException {
        truncations(savedAllTypes(), ALL_TYPES);
    }

    private <T extends ToArrow<T>> void truncations(ParquetPersistence<T> persistence, int rows) throws IOException {
        Path file = persistence.file();
        byte[] valid = Files.readAllBytes(file);
        assertThat(rowGroups(valid)).as("row groups").isGreaterThan(1);
        for (int length = 0; length < valid.length; length++) {
            if (length % 97 == 0 || length >= valid.length - 64) {
                this.mutated.write(file, Arrays.copyOf(valid, length));
                this.mutated.check(persistence, rows, "truncation to " + length + " of " + valid.length + " bytes");
            }
        }
        assertThat(this.mutated.failedTyped).isPositive();
        this.mutated.write(file, valid);
        this.mutated.check(persistence, rows, "restoring the valid file");
    }

    @Test
    void ordersWithAByteChangedLoadOrFailTyped() throws IOException {
        byteFlips(savedOrders(), ORDERS, 21);
    }

    /** Without compression a flip reaches the level, dictionary-index and plain decoders directly. */
    @Test
    void uncompressedAllTypesWithAByteChangedLoadOrFailTyped() throws IOException {
        byteFlips(savedAllTypes(Compression.uncompressed()), ALL_TYPES, 23);
    }

    @Test
    void allTypesWithAByteChangedLoadOrFailTyped() throws IOException {
        byteFlips(savedAllTypes(), ALL_TYPES, 22);
    }

    /** Single bytes XORed with random non-zero values: 250 in the data pages, 150 in the footer. */
    private <T extends ToArrow<T>> void byteFlips(ParquetPersistence<T> persistence, int rows, long seed)
            throws IOException {
        Path file = persistence.file();
        byte[] valid = Files.readAllBytes(file);
        int footerStart = MutatedFiles.footerStart(valid);
        Random random = new Random(seed);
        for (int i = 0; i < 400; i++) {
            int position = (i < 250) ? 4 + random.nextInt(footerStart - 4)
                    : footerStart + random.nextInt(valid.length - 8 - footerStart);
            int mask = 1 + random.nextInt(255);
            byte[] damaged = valid.clone();
            damaged[position] ^= (byte) mask;
            this.mutated.write(file, damaged);
            this.mutated.check(persistence, rows, "XOR 0x" + Integer.toHexString(mask) + " at byte " + position
                    + " of " + valid.length + (position >= footerStart ? " (footer)" : " (data)"));
        }
        assertThat(this.mutated.failedTyped).as("typed failures").isPositive();
        assertThat(this.mutated.succeeded).as("silent successes").isPositive();
    }

    @Test
    void aFooterLengthBeyondTheFileFailsTyped() throws IOException {
        ParquetPersistence<OrderSoA> persistence = savedOrders();
        Path file = persistence.file();
        byte[] valid = Files.readAllBytes(file);
        for (int length : new int[] {valid.length - 7, valid.length, valid.length + 1, Integer.MAX_VALUE, -1,
            Integer.MIN_VALUE, 0, 1}) {
            byte[] damaged = valid.clone();
            ByteBuffer.wrap(damaged, valid.length - 8, 4).order(ByteOrder.LITTLE_ENDIAN).putInt(length);
            this.mutated.write(file, damaged);
            this.mutated.check(persistence, ORDERS, "footer length " + length);
        }
        assertThat(this.mutated.succeeded).isZero();
    }

    @Test
    void footersClaimingHugeSizesFailTyped() throws IOException {
        ParquetPersistence<OrderSoA> persistence = savedOrders();
        Path file = persistence.file();
        byte[] valid = Files.readAllBytes(file);
        for (long rows : new long[] {100_000_000L, Integer.MAX_VALUE - 9L, Integer.MAX_VALUE, 1L << 40, -1}) {
            hostileFooter(persistence, valid, "every row group claiming " + rows + " rows",
                    footer -> {
                        footer.setNum_rows(rows * footer.getRow_groups().size());
                        footer.getRow_groups().forEach(group -> group.setNum_rows(rows));
                    });
            hostileFooter(persistence, valid, "a row group claiming " + rows + " rows, the file its true total",
                    footer -> footer.getRow_groups().get(0).setNum_rows(rows));
            hostileFooter(persistence, valid, "column chunks claiming " + rows + " values",
                    footer -> footer.getRow_groups().forEach(group -> group.getColumns()
                        .forEach(column -> column.getMeta_data().setNum_values(rows))));
        }
        for (long size : new long[] {Integer.MAX_VALUE, 1L << 40, -5, 0}) {
            hostileFooter(persistence, valid, "column chunks claiming " + size + " bytes",
                    footer -> footer.getRow_groups().forEach(group -> group.getColumns().forEach(column -> {
                        column.getMeta_data().setTotal_compressed_size(size);
                        column.getMeta_data().setTotal_uncompressed_size(size);
                    })));
            hostileFooter(persistence, valid, "data pages at offset " + size,
                    footer -> footer.getRow_groups().forEach(group -> group.getColumns()
                        .forEach(column -> column.getMeta_data().setData_page_offset(size))));
            hostileFooter(persistence, valid, "dictionary pages at offset " + size,
                    footer -> footer.getRow_groups().forEach(group -> group.getColumns()
                        .forEach(column -> column.getMeta_data().setDictionary_page_offset(size))));
        }
        assertThat(this.mutated.failedTyped).isPositive();
    }

    private void hostileFooter(ParquetPersistence<OrderSoA> persistence, byte[] valid, String claim,
            Consumer<FileMetaData> change) throws IOException {
        this.mutated.write(persistence.file(), MutatedFiles.withFooter(valid, change));
        this.mutated.check(persistence, ORDERS, claim, true);
    }
}
