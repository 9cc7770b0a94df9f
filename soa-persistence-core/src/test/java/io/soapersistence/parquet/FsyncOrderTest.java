package io.soapersistence.parquet;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import io.soapersistence.fixtures.OrderSoA;
import io.soapersistence.fixtures.RandomRows;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The fsync discipline, observed through the JVM's own file-force events: every write forces its temporary
 * file before it is renamed into place, and forces the directory after the rename, so neither the data nor the
 * new name can be lost by a crash after the write returned.
 */
class FsyncOrderTest {

    @TempDir
    Path dir;

    /** One forced file or directory, in the order forced. */
    private record Force(Instant at, String path) {
    }

    private static OrderSoA orders() {
        RandomRows random = new RandomRows(11);
        OrderSoA orders = new OrderSoA();
        for (int i = 1; i <= 1_000; i++) {
            orders.add(random.order(i));
        }
        return orders;
    }

    @ParameterizedTest
    @EnumSource(Layout.class)
    void everyWriteForcesTheNewFileBeforeItsRenameAndTheDirectoryAfter(Layout layout) throws Exception {
        OrderSoA orders = orders();
        ParquetPersistence<OrderSoA> persistence = new ParquetPersistence<>(OrderSoA.class, this.dir)
            .withLayout(layout);
        List<String> kinds = forcedWhile(persistence, () -> {
            persistence.save(orders).join();
            persistence.append(orders).join();
            persistence.append(orders).join();
        });

        // The second single-file append extends the spare copy the first one kept, instead of a new file.
        assertThat(kinds).as("forces of a save and two appends, in order").containsExactly("file", "directory",
                "file", "directory", (layout == Layout.SINGLE_FILE) ? "spare" : "file", "directory");
    }

    @Test
    void aSaveThatCopiesItsFileIntoTheSpareForcesTheCopy() throws Exception {
        OrderSoA orders = orders();
        ParquetPersistence<OrderSoA> persistence = new ParquetPersistence<>(OrderSoA.class, this.dir);
        persistence.save(orders).join();
        persistence.append(orders).join();

        List<String> kinds = forcedWhile(persistence, () -> {
            persistence.save(orders).join();
            persistence.append(orders).join();
        });

        // The save's file and the directory, the spare's copy under its temporary name, then the append.
        assertThat(kinds).containsExactly("file", "directory", "file", "spare", "directory");
    }

    /** What {@code writes} forced, in order, each as its kind: a temporary file, the spare or the directory. */
    private List<String> forcedWhile(ParquetPersistence<OrderSoA> persistence, Runnable writes) throws Exception {
        Path recordingFile = this.dir.resolveSibling(this.dir.getFileName() + "-fsync.jfr");
        List<Force> forces = new ArrayList<>();
        try (Recording recording = new Recording()) {
            recording.enable("jdk.FileForce").withThreshold(java.time.Duration.ZERO);
            recording.start();
            writes.run();
            recording.stop();
            recording.dump(recordingFile);
        }
        for (RecordedEvent event : RecordingFile.readAllEvents(recordingFile)) {
            forces.add(new Force(event.getStartTime(), event.getString("path")));
        }
        java.nio.file.Files.deleteIfExists(recordingFile);
        forces.sort(java.util.Comparator.comparing(Force::at));
        return forces.stream()
            .map(force -> force.path().endsWith(DatasetDirectory.TEMP_SUFFIX) ? "file"
                    : force.path().endsWith(AppendSpare.SPARE_FILE) ? "spare"
                    : Path.of(force.path()).equals(persistence.directory()) ? "directory" : "other " + force.path())
            .toList();
    }
}
