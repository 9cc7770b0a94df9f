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

        // A single-file save forces its file and the spare it writes beside it; both appends extend a spare.
        assertThat(kinds).as("forces of a save and two appends, in order").containsExactlyElementsOf(
                (layout == Layout.SINGLE_FILE)
                        ? List.of("file", "file", "directory", "spare", "directory", "spare", "directory")
                        : List.of("file", "directory", "file", "directory", "file", "directory"));
    }

    @Test
    void aSaveForcesItsFileAndItsSpareAsItWritesThemAndBothBeforeTheRename() throws Exception {
        OrderSoA orders = new OrderSoA();
        RandomRows random = new RandomRows(12);
        // Well over the few MiB a file gets before it is forced ahead.
        for (int i = 1; i <= 200_000; i++) {
            orders.add(random.order(i));
        }
        ParquetPersistence<OrderSoA> persistence = new ParquetPersistence<>(OrderSoA.class, this.dir);

        List<String> kinds = forcedWhile(persistence, () -> persistence.save(orders).join());

        assertThat(kinds.indexOf("directory")).as("the directory, forced once, after every force of a file")
            .isEqualTo(kinds.size() - 1);
        // Forced once each at the end, they would be forced twice in all.
        assertThat(kinds.subList(0, kinds.size() - 1)).as("the file and the spare, forced ahead and at the end")
            .hasSizeGreaterThanOrEqualTo(4)
            .containsOnly("file");
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
