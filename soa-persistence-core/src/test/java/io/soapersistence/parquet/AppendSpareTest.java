package io.soapersistence.parquet;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;

import io.soapersistence.TypeConversionException;
import io.soapersistence.fixtures.OrderSoA;
import org.apache.parquet.ParquetReadOptions;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.metadata.BlockMetaData;
import org.apache.parquet.hadoop.metadata.ColumnChunkMetaData;
import org.apache.parquet.hadoop.metadata.ParquetMetadata;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The spare copy of the single-file layout: which appends extend it, that no published byte ever changes, and
 * that anything that changed the data file or the spare behind the record's back makes the append copy instead.
 */
class AppendSpareTest {

    @TempDir
    Path dir;

    private Path data() {
        return this.dir.resolve(DatasetDirectory.DATA_FILE);
    }

    private Path spare() {
        return this.dir.resolve(AppendSpare.SPARE_FILE);
    }

    private Path record() {
        return this.dir.resolve(AppendSpare.RECORD_FILE);
    }

    private static Object inode(Path file) throws IOException {
        return Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS).fileKey();
    }

    /** Rows 1..100 saved, then appends of 100 rows each; returns what the dataset holds. */
    private static OrderSoA rows(int batches) {
        OrderSoA all = new OrderSoA();
        for (int b = 0; b < batches; b++) {
            all.addAll(CrashState.batch(1 + 100L * b, 100));
        }
        return all;
    }

    private ParquetPersistence<OrderSoA> savedAndAppendedOnce(List<OperationOutcome> outcomes) {
        ParquetPersistence<OrderSoA> persistence = new ParquetPersistence<>(OrderSoA.class, this.dir)
            .withListener((p, operation) -> outcomes::add);
        persistence.save(CrashState.batch(1, 100)).join();
        persistence.append(CrashState.batch(101, 100)).join();
        return persistence;
    }

    @Test
    void anAppendWithoutASpareCopiesAndKeepsTheReplacedFileAsTheSpareWhichTheNextAppendExtends()
            throws IOException {
        new ParquetPersistence<>(OrderSoA.class, this.dir).withSpareCopy(false).save(CrashState.batch(1, 100)).join();
        List<OperationOutcome> outcomes = new ArrayList<>();
        ParquetPersistence<OrderSoA> persistence = new ParquetPersistence<>(OrderSoA.class, this.dir)
            .withListener((p, operation) -> outcomes::add);
        Object saved = inode(data());
        assertThat(spare()).as("saved without the spare copy").doesNotExist();

        persistence.append(CrashState.batch(101, 100)).join();
        assertThat(inode(spare())).as("the saved file, kept as the spare").isEqualTo(saved);
        Object appended = inode(data());
        long sizeBefore = Files.size(data());

        persistence.append(CrashState.batch(201, 100)).join();

        assertThat(inode(data())).as("the spare, extended and published").isEqualTo(saved);
        assertThat(inode(spare())).as("the replaced data file").isEqualTo(appended);
        OperationOutcome last = outcomes.get(outcomes.size() - 1);
        assertThat(last.bytesWritten()).as("only what the spare lacked, the new rows and a footer")
            .isPositive()
            .isLessThan(Files.size(data()) - sizeBefore / 2);
        assertThat(persistence.load().join()).contains(rows(3));
        assertThat(persistence.count().join()).isEqualTo(300);
    }

    @Test
    void aReaderHoldingAnOldVersionReadsTheSameBytesAfterLaterAppendsExtendIt() throws IOException {
        ParquetPersistence<OrderSoA> persistence = savedAndAppendedOnce(new ArrayList<>());
        Object heldFile = inode(data());
        try (FileChannel held = FileChannel.open(data(), StandardOpenOption.READ)) {
            byte[] before = Files.readAllBytes(data());

            persistence.append(CrashState.batch(201, 100)).join();
            persistence.append(CrashState.batch(301, 100)).join();

            assertThat(inode(data())).as("the held file, extended by the second append").isEqualTo(heldFile);
            assertThat(held.size()).isGreaterThan(before.length);
            ByteBuffer now = ByteBuffer.allocate(before.length);
            while (now.hasRemaining() && held.read(now, now.position()) > 0) {
                // Reads up to the old length.
            }
            assertThat(now.array()).as("every byte the old version held").isEqualTo(before);
        }
        assertThat(persistence.load().join()).contains(rows(4));
    }

    @Test
    void aDataFileReplacedBehindTheRecordsBackIsCopiedNotMixedWithTheSpare() throws IOException {
        ParquetPersistence<OrderSoA> persistence = savedAndAppendedOnce(new ArrayList<>());
        Path other = this.dir.resolveSibling("other");
        ParquetPersistence<OrderSoA> elsewhere = new ParquetPersistence<>(OrderSoA.class, other);
        elsewhere.save(CrashState.batch(5_000, 150)).join();
        Files.copy(elsewhere.file(), data(), StandardCopyOption.REPLACE_EXISTING);
        Object spareBefore = inode(spare());

        persistence.append(CrashState.batch(9_000, 10)).join();

        assertThat(inode(data())).as("a new copy, not the spare").isNotEqualTo(spareBefore);
        OrderSoA expected = CrashState.batch(5_000, 150);
        expected.addAll(CrashState.batch(9_000, 10));
        assertThat(persistence.load().join()).contains(expected);
    }

    @Test
    void aSpareChangedInPlaceIsNotUsed() throws Exception {
        ParquetPersistence<OrderSoA> persistence = savedAndAppendedOnce(new ArrayList<>());
        Thread.sleep(20);
        try (FileChannel spare = FileChannel.open(spare(), StandardOpenOption.WRITE)) {
            spare.write(ByteBuffer.wrap(new byte[] {0x55, 0x55, 0x55, 0x55}), 100);
        }
        Object spareBefore = inode(spare());

        persistence.append(CrashState.batch(201, 100)).join();

        assertThat(inode(data())).as("a new copy, not the changed spare").isNotEqualTo(spareBefore);
        assertThat(persistence.load().join()).contains(rows(3));
    }

    @Test
    void aTornOrForeignRecordDescribesNothing() throws IOException {
        ParquetPersistence<OrderSoA> persistence = savedAndAppendedOnce(new ArrayList<>());
        List<String> lines = Files.readAllLines(record());
        Object spareBefore = inode(spare());
        for (String torn : List.of("", lines.get(0) + "\n" + lines.get(1) + "\n", new String(new byte[40],
                StandardCharsets.UTF_8), String.join("\n", lines.get(0), lines.get(2), lines.get(1), "end") + "\n")) {
            Files.writeString(record(), torn);
            assertThat(this.dirSpare().usable()).as("record %s", torn.replace("\n", "|")).isNull();
        }
        Files.writeString(record(), String.join("\n", lines) + "\n");
        assertThat(this.dirSpare().usable()).as("the record as written").isNotNull();
        Files.writeString(record(), "garbage\n");

        persistence.append(CrashState.batch(201, 100)).join();

        assertThat(inode(data())).isNotEqualTo(spareBefore);
        assertThat(persistence.load().join()).contains(rows(3));
    }

    @Test
    void aSpareThatIsALinkToTheDataFileIsNeverExtended() throws IOException {
        ParquetPersistence<OrderSoA> persistence = savedAndAppendedOnce(new ArrayList<>());
        Files.delete(spare());
        Files.createLink(spare(), data());
        dirSpare().record(this.dir.resolve(".data.parquet.test.tmp"));
        byte[] published = Files.readAllBytes(data());

        assertThat(dirSpare().usable()).as("a record that names one file twice").isNull();
        Object before = inode(data());
        persistence.append(CrashState.batch(201, 100)).join();

        assertThat(inode(data())).as("a new copy").isNotEqualTo(before);
        assertThat(Files.readAllBytes(spare())).as("the old data file, unchanged").isEqualTo(published);
        assertThat(persistence.load().join()).contains(rows(3));
    }

    private AppendSpare dirSpare() {
        return new AppendSpare(this.dir.toAbsolutePath(), data().toAbsolutePath());
    }

    @Test
    void aFailedAppendCutsTheSpareBackSoTheNextAppendStillExtendsIt() throws IOException {
        ParquetPersistence<RequiredAddressView> persistence = new ParquetPersistence<>(RequiredAddressView.class,
                this.dir);
        persistence.save(new RequiredAddressView(RequiredAddressView.orders(1, 100, -1))).join();
        persistence.append(new RequiredAddressView(RequiredAddressView.orders(101, 100, -1))).join();
        byte[] spareBytes = Files.readAllBytes(spare());
        Object spareBefore = inode(spare());

        Throwable failure = Futures.failure(persistence.append(
                new RequiredAddressView(RequiredAddressView.orders(201, 100, 250))));

        assertThat(failure).isInstanceOf(TypeConversionException.class);
        assertThat(Files.readAllBytes(spare())).as("the spare, cut back").isEqualTo(spareBytes);
        assertThat(dirSpare().usable()).as("as its record describes it").isNotNull();
        persistence.append(new RequiredAddressView(RequiredAddressView.orders(201, 100, -1))).join();
        assertThat(inode(data())).as("the next append extended it").isEqualTo(spareBefore);
        OrderSoA expected = RequiredAddressView.orders(1, 100, -1);
        expected.addAll(RequiredAddressView.orders(101, 100, -1));
        expected.addAll(RequiredAddressView.orders(201, 100, -1));
        assertThat(persistence.load().join().orElseThrow().data()).isEqualTo(expected);
    }

    @Test
    void aSaveReplacesTheSpareAndAClearDeletesIt() throws IOException {
        ParquetPersistence<OrderSoA> persistence = savedAndAppendedOnce(new ArrayList<>());
        assertThat(record()).exists();

        persistence.save(CrashState.batch(1, 10)).join();
        assertThat(Files.mismatch(spare(), data())).as("a copy of the saved file, not the append's spare")
            .isEqualTo(-1);
        assertThat(Files.isSameFile(spare(), data())).as("two files, not two names of one").isFalse();

        persistence.append(CrashState.batch(11, 10)).join();
        assertThat(spare()).exists();
        persistence.clear().join();
        assertThat(spare()).doesNotExist();
        assertThat(record()).doesNotExist();
        assertThat(data()).doesNotExist();
    }

    @Test
    void withoutTheSpareCopyAppendsCopyAndDeleteASpareLeftBefore() throws IOException {
        savedAndAppendedOnce(new ArrayList<>());
        ParquetPersistence<OrderSoA> persistence = new ParquetPersistence<>(OrderSoA.class, this.dir)
            .withSpareCopy(false);
        assertThat(persistence.spareCopy()).isFalse();

        persistence.append(CrashState.batch(201, 100)).join();
        persistence.append(CrashState.batch(301, 100)).join();

        assertThat(spare()).doesNotExist();
        assertThat(record()).doesNotExist();
        assertThat(persistence.load().join()).contains(rows(4));
    }

    @Test
    void twoInstancesTakingTurnsEachSeeTheOthersAppends() {
        ParquetPersistence<OrderSoA> first = new ParquetPersistence<>(OrderSoA.class, this.dir);
        ParquetPersistence<OrderSoA> second = new ParquetPersistence<>(OrderSoA.class, this.dir);
        first.save(CrashState.batch(1, 100)).join();
        for (int b = 1; b < 8; b++) {
            ((b % 3 == 0) ? first : second).append(CrashState.batch(1 + 100L * b, 100)).join();
        }
        assertThat(first.load().join()).contains(rows(8));
        assertThat(second.count().join()).isEqualTo(800);
    }

    @Test
    void unusedBytesStayBoundedBecauseAFullCopyRemovesThem() throws IOException {
        ParquetPersistence<OrderSoA> persistence = new ParquetPersistence<>(OrderSoA.class, this.dir);
        persistence.save(CrashState.batch(1, 2_000)).join();
        int extended = 0;
        for (int b = 0; b < 150; b++) {
            Object spareBefore = Files.exists(spare()) ? inode(spare()) : null;
            persistence.append(CrashState.batch(10_000 + 10L * b, 10)).join();
            if (inode(data()).equals(spareBefore)) {
                extended++;
            }
            ParquetMetadata footer = footer(data());
            long live = 0;
            long chunksEnd = 0;
            for (BlockMetaData block : footer.getBlocks()) {
                for (ColumnChunkMetaData chunk : block.getColumns()) {
                    live += chunk.getTotalSize();
                    chunksEnd = Math.max(chunksEnd, chunk.getStartingPos() + chunk.getTotalSize());
                }
            }
            long size = Files.size(data());
            long indexesAndFooter = size - chunksEnd;
            assertThat(size - live - indexesAndFooter).as("unused bytes after append %d of a %d-byte file", b, size)
                .isLessThanOrEqualTo(Math.max(64 * 1024, size / 8) + indexesAndFooter);
        }
        assertThat(extended).as("appends that extended the spare; the others copied to drop unused bytes")
            .isBetween(1, 149);
        assertThat(persistence.count().join()).isEqualTo(2_000 + 150 * 10);
    }

    private static ParquetMetadata footer(Path file) throws IOException {
        try (ChannelInputFile input = ChannelInputFile.open(file);
                ParquetFileReader reader = new ParquetFileReader(input, ParquetReadOptions
                    .builder(new PlainParquetConfiguration()).withCodecFactory(StandaloneCodecFactory.forReading())
                    .build())) {
            return reader.getFooter();
        }
    }
}
