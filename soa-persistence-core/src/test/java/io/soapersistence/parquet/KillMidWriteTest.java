package io.soapersistence.parquet;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import io.soapersistence.fixtures.OrderSoA;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Kills a writing process with SIGKILL at random instants, again and again, and checks after every kill that
 * the dataset loads and holds exactly the state of the last committed operation or of the one in flight, and
 * that the next write removes the kill's temporary files. The number of kills per layout is the system property
 * {@code soa.persistence.kills}, 50 by default as the reliability contract asks: each kill costs about 1.5 s (a
 * JVM start and warm-up), about two and a half minutes per run; lower it for a quick local run.
 */
class KillMidWriteTest {

    private static final int KILLS = Integer.getInteger("soa.persistence.kills", 50);

    @TempDir
    Path tmp;

    @ParameterizedTest
    @EnumSource(Layout.class)
    void aKilledWriterLeavesTheLastCommittedOrTheInFlightState(Layout layout) throws Exception {
        Path dir = this.tmp.resolve("dataset");
        Path log = this.tmp.resolve("writer.log");
        Path stderr = this.tmp.resolve("writer.err");
        Files.writeString(log, "commit init -\n");
        ParquetPersistence<OrderSoA> persistence = new ParquetPersistence<>(OrderSoA.class, dir).withLayout(layout)
            .withCompactionThreshold(4);
        Random random = new Random(layout.ordinal());
        List<String> jvm = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"),
                KillMidWriteChild.class.getName());
        int inFlightCommitted = 0;
        int operations = 0;
        for (int kill = 0; kill < KILLS; kill++) {
            List<String> command = new ArrayList<>(jvm);
            command.addAll(List.of(dir.toString(), layout.name(), log.toString(), Long.toString(random.nextLong())));
            Process child = new ProcessBuilder(command)
                .redirectError(stderr.toFile())
                .start();
            try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(),
                    StandardCharsets.UTF_8))) {
                assertThat(out.readLine()).as("kill %d: %s", kill, Files.readString(stderr)).isEqualTo("ready");
                Thread.sleep(50 + random.nextInt(351));
                assertThat(child.isAlive()).as("kill %d: the writer died by itself: %s", kill,
                        Files.readString(stderr)).isTrue();
            }
            finally {
                child.destroyForcibly();
                assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
            }

            List<String> lines = CrashState.completeLines(log);
            String lastCommit = lines.stream().filter(line -> line.startsWith("commit ")).reduce((a, b) -> b)
                .orElseThrow();
            String last = lines.get(lines.size() - 1);
            CrashState committed = CrashState.parse(lastCommit.split(" ")[2]);
            CrashState inFlight = CrashState.parse(last.split(" ")[2]);
            operations += (int) lines.stream().filter(line -> line.startsWith("commit ")).count() - 1;

            OrderSoA loaded = persistence.load().join().orElseGet(OrderSoA::new);
            CrashState state;
            if (loaded.equals(committed.rowsInOrder())) {
                state = committed;
            }
            else {
                assertThat(loaded).as("kill %d of %s: the dataset holds neither the last committed state %s nor "
                        + "the in-flight '%s'", kill, layout, lastCommit, last).isEqualTo(inFlight.rowsInOrder());
                state = inFlight;
                inFlightCommitted++;
            }
            assertThat(persistence.count().join()).isEqualTo(state.rows());

            persistence.compact().join();
            assertThat(tempFiles(dir)).as("kill %d: temporary files after the next write", kill).isEmpty();
            try (Stream<Path> files = Files.list(dir)) {
                assertThat(files.map(path -> path.getFileName().toString()).filter(name -> name.startsWith("part-"))
                    .map(name -> name.substring(0, "part-000000".length())).distinct())
                    .as("kill %d: part generations after the next write", kill).hasSizeLessThanOrEqualTo(1);
            }
            assertThat(persistence.load().join().orElseGet(OrderSoA::new)).isEqualTo(state.rowsInOrder());
            Files.writeString(log, "commit init " + state + "\n");
        }
        System.out.printf("KillMidWriteTest %s: %d kills, %d operations committed, %d in-flight operations found "
                + "committed%n", layout, KILLS, operations, inFlightCommitted);
    }

    /**
     * A multi-file save or compaction killed after publishing its new generation but before deleting the old one
     * leaves the old parts behind. Readers of this library skip them, but engines that read the directory by a
     * glob would see old and new rows together, so the next write must remove them.
     */
    @org.junit.jupiter.api.Test
    void theNextWriteRemovesAnOldGenerationThatAKilledSaveLeftBehind() throws IOException {
        Path dir = this.tmp.resolve("dataset");
        ParquetPersistence<OrderSoA> persistence = new ParquetPersistence<>(OrderSoA.class, dir)
            .withLayout(Layout.MULTI_FILE);
        persistence.append(CrashState.batch(1, 10)).join();
        persistence.append(CrashState.batch(11, 10)).join();
        byte[] first = Files.readAllBytes(dir.resolve("part-000001-000000.parquet"));
        byte[] second = Files.readAllBytes(dir.resolve("part-000001-000001.parquet"));
        persistence.save(CrashState.batch(100, 5)).join();
        // What the kill leaves: the new generation committed, the old one not yet deleted.
        Files.write(dir.resolve("part-000001-000000.parquet"), first);
        Files.write(dir.resolve("part-000001-000001.parquet"), second);
        assertThat(persistence.load().join()).contains(CrashState.batch(100, 5));

        persistence.append(CrashState.batch(200, 3)).join();

        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.map(path -> path.getFileName().toString()).filter(name -> name.endsWith(".parquet"))
                .sorted()).containsExactly("part-000002-000000.parquet", "part-000002-000001.parquet");
        }
        OrderSoA expected = CrashState.batch(100, 5);
        expected.addAll(CrashState.batch(200, 3));
        assertThat(persistence.load().join()).contains(expected);
    }

    static List<String> tempFiles(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(path -> path.getFileName().toString())
                .filter(name -> name.startsWith(DatasetDirectory.TEMP_PREFIX) && name.endsWith(
                        DatasetDirectory.TEMP_SUFFIX))
                .toList();
        }
    }
}
