package io.soapersistence.parquet;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import io.soapersistence.fixtures.OrderSoA;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The spare copy a save makes when appends follow saves: which saves make one, that the first append after the
 * save extends it, and that a refused or failed copy leaves the saved data as it is and costs the next append no
 * more than a full copy.
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

    private DatasetDirectory directory() {
        return new DatasetDirectory(this.dir, ParquetPersistence.DEFAULT_LOCK_TIMEOUT);
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

    @Test
    void theFirstAppendAfterASaveOfADatasetThatIsAppendedToExtendsTheSpareTheSaveCopied() throws IOException {
        List<OperationOutcome> outcomes = new ArrayList<>();
        ParquetPersistence<OrderSoA> persistence = reportingTo(outcomes);
        persistence.save(rows(1, 1_000)).join();
        persistence.append(rows(1_001, 100)).join();

        persistence.save(rows(1, 2_000)).join();
        long saved = Files.size(this.data);
        assertThat(outcomes.get(outcomes.size() - 1).bytesWritten()).as("the saved file, written twice")
            .isEqualTo(2 * saved);
        persistence.append(rows(2_001, 100)).join();

        assertThat(outcomes.get(0).bytesWritten()).as("a save that keeps no spare writes its file once")
            .isEqualTo(outcomes.get(0).dataset().bytes());
        OperationOutcome append = outcomes.get(outcomes.size() - 1);
        assertThat(append.operation()).isEqualTo(Operation.APPEND);
        assertThat(append.bytesWritten()).as("the new rows, indexes and a footer, not a copy of the saved file")
            .isPositive()
            .isLessThan(Files.size(this.data) / 4);
        assertThat(persistence.load().join()).contains(savedThenAppended(2_000, 100));
        assertThat(persistence.count().join()).isEqualTo(2_100);
    }

    @Test
    void theCopyIsForcedRecordedAndHoldsTheSavedFileByteForByte() throws IOException {
        ParquetPersistence<OrderSoA> persistence = new ParquetPersistence<>(OrderSoA.class, this.dir);
        persistence.save(rows(1, 1_000)).join();
        persistence.append(rows(1_001, 100)).join();

        persistence.save(rows(1, 3_000)).join();

        assertThat(Files.isSameFile(this.spare, this.data)).as("two names of one file").isFalse();
        assertThat(Files.mismatch(this.spare, this.data)).as("an exact copy of the saved file").isEqualTo(-1);
        assertThat(new AppendSpare(this.dir.toAbsolutePath(), this.data.toAbsolutePath()).usable())
            .as("the record names both files").isNotNull();
        assertThat(temporaryFiles()).isEmpty();
        assertThat(directory().appendedSinceSave()).as("an unused copy is no sign of appends").isFalse();
    }

    @Test
    void aSaveOfADatasetNotAppendedToSinceItsLastSaveKeepsNoSpare() throws IOException {
        ParquetPersistence<OrderSoA> persistence = new ParquetPersistence<>(OrderSoA.class, this.dir);
        persistence.save(rows(1, 1_000)).join();
        persistence.save(rows(1, 1_000)).join();
        assertThat(this.spare).as("never appended to").doesNotExist();

        persistence.append(rows(1_001, 10)).join();
        persistence.save(rows(1, 500)).join();
        assertThat(this.spare).as("appended to since the save before").exists();

        persistence.save(rows(1, 600)).join();
        assertThat(this.spare).as("the copy the last save made went unused").doesNotExist();
        assertThat(persistence.load().join()).contains(rows(1, 600));
    }

    @Test
    void withoutTheSpareCopyASaveMakesNone() throws IOException {
        new ParquetPersistence<>(OrderSoA.class, this.dir).save(rows(1, 1_000)).join();
        new ParquetPersistence<>(OrderSoA.class, this.dir).append(rows(1_001, 10)).join();
        ParquetPersistence<OrderSoA> persistence = new ParquetPersistence<>(OrderSoA.class, this.dir)
            .withSpareCopy(false);

        persistence.save(rows(1, 2_000)).join();

        assertThat(this.spare).doesNotExist();
        assertThat(persistence.count().join()).isEqualTo(2_000);
    }

    @Test
    void aDataFileThatIsNoLongerTheSavedOneIsNotCopied() throws IOException {
        ParquetPersistence<OrderSoA> persistence = new ParquetPersistence<>(OrderSoA.class, this.dir);
        persistence.save(rows(1, 1_000)).join();
        AppendSpare.Identity saved = AppendSpare.Identity.of(this.data);
        persistence.save(rows(1, 1_001)).join();

        boolean copied = directory().write(() -> directory().copyDataFileToSpare(saved));

        assertThat(copied).isFalse();
        assertThat(this.spare).doesNotExist();
        assertThat(temporaryFiles()).isEmpty();
    }

    @Test
    void aCopyThatCannotBePublishedLeavesTheDataAndTheNextAppendCopies() throws IOException {
        ParquetPersistence<OrderSoA> persistence = new ParquetPersistence<>(OrderSoA.class, this.dir);
        persistence.save(rows(1, 1_000)).join();
        byte[] saved = Files.readAllBytes(this.data);
        // A directory that is not empty where the spare goes: neither deleted nor replaced by a rename.
        Files.createDirectories(this.spare.resolve("occupied"));

        assertThatExceptionOfType(IOException.class).isThrownBy(
                () -> directory().write(() -> directory().copyDataFileToSpare(AppendSpare.Identity.of(this.data))));

        assertThat(Files.readAllBytes(this.data)).isEqualTo(saved);
        assertThat(temporaryFiles()).isEmpty();
        persistence.append(rows(1_001, 100)).join();
        assertThat(persistence.load().join()).contains(savedThenAppended(1_000, 100));
    }

    @Test
    void aSaveWhoseCopyIntoTheSpareFailsIsStillCommitted() throws IOException {
        List<OperationOutcome> outcomes = new ArrayList<>();
        ParquetPersistence<OrderSoA> persistence = reportingTo(outcomes);
        persistence.save(rows(1, 1_000)).join();
        persistence.append(rows(1_001, 100)).join();
        // A directory that is not empty where the spare's record goes: the copy is made, but cannot be recorded.
        Path record = this.dir.resolve(AppendSpare.RECORD_FILE);
        Files.delete(record);
        Files.createDirectories(record.resolve("occupied"));
        assertThat(directory().appendedSinceSave()).isTrue();
        OrderSoA saved = rows(1, 2_000);

        persistence.save(saved).join();

        OperationOutcome save = outcomes.get(outcomes.size() - 1);
        assertThat(save.succeeded()).isTrue();
        assertThat(save.bytesWritten()).as("the saved file alone").isEqualTo(Files.size(this.data));
        assertThat(this.spare).as("an unrecorded copy, deleted").doesNotExist();
        assertThat(temporaryFiles()).isEmpty();
        assertThat(persistence.load().join()).contains(saved);
        persistence.append(rows(2_001, 100)).join();
        assertThat(persistence.load().join()).contains(savedThenAppended(2_000, 100));
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
