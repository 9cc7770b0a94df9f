package io.soapersistence.parquet;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import io.soapersistence.PersistenceException;
import io.soapersistence.PersistenceIoException;
import io.soapersistence.fixtures.OrderSoA;
import io.soapersistence.fixtures.RandomRows;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Faults the operating system really raises: a file size limit, a full file system, a read-only or immutable
 * directory, a directory deleted underneath. Each ends in a typed error naming the file, and the data stored
 * before stays intact and loadable. Cases that need root privileges the machine does not grant are skipped.
 */
class OsFaultTest {

    @TempDir
    Path tmp;

    private static OrderSoA orders(int rows) {
        RandomRows random = new RandomRows(rows);
        OrderSoA soa = new OrderSoA();
        for (int i = 1; i <= rows; i++) {
            soa.add(random.order(i));
        }
        return soa;
    }

    private static List<String> names(Path directory) throws IOException {
        try (Stream<Path> files = Files.list(directory)) {
            return files.map(file -> file.getFileName().toString()).sorted().toList();
        }
    }

    /** Runs a command; its exit code, or -1 if it could not run. Output goes to {@code output}. */
    private static int run(List<String> output, String... command) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            process.getOutputStream().close();
            boolean done = process.waitFor(120, TimeUnit.SECONDS);
            output.addAll(new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).lines().toList());
            if (!done) {
                process.destroyForcibly();
                return -1;
            }
            return process.exitValue();
        }
        catch (IOException ex) {
            return -1;
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    private static boolean run(String... command) {
        return run(new ArrayList<>(), command) == 0;
    }

    private static boolean isLinuxRoot() {
        return System.getProperty("os.name", "").startsWith("Linux")
                && "root".equals(System.getProperty("user.name"));
    }

    private static void assertNoTempFiles(Path directory) throws IOException {
        assertThat(names(directory)).noneMatch(name -> name.endsWith(".tmp"));
    }

    /**
     * RLIMIT_FSIZE: a write past the limit raises SIGXFSZ, which kills an ordinary process (bash's own
     * {@code head} dies of it), but the JVM ignores the signal, so the write fails with EFBIG, an IOException.
     * The child writes uncompressed: snappy-java would first fail to extract its native library under the limit.
     */
    @Test
    void fileSizeLimitGivesTheWriterATypedErrorAndKeepsThePreviousData() throws IOException {
        assumeTrue(System.getProperty("os.name", "").startsWith("Linux"), "needs bash and ulimit");
        Path dir = this.tmp.resolve("ds");
        ParquetPersistence<OrderSoA> persistence = new ParquetPersistence<>(OrderSoA.class, dir);
        OrderSoA small = orders(20);
        persistence.save(small).join();
        assertThat(Files.size(dir.resolve("data.parquet"))).isLessThan(64 * 1024);

        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> output = new ArrayList<>();
        // 128 blocks of 1 KiB: room for the JVM's own files, not for 60,000 orders.
        int exit = run(output, "bash", "-c", "ulimit -f 128; exec \"$0\" -XX:-UsePerfData -Xshare:off -cp \"$1\" "
                + OversizedSaver.class.getName() + " \"$2\" 60000", java, System.getProperty("java.class.path"),
                dir.toString());

        assertThat(exit).as("child output %s", output).isZero();
        assertThat(output).as("the child survived SIGXFSZ and got a typed error")
            .anyMatch(line -> line.startsWith("failed " + PersistenceIoException.class.getName())
                    && line.contains(dir.resolve("data.parquet").toString()) && line.contains("File too large"));
        assertThat(persistence.load().join()).contains(small);
        assertNoTempFiles(dir);
        OrderSoA next = orders(30);
        persistence.save(next).join();
        assertThat(persistence.load().join()).contains(next);
        assertNoTempFiles(dir);
    }

    /**
     * Under the same limit snappy-java cannot extract its native library (EFBIG on its temporary copy): the
     * writer gets a typed error that says so instead of an UnsatisfiedLinkError, and the data stays.
     */
    @Test
    void codecWhoseNativeLibraryCannotBeExtractedIsATypedErrorAndKeepsThePreviousData() throws IOException {
        assumeTrue(System.getProperty("os.name", "").startsWith("Linux"), "needs bash and ulimit");
        Path dir = this.tmp.resolve("ds");
        ParquetPersistence<OrderSoA> persistence = new ParquetPersistence<>(OrderSoA.class, dir);
        OrderSoA small = orders(20);
        persistence.save(small).join();

        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> output = new ArrayList<>();
        int exit = run(output, "bash", "-c", "ulimit -f 128; exec \"$0\" -XX:-UsePerfData -Xshare:off "
                + "-Djava.io.tmpdir=\"$3\" -Dorg.xerial.snappy.tempdir=\"$3\" -cp \"$1\" "
                + OversizedSaver.class.getName() + " \"$2\" 60000 snappy", java, System.getProperty("java.class.path"),
                dir.toString(), Files.createDirectories(this.tmp.resolve("child-tmp")).toString());

        assertThat(exit).as("child output %s", output).isZero();
        assertThat(output).as("child output")
            .anyMatch(line -> line.startsWith("failed " + PersistenceIoException.class.getName())
                    && line.contains(dir.resolve("data.parquet").toString())
                    && line.contains("native library of compression codec SNAPPY"));
        assertThat(persistence.load().join()).contains(small);
        assertNoTempFiles(dir);
    }

    /** Checks run against a dataset directory on a file system that fills up. */
    @FunctionalInterface
    private interface OnSmallFileSystem {

        void run(Path dir) throws IOException;
    }

    /** Runs {@code checks} on the dataset directory {@code ds} of a fresh 1 MiB tmpfs, unmounted afterwards. */
    private void onSmallFileSystem(String name, OnSmallFileSystem checks) throws IOException {
        assumeTrue(isLinuxRoot(), "mounting a tmpfs needs root on Linux");
        Path mount = Files.createDirectories(this.tmp.resolve(name));
        assumeTrue(run("mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", mount.toString()),
                "mount -t tmpfs is refused here");
        try {
            checks.run(mount.resolve("ds"));
        }
        finally {
            run("umount", "-l", mount.toString());
        }
    }

    @Test
    void fullFileSystemIsATypedErrorAndKeepsThePreviousData() throws IOException {
        onSmallFileSystem("small-fs", dir -> {
            ParquetPersistence<OrderSoA> persistence = new ParquetPersistence<>(OrderSoA.class, dir);
            OrderSoA small = orders(20);
            persistence.save(small).join();

            Throwable failure = Futures.failure(persistence.save(orders(60_000)));

            assertThat(failure).isInstanceOf(PersistenceIoException.class)
                .hasMessageContaining(dir.resolve("data.parquet").toString())
                .hasMessageContaining("No space left on device");
            assertThat(persistence.load().join()).contains(small);
            assertNoTempFiles(dir);
            Throwable appendFailure = Futures.failure(persistence.append(orders(60_000)));
            assertThat(appendFailure).isInstanceOf(PersistenceIoException.class);
            assertThat(persistence.load().join()).contains(small);
            assertNoTempFiles(dir);
        });
    }

    @Test
    void aFullFileSystemDuringTheSavesSpareLeavesTheSaveCommittedWithoutIt() throws IOException {
        onSmallFileSystem("small-fs-for-the-spare", dir -> {
            List<OperationOutcome> outcomes = new ArrayList<>();
            ParquetPersistence<OrderSoA> persistence = new ParquetPersistence<>(OrderSoA.class, dir)
                .withListener((p, operation) -> outcomes::add);
            persistence.save(orders(20)).join();
            persistence.append(orders(20)).join();
            OrderSoA large = orders(15_000);

            persistence.save(large).join();

            long saved = Files.size(dir.resolve(DatasetDirectory.DATA_FILE));
            assertThat(saved).as("too large to be held twice").isGreaterThan(512 * 1024);
            assertThat(outcomes.get(outcomes.size() - 1).bytesWritten()).as("the file, without its spare")
                .isEqualTo(saved);
            assertThat(dir.resolve(AppendSpare.SPARE_FILE)).doesNotExist();
            assertNoTempFiles(dir);
            assertThat(persistence.load().join()).contains(large);
        });
    }

    @Test
    void readOnlyMountIsATypedErrorAndKeepsThePreviousData() throws IOException {
        assumeTrue(isLinuxRoot(), "bind mounts need root on Linux");
        Path dir = this.tmp.resolve("ds");
        ParquetPersistence<OrderSoA> persistence = new ParquetPersistence<>(OrderSoA.class, dir);
        OrderSoA small = orders(20);
        persistence.save(small).join();
        assumeTrue(run("mount", "--bind", dir.toString(), dir.toString()), "mount --bind is refused here");
        try {
            assumeTrue(run("mount", "-o", "remount,bind,ro", dir.toString()), "a read-only remount is refused here");

            for (CompletableFuture<Void> write : List.of(persistence.save(orders(50)), persistence.append(orders(5)),
                    persistence.clear())) {
                assertThat(Futures.failure(write)).isInstanceOf(PersistenceIoException.class)
                    .hasMessageContaining(dir.toString())
                    .hasMessageContaining("Read-only file system");
            }
            assertThat(persistence.load().join()).contains(small);
        }
        finally {
            run("umount", "-l", dir.toString());
        }
        assertThat(persistence.load().join()).contains(small);
        assertNoTempFiles(dir);
    }

    @Test
    void immutableDirectoryIsATypedErrorAndKeepsThePreviousData() throws IOException {
        assumeTrue(isLinuxRoot(), "chattr +i needs root on Linux");
        Path dir = this.tmp.resolve("ds");
        ParquetPersistence<OrderSoA> persistence = new ParquetPersistence<>(OrderSoA.class, dir);
        OrderSoA small = orders(20);
        persistence.save(small).join();
        assumeTrue(run("chattr", "+i", dir.toString()), "chattr +i is refused here (file system or capability)");
        try {
            for (CompletableFuture<Void> write : List.of(persistence.save(orders(50)), persistence.append(orders(5)),
                    persistence.clear())) {
                assertThat(Futures.failure(write)).isInstanceOf(PersistenceIoException.class)
                    .hasMessageContaining(dir.toString());
            }
            assertThat(persistence.load().join()).contains(small);
        }
        finally {
            run("chattr", "-i", dir.toString());
        }
        assertThat(persistence.load().join()).contains(small);
        assertNoTempFiles(dir);
        persistence.save(orders(7)).join();
        assertThat(persistence.count().join()).isEqualTo(7);
    }

    /** Works without privileges: a regular file takes the directory's place, then the directory comes back. */
    @Test
    void regularFileInPlaceOfTheDirectoryIsATypedErrorAndTheMovedDataStaysIntact() throws IOException {
        Path dir = this.tmp.resolve("ds");
        ParquetPersistence<OrderSoA> persistence = new ParquetPersistence<>(OrderSoA.class, dir);
        OrderSoA small = orders(20);
        persistence.save(small).join();
        Path aside = Files.move(dir, this.tmp.resolve("aside"));
        Files.writeString(dir, "not a directory");

        assertThat(Futures.failure(persistence.save(orders(50)))).isInstanceOf(PersistenceIoException.class)
            .hasMessageContaining(dir.toString());
        assertThat(Futures.failure(persistence.append(orders(5)))).isInstanceOf(PersistenceIoException.class)
            .hasMessageContaining(dir.toString());
        assertThat(Futures.failure(persistence.load())).isInstanceOf(PersistenceIoException.class)
            .hasMessageContaining("ot a directory");
        assertThat(Files.readString(dir)).isEqualTo("not a directory");

        Files.delete(dir);
        Files.move(aside, dir);
        assertThat(persistence.load().join()).contains(small);
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> files = Files.walk(root)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(file);
            }
        }
    }

    /** Decided: a deleted dataset directory is an empty dataset, as one never created; the next write recreates it. */
    @Test
    void directoryDeletedBetweenOperationsReadsAsEmptyAndTheNextSaveRecreatesIt() throws IOException {
        for (Layout layout : Layout.values()) {
            Path dir = this.tmp.resolve("ds-" + layout);
            ParquetPersistence<OrderSoA> persistence = new ParquetPersistence<>(OrderSoA.class, dir).withLayout(layout);
            persistence.save(orders(20)).join();
            deleteTree(dir);

            assertThat(persistence.load().join()).isEmpty();
            assertThat(persistence.count().join()).isZero();
            assertThat(persistence.isEmpty().join()).isTrue();
            assertThat(persistence.select(OrderSoA.ORDER_ID.lt(5)).join()).isEqualTo(new OrderSoA());

            OrderSoA next = orders(30);
            persistence.save(next).join();
            assertThat(persistence.load().join()).as(layout.toString()).contains(next);
            deleteTree(dir);
            OrderSoA appended = orders(3);
            persistence.append(appended).join();
            assertThat(persistence.load().join()).as(layout.toString()).contains(appended);
        }
    }

    /**
     * The directory vanishes while an append runs: the append either fails with a typed error or succeeds, and
     * whatever is left afterwards loads as one of the consistent states, never as a damaged file.
     */
    @Test
    void directoryDeletedDuringAnAppendGivesATypedErrorOrAConsistentResult() throws Exception {
        OrderSoA old = orders(20);
        OrderSoA added = orders(20_000);
        OrderSoA both = new OrderSoA();
        both.addAll(old);
        both.addAll(added);
        int failures = 0;
        for (int attempt = 0; attempt < 8; attempt++) {
            Path dir = this.tmp.resolve("ds-" + attempt);
            ParquetPersistence<OrderSoA> persistence = new ParquetPersistence<>(OrderSoA.class, dir);
            persistence.save(old).join();
            CompletableFuture<Void> append = persistence.append(added);
            Thread.sleep(attempt * 3L);
            while (!append.isDone()) {
                try {
                    deleteTree(dir);
                }
                catch (IOException ex) {
                    // The writer created a file meanwhile; try again.
                }
                Thread.onSpinWait();
            }
            Optional<Throwable> failure = append.handle((ok, ex) -> Optional.ofNullable(ex)).join();
            if (failure.isPresent()) {
                failures++;
                assertThat(Futures.failure(append)).isInstanceOf(PersistenceException.class)
                    .hasMessageContaining(dir.toString());
            }
            Optional<OrderSoA> left = persistence.load().join();
            assertThat(left.isEmpty() || left.get().equals(old) || left.get().equals(added)
                    || left.get().equals(both)).as("attempt %d left %s rows", attempt, left.map(OrderSoA::size))
                .isTrue();
            persistence.save(old).join();
            assertThat(persistence.load().join()).contains(old);
        }
        assertThat(failures).isBetween(0, 8);
    }
}
