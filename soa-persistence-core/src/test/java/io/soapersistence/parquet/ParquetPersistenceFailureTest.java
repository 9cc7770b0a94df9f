package io.soapersistence.parquet;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;

import io.soapersistence.ColumnNotFoundException;
import io.soapersistence.CorruptFileException;
import io.soapersistence.PersistenceCancelledException;
import io.soapersistence.PersistenceIoException;
import io.soapersistence.SchemaMismatchException;
import io.soapersistence.TypeConversionException;
import io.soapersistence.fixtures.AllTypesSoA;
import io.soapersistence.fixtures.Order;
import io.soapersistence.fixtures.OrderSoA;
import io.soapersistence.fixtures.RandomRows;
import io.soapersistence.fixtures.ShipmentSoA;
import io.soapersistence.fixtures.ShipmentText;
import io.soapersistence.fixtures.ShipmentTextSoA;
import io.soapersistence.fixtures.TextCountSoA;
import io.soapersistence.fixtures.TradeSoA;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/** Every error kind, provoked for real; and after every failure the stored data is still there. */
class ParquetPersistenceFailureTest {

    @TempDir
    Path dir;

    private Path file() {
        return this.dir.resolve("data.parquet");
    }

    private OrderSoA orders(int rows) {
        RandomRows random = new RandomRows(rows);
        OrderSoA soa = new OrderSoA();
        for (int i = 1; i <= rows; i++) {
            soa.add(random.order(i));
        }
        return soa;
    }

    private ParquetPersistence<OrderSoA> savedOrders(int rows) {
        ParquetPersistence<OrderSoA> persistence = new ParquetPersistence<>(OrderSoA.class, this.dir);
        persistence.save(orders(rows)).join();
        return persistence;
    }

    @Test
    void ioErrorNamesTheFileWhenTheDirectoryCannotExist() throws IOException {
        Path notADirectory = Files.writeString(this.dir.resolve("plain-file"), "x");
        ParquetPersistence<OrderSoA> persistence = new ParquetPersistence<>(OrderSoA.class, notADirectory.resolve("ds"));

        assertThat(Futures.failure(persistence.save(orders(3)))).isInstanceOf(PersistenceIoException.class)
            .hasMessageContaining(notADirectory.resolve("ds/data.parquet").toString());
        assertThat(Futures.failure(persistence.load())).isInstanceOf(PersistenceIoException.class)
            .hasMessageContaining("ot a directory");
        assertThat(Futures.failure(persistence.count())).isInstanceOf(PersistenceIoException.class);
    }

    @Test
    void columnNotFoundNamesTheColumnAndTheFile() {
        savedOrders(5);
        Throwable failure = Futures.failure(new ParquetPersistence<>(TradeSoA.class, this.dir).load());
        assertThat(failure).isInstanceOfSatisfying(ColumnNotFoundException.class,
                ex -> assertThat(ex.column()).isEqualTo("trade_id"))
            .hasMessageContaining(file().toAbsolutePath().toString());
    }

    @Test
    void schemaMismatchNamesTheColumnTheExpectedAndTheFoundType() {
        RandomRows random = new RandomRows(7);
        AllTypesSoA data = new AllTypesSoA();
        data.add(random.allTypes());
        new ParquetPersistence<>(AllTypesSoA.class, this.dir).save(data).join();

        Throwable failure = Futures.failure(new ParquetPersistence<>(TextCountSoA.class, this.dir).load());

        assertThat(failure).isInstanceOfSatisfying(SchemaMismatchException.class, ex -> {
            assertThat(ex.column()).isEqualTo("count");
            assertThat(ex.expected()).contains("Utf8");
            assertThat(ex.found()).contains("INT32");
            assertThat(ex.file()).contains(file().toAbsolutePath());
        });
    }

    @Test
    void typeConversionNamesTheColumnForUnknownEnumConstantsAndNullsInPrimitives() {
        ParquetPersistence<ShipmentTextSoA> text = new ParquetPersistence<>(ShipmentTextSoA.class, this.dir);
        ParquetPersistence<ShipmentSoA> typed = new ParquetPersistence<>(ShipmentSoA.class, this.dir);

        text.save(ShipmentTextSoA.of(new ShipmentText(1, "SHIPPED", 2), new ShipmentText(2, "LOST", 1))).join();
        assertThat(Futures.failure(typed.load())).isInstanceOfSatisfying(TypeConversionException.class,
                ex -> assertThat(ex.column()).isEqualTo("status"))
            .hasMessageContaining("LOST")
            .hasMessageContaining(file().toAbsolutePath().toString());

        text.save(ShipmentTextSoA.of(new ShipmentText(1, "SHIPPED", null))).join();
        assertThat(Futures.failure(typed.load())).isInstanceOfSatisfying(TypeConversionException.class,
                ex -> assertThat(ex.column()).isEqualTo("quantity"));

        text.save(ShipmentTextSoA.of(new ShipmentText(1, "SHIPPED", 3))).join();
        assertThat(typed.load().join().orElseThrow().get(0).quantity()).isEqualTo(3);
    }

