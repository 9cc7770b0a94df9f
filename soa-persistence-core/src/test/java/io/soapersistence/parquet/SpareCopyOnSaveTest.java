package io.soapersistence.parquet;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import io.soapersistence.PersistenceIoException;
import io.soapersistence.fixtures.OrderSoA;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The spare copy every save of the single-file layout writes beside its file: that it is the saved file byte for
 * byte, forced and recorded, that the first append after the save extends it, and that a spare that cannot be
 * kept leaves the saved data as it is and costs the next append no more than a full copy.
 */
class SpareCopyOnSaveTest {

    @TempDir
    Path dir;

    private Path data;

    private Path spare;

    @BeforeEach
    void files() {
        this.data = this.dir.resolve(DatasetDirectory.DATA_FILE);
        this.spare = this.dir.resolve(AppendSpare.SPARE_FILE);
    }

    private static OrderSoA rows(long firstId, int rows) {
        return CrashState.batch(firstId, rows);
    }

    /** Rows 1 to {@code saved}, then the {@code appended} rows an append of the batch after them adds. */
    private static OrderSoA savedThenAppended(int saved, int appended) {
        OrderSoA rows = rows(1, saved);
        rows.addAll(rows(saved + 1L, appended));
        return rows;
    }

    private ParquetPersistence<OrderSoA> reportingTo(List<OperationOutcome> outcomes) {
        return new ParquetPersistence<>(OrderSoA.class, this.dir).withListener((p, operation) -> outcomes::add);
    }

    private List<Path> temporaryFiles() throws IOException {
        try (Stream<Path> files = Files.list(this.dir)) {
            return files.filter(file -> file.getFileName().toString().endsWith(DatasetDirectory.TEMP_SUFFIX))
                .toList();
        }
    }

    /** Replaces {@code file} by a directory that is not empty, which neither a rename nor a delete replaces. */
    private static void occupyWithADirectory(Path file) throws IOException {
        Files.delete(file);
        Files.createDirectories(file.resolve("occupied"));
    }

    private OperationOutcome last(List<OperationOutcome> outcomes) {
        return outcomes.get(outcomes.size() - 1);
    }

    @Test
    void aSaveWritesItsFileTwiceAndTheFirstAppendAfterItExtendsTheSpare() throws IOException {
        List<OperationOutcome> outcomes = new ArrayList<>();
        ParquetPersistence<OrderSoA> persistence = reportingTo(outcomes);

        persistence.save(rows(1, 2_000)).join();

        long saved = Files.size(this.data);
        assertThat(last(outcomes).bytesWritten()).as("the saved file, written twice").isEqualTo(2 * saved);
        assertThat(last(outcomes).dataset().bytes()).isEqualTo(saved);
        persistence.append(rows(2_001, 100)).join();
        OperationOutcome append = last(outcomes);
        assertThat(append.operation()).isEqualTo(Operation.APPEND);
        assertThat(append.bytesWritten()).as("the new rows, indexes and a footer, not a copy of the saved file")
            .isPositive()
            .isLessThan(saved / 4);
        assertThat(persistence.load().join()).contains(savedThenAppended(2_000, 100));
        assertThat(persistence.count().join()).isEqualTo(2_100);
    }

    @Test
    void theSpareIsASecondFileHoldingTheSavedFileByteForByteAndRecorded() throws IOException {
        ParquetPersistence<OrderSoA> persistence = new ParquetPersistence<>(OrderSoA.class, this.dir);
        persistence.save(rows(1, 1_000)).join();
        persistence.append(rows(1_001, 100)).join();

        persistence.save(rows(1, 3_000)).join();

        assertThat(Files.isSameFile(this.spare, this.data)).as("two names of one file").isFalse();
        assertThat(Files.mismatch(this.spare, this.data)).as("an exact copy of the saved file").isEqualTo(-1);
        assertThat(new AppendSpare(this.dir.toAbsolutePath(), this.data.toAbsolutePath()).usable())
            .as("the record names both files").isNotNull();
        assertThat(temporaryFiles()).isEmpty();
    }