    @Test
    void corruptFilesAreReportedAsCorruptNamingTheFile() throws IOException {
        byte[] valid = Files.readAllBytes(savedOrders(200).file());
        byte[] random = new byte[4096];
        new Random(1).nextBytes(random);
        byte[] badMagic = valid.clone();
        badMagic[valid.length - 1] = 'X';
        List<byte[]> broken = List.of(new byte[0], random, badMagic, java.util.Arrays.copyOf(valid, valid.length / 2),
                java.util.Arrays.copyOf(valid, valid.length - 9), "PAR1".getBytes(StandardCharsets.US_ASCII));
        ParquetPersistence<OrderSoA> persistence = new ParquetPersistence<>(OrderSoA.class, this.dir);
        for (byte[] content : broken) {
            Files.write(file(), content);
            assertThat(Futures.failure(persistence.load())).as("load of %d bytes", content.length)
                .isInstanceOf(CorruptFileException.class)
                .hasMessageContaining(file().toAbsolutePath().toString());
            assertThat(Futures.failure(persistence.count())).as("count of %d bytes", content.length)
                .isInstanceOf(CorruptFileException.class);
        }
    }

    @Test
    void appendOntoACorruptFileFailsWithoutTouchingIt() throws IOException {
        Files.createDirectories(this.dir);
        byte[] garbage = "definitely not parquet".getBytes(StandardCharsets.UTF_8);
        Files.write(file(), garbage);
        ParquetPersistence<OrderSoA> persistence = new ParquetPersistence<>(OrderSoA.class, this.dir);
        assertThat(Futures.failure(persistence.append(orders(3)))).isInstanceOf(CorruptFileException.class);
        assertThat(Files.readAllBytes(file())).isEqualTo(garbage);
        assertThat(tempFiles()).isEmpty();
    }

    @Test
    void interruptedWriteIsCancelledAndKeepsThePreviousData() {
        ParquetPersistence<OrderSoA> persistence = savedOrders(50);
        OrderSoA before = persistence.load().join().orElseThrow();
        Executor interrupting = task -> {
            Thread thread = new Thread(() -> {
                Thread.currentThread().interrupt();
                task.run();
            });
            thread.start();
        };

        Throwable failure = Futures.failure(persistence.withExecutor(interrupting).save(orders(500)));

        assertThat(failure).isInstanceOf(PersistenceCancelledException.class)
            .hasMessageContaining(file().toAbsolutePath().toString());
        assertThat(persistence.load().join()).contains(before);
        assertThat(tempFiles()).isEmpty();
    }

    @Test
    void anotherProcessHoldingTheLockStopsWritersWithAClearErrorAndReadersStillRead() throws Exception {
        ParquetPersistence<OrderSoA> persistence = savedOrders(20);
        Process holder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                System.getProperty("java.class.path"), LockHolder.class.getName(), this.dir.toString())
            .redirectErrorStream(true)
            .start();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(holder.getInputStream(),
                StandardCharsets.UTF_8)); OutputStream in = holder.getOutputStream()) {
            assertThat(out.readLine()).isEqualTo("locked");

            Throwable failure = Futures.failure(persistence.withLockTimeout(Duration.ofMillis(300)).append(orders(5)));
            assertThat(failure).isInstanceOf(PersistenceIoException.class)
                .hasMessageContaining("another process")
                .hasMessageContaining("nothing was written");
            assertThat(persistence.count().join()).isEqualTo(20);

            in.write('\n');
            in.flush();
            assertThat(holder.waitFor(30, TimeUnit.SECONDS)).isTrue();
        }
        finally {
            holder.destroyForcibly();
        }
        persistence.append(orders(5)).join();
        assertThat(persistence.count().join()).isEqualTo(25);
    }

    @Test
    void leftoverTemporaryFilesOfACrashedWriterAreRemovedByTheNextWrite() throws IOException {
        ParquetPersistence<OrderSoA> persistence = savedOrders(10);
        Path leftover = this.dir.resolve(DatasetDirectory.TEMP_PREFIX + "crashed" + DatasetDirectory.TEMP_SUFFIX);
        Files.write(leftover, new byte[1234]);

        assertThat(persistence.count().join()).as("readers ignore leftovers").isEqualTo(10);
        persistence.append(orders(1)).join();

        assertThat(leftover).doesNotExist();
        assertThat(tempFiles()).isEmpty();
    }

    @Test
    void readersAlwaysSeeACompleteCommittedFileWhileWritersReplaceIt() throws Exception {
        ParquetPersistence<OrderSoA> persistence = savedOrders(100);
        List<Integer> sizes = List.of(100, 2000, 7, 4000);
        Thread writer = new Thread(() -> {
            for (int round = 0; round < 12; round++) {
                persistence.save(orders(sizes.get(round % sizes.size()))).join();
            }
        });
        writer.start();
        int loads = 0;
        while (writer.isAlive() || loads < 5) {
            OrderSoA loaded = persistence.load().join().orElseThrow();
            assertThat(sizes).contains(loaded.size());
            assertThat(loaded).isEqualTo(orders(loaded.size()));
            loads++;
        }
        writer.join();
        assertThat(tempFiles()).isEmpty();
    }

    @Test
    void rejectedAppendKeepsThePreviousData() {
        ParquetPersistence<OrderSoA> persistence = savedOrders(30);
        OrderSoA before = persistence.load().join().orElseThrow();
        OrderSoA impossible = new OrderSoA();
        impossible.add(new Order(1, 1, 1, 1, 1.0, 1.0, null, null, null, null));
        ParquetPersistence<ShipmentSoA> wrongType = new ParquetPersistence<>(ShipmentSoA.class, this.dir);

        assertThat(Futures.failure(wrongType.append(new ShipmentSoA()))).isInstanceOf(SchemaMismatchException.class);
        persistence.append(impossible).join();
        assertThat(persistence.count().join()).isEqualTo(31);
        assertThat(persistence.load().join().orElseThrow().filterIndexes(i -> i < 30)).isEqualTo(before);
    }

    @Test
    void nestedColumnsAreAFormatError() throws Exception {
        Files.createDirectories(this.dir);
        try (java.sql.Connection duckdb = java.sql.DriverManager.getConnection("jdbc:duckdb:");
                java.sql.Statement statement = duckdb.createStatement()) {
            statement.execute("COPY (SELECT [1, 2, 3]::BIGINT[] AS count) TO '" + file() + "' (FORMAT PARQUET)");
        }
        Throwable failure = Futures.failure(new ParquetPersistence<>(TextCountSoA.class, this.dir).load());
        assertThat(failure).isInstanceOf(io.soapersistence.FormatException.class)
            .hasMessageContaining("count")
            .hasMessageContaining("nested or repeated")
            .hasMessageContaining(file().toAbsolutePath().toString());
    }

    @Test
    void appendOntoRequiredColumnsOfAnotherWriterAcceptsValuesAndRejectsNulls() throws Exception {
        Files.createDirectories(this.dir);
        try (java.sql.Connection duckdb = java.sql.DriverManager.getConnection("jdbc:duckdb:");
                java.sql.Statement statement = duckdb.createStatement()) {
            // Constant expressions make DuckDB declare the columns REQUIRED.
            statement.execute("COPY (SELECT 1::BIGINT AS id, 'SHIPPED' AS status, 2::INTEGER AS quantity) TO '"
                    + file() + "' (FORMAT PARQUET)");
        }
        ParquetPersistence<ShipmentTextSoA> persistence = new ParquetPersistence<>(ShipmentTextSoA.class, this.dir);
        byte[] before = Files.readAllBytes(file());

        assertThat(Futures.failure(persistence.append(ShipmentTextSoA.of(new ShipmentText(2, null, 1)))))
            .isInstanceOfSatisfying(TypeConversionException.class, ex -> assertThat(ex.column()).isEqualTo("status"))
            .hasMessageContaining("required");
        assertThat(Files.readAllBytes(file())).isEqualTo(before);

        persistence.append(ShipmentTextSoA.of(new ShipmentText(2, "DELIVERED", 5))).join();
        assertThat(persistence.load().join()).contains(ShipmentTextSoA.of(new ShipmentText(1, "SHIPPED", 2),
                new ShipmentText(2, "DELIVERED", 5)));
    }

    private List<Path> tempFiles() {
        try (var files = Files.list(this.dir)) {
            return files.filter(path -> path.getFileName().toString().endsWith(DatasetDirectory.TEMP_SUFFIX)).toList();
        }
        catch (IOException ex) {
            throw new java.io.UncheckedIOException(ex);
        }
    }
}