    @Test
    void withoutTheSpareCopyASaveWritesItsFileOnceAndDeletesTheSpareLeftBefore() throws IOException {
        new ParquetPersistence<>(OrderSoA.class, this.dir).save(rows(1, 1_000)).join();
        assertThat(this.spare).exists();
        List<OperationOutcome> outcomes = new ArrayList<>();
        ParquetPersistence<OrderSoA> persistence = reportingTo(outcomes).withSpareCopy(false);

        persistence.save(rows(1, 2_000)).join();

        assertThat(this.spare).doesNotExist();
        assertThat(this.dir.resolve(AppendSpare.RECORD_FILE)).doesNotExist();
        assertThat(last(outcomes).bytesWritten()).isEqualTo(Files.size(this.data));
        assertThat(persistence.count().join()).isEqualTo(2_000);
    }

    @Test
    void aSpareThatCannotBePublishedLeavesTheSaveCommittedAndTheNextAppendCopies() throws IOException {
        ParquetPersistence<OrderSoA> persistence = new ParquetPersistence<>(OrderSoA.class, this.dir);
        persistence.save(rows(1, 1_000)).join();
        // A directory that is not empty where the spare goes: neither deleted nor replaced by a rename.
        occupyWithADirectory(this.spare);
        OrderSoA saved = rows(1, 2_000);

        persistence.save(saved).join();

        assertThat(persistence.load().join()).contains(saved);
        assertThat(temporaryFiles()).isEmpty();
        assertThat(new AppendSpare(this.dir.toAbsolutePath(), this.data.toAbsolutePath()).usable()).isNull();
        persistence.append(rows(2_001, 100)).join();
        assertThat(persistence.load().join()).contains(savedThenAppended(2_000, 100));
    }

    @Test
    void aSaveWhoseSpareCannotBeRecordedIsCommittedAndItsSpareDeleted() throws IOException {
        ParquetPersistence<OrderSoA> persistence = new ParquetPersistence<>(OrderSoA.class, this.dir);
        persistence.save(rows(1, 1_000)).join();
        // A directory that is not empty where the spare's record goes: the spare is written, but cannot be recorded.
        occupyWithADirectory(this.dir.resolve(AppendSpare.RECORD_FILE));
        OrderSoA saved = rows(1, 2_000);

        persistence.save(saved).join();

        assertThat(this.spare).as("an unrecorded spare, deleted").doesNotExist();
        assertThat(temporaryFiles()).isEmpty();
        assertThat(persistence.load().join()).contains(saved);
        persistence.append(rows(2_001, 100)).join();
        assertThat(persistence.load().join()).contains(savedThenAppended(2_000, 100));
    }

    @Test
    void aSaveThatCannotPublishLeavesTheSpareAndNoTemporaryFiles() throws IOException {
        ParquetPersistence<OrderSoA> persistence = new ParquetPersistence<>(OrderSoA.class, this.dir);
        persistence.save(rows(1, 1_000)).join();
        persistence.append(rows(1_001, 10)).join();
        byte[] spare = Files.readAllBytes(this.spare);
        // A directory that is not empty where the data file goes: the rename that would publish the save fails.
        occupyWithADirectory(this.data);

        assertThat(Futures.failure(persistence.save(rows(1, 500)))).isInstanceOf(PersistenceIoException.class)
            .hasMessageContaining(this.data.toString());

        assertThat(Files.readAllBytes(this.spare)).isEqualTo(spare);
        assertThat(temporaryFiles()).as("neither the file nor its spare copy left behind").isEmpty();
    }

    @Test
    void theMultiFileLayoutNeverKeepsASpare() throws IOException {
        ParquetPersistence<OrderSoA> persistence = new ParquetPersistence<>(OrderSoA.class, this.dir)
            .withLayout(Layout.MULTI_FILE);
        persistence.save(rows(1, 100)).join();
        persistence.append(rows(101, 100)).join();
        persistence.save(rows(1, 300)).join();
        assertThat(this.spare).doesNotExist();
        assertThat(persistence.count().join()).isEqualTo(300);
    }
}
