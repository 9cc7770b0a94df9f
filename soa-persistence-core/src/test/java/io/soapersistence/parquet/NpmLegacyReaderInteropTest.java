package io.soapersistence.parquet;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.soapersistence.fixtures.Order;
import io.soapersistence.fixtures.OrderSoA;
import io.soapersistence.fixtures.OrderStatus;
import io.soapersistence.fixtures.PaymentMethod;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.SimpleGroupFactory;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.example.ExampleParquetWriter;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Types;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A JavaScript reader from 2023 opens our files: npm {@code parquet-wasm@0.4.0} (arrow2/parquet2 backend, the
 * thrift decoder that also sits in Polars 0.24) reads them, and every value it returns equals what was saved.
 * <p>
 * Unlike DuckDB 0.9.2 (see {@link LegacyReaderInteropTest}), this reader rejects the IEEE_754_TOTAL_ORDER column
 * order that parquet-java 1.18.1 writes for FLOAT and DOUBLE columns with "Invalid thrift: bad data", so it guards
 * the trap end to end; {@link #parquetJavaDefaultWriterFileWithADoubleColumnIsRejected()} proves that it can fail.
 * <p>
 * The node project in {@code src/test/node} is installed into {@code target/node} by {@code npm ci} during
 * generate-test-resources (see the pom). Node.js must be on the PATH: without it the build fails, it does not skip.
 * The script prints one header line ({@code name:arrowType} cells) and one tab-separated line per row, with exact
 * cells: {@code \N} for null, BigInt decimals for int64 and raw timestamps, {@code String(double)} (shortest
 * round-trip text, {@code -0}, {@code NaN}, {@code Infinity}) and JSON string literals.
 */
class NpmLegacyReaderInteropTest {

    private static final Path NODE_PROJECT = Path.of("target", "node");

    private static final Path SCRIPT = NODE_PROJECT.resolve("read-parquet.mjs");

    private static final long TIMEOUT_SECONDS = 60;

    private static final List<String> ORDER_HEADER = List.of("order_id:Int64", "customer_id:Int64",
            "product_id:Int64", "quantity:Int32", "unit_price:Float64", "total_amount:Float64", "status:Utf8",
            "payment_method:Utf8", "order_timestamp:Timestamp<MICROSECOND, +00:00>", "shipping_address_hash:Utf8");

    @TempDir
    Path dir;

    @BeforeAll
    static void nodeProjectIsInstalledWithTheIntendedReader() throws IOException {
        assertThat(SCRIPT).as("copied to target/node and installed by `npm ci` during generate-test-resources")
            .exists();
        Path installed = NODE_PROJECT.resolve("node_modules/parquet-wasm/package.json");
        assertThat(installed).as("installed by `npm ci` during generate-test-resources").exists();
        assertThat(Files.readString(installed)).containsPattern("\"version\"\\s*:\\s*\"0\\.4\\.0\"");
    }

    @Test
    void parquetWasm040ReadsEveryValueOfOurOrders() throws Exception {
        List<Order> orders = new ArrayList<>(InteropSamples.edgeOrders());
        orders.addAll(InteropSamples.bulkOrders(10, 2_000));
        ParquetPersistence<OrderSoA> persistence = new ParquetPersistence<>(OrderSoA.class, this.dir);
        persistence.save(OrderSoA.from(orders)).join();

        Result result = read(persistence.file());

        assertThat(result.exitCode()).as("stderr: %s", result.stderr()).isZero();
        assertThat(orders(result)).containsExactlyElementsOf(InteropSamples.sortedById(orders));
    }

    /**
     * Each codec of the contract, with appended row groups: small files, one node run each. The second append
     * extends the spare copy, so the file also holds the unused bytes of an old footer between row groups.
     */
    @ParameterizedTest
    @MethodSource("io.soapersistence.parquet.InteropSamples#codecs")
    void parquetWasm040ReadsEveryCodecAndAppends(Compression codec) throws Exception {
        ParquetPersistence<OrderSoA> persistence = new ParquetPersistence<>(OrderSoA.class, this.dir)
            .withCompression(codec);
        List<Order> all = new ArrayList<>(InteropSamples.edgeOrders());
        persistence.save(OrderSoA.from(all)).join();
        for (int batch = 0; batch < 2; batch++) {
            List<Order> more = InteropSamples.bulkOrders(100 + 200L * batch, 200);
            persistence.append(OrderSoA.from(more)).join();
            all.addAll(more);
        }
        assertThat(this.dir.resolve(AppendSpare.SPARE_FILE)).exists();

        Result result = read(persistence.file());

        assertThat(result.exitCode()).as("stderr: %s", result.stderr()).isZero();
        assertThat(orders(result)).containsExactlyElementsOf(InteropSamples.sortedById(all));
    }

    /**
     * The negative control: parquet-java's own writer with default settings marks the DOUBLE column
     * IEEE_754_TOTAL_ORDER, and the 2023 reader rejects the file. The same writer without a floating point column
     * is read, so it is the column order, not the writer, that the reader rejects.
     */
    @Test
    void parquetJavaDefaultWriterFileWithADoubleColumnIsRejected() throws Exception {
        MessageType withDouble = Types.buildMessage()
            .required(PrimitiveTypeName.INT64).named("id")
            .required(PrimitiveTypeName.DOUBLE).named("amount")
            .named("plain");
        Path trap = writeWithParquetJavaDefaults("with-double.parquet", withDouble,
                (groups) -> List.of(groups.newGroup().append("id", 1L).append("amount", -1.5)));

        Result rejected = read(trap);

        assertThat(rejected.exitCode()).as("stdout: %s", rejected.stdout()).isNotZero();
        assertThat(rejected.stderr()).contains("Invalid thrift");

        MessageType withoutDouble = Types.buildMessage()
            .required(PrimitiveTypeName.INT64).named("id")
            .optional(PrimitiveTypeName.BINARY).as(LogicalTypeAnnotation.stringType()).named("name")
            .named("plain");
        Path control = writeWithParquetJavaDefaults("without-double.parquet", withoutDouble,
                (groups) -> List.of(groups.newGroup().append("id", 1L).append("name", "😀")));

        Result accepted = read(control);

        assertThat(accepted.exitCode()).as("stderr: %s", accepted.stderr()).isZero();
        assertThat(accepted.stdout()).isEqualTo("id:Int64\tname:Utf8\n1\t\"😀\"\n");
    }

    private Path writeWithParquetJavaDefaults(String name, MessageType schema,
            java.util.function.Function<SimpleGroupFactory, List<Group>> rows) throws IOException {
        Path file = this.dir.resolve(name);
        try (ParquetWriter<Group> writer = ExampleParquetWriter.builder(new ChannelOutputFile(file))
            .withType(schema)
            .withConf(new PlainParquetConfiguration())
            .withCodecFactory(new StandaloneCodecFactory(Compression.snappy()))
            .withCompressionCodec(CompressionCodecName.SNAPPY)
            .build()) {
            for (Group group : rows.apply(new SimpleGroupFactory(schema))) {
                writer.write(group);
            }
        }
        return file;
    }

    // ---- running the script -----------------------------------------------------------------------------------

    private record Result(int exitCode, String stdout, String stderr) {
    }

    private Result read(Path file) throws IOException, InterruptedException {
        Path out = Files.createTempFile(this.dir, "stdout", ".txt");
        Path err = Files.createTempFile(this.dir, "stderr", ".txt");
        ProcessBuilder builder = new ProcessBuilder("node", SCRIPT.toString(), file.toAbsolutePath().toString())
            .redirectOutput(out.toFile())
            .redirectError(err.toFile());
        Process process;
        try {
            process = builder.start();
        }
        catch (IOException ex) {
            throw new AssertionError("Node.js is required by " + NpmLegacyReaderInteropTest.class.getSimpleName()
                    + " (the npm interop test with parquet-wasm 0.4.0) but `node` could not be started from the PATH. "
                    + "Install Node.js 18 or later (CI has Node 20).", ex);
        }
        if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
            throw new AssertionError("node " + SCRIPT + " did not finish within " + TIMEOUT_SECONDS + " s");
        }
        return new Result(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
    }

    // ---- parsing its output -----------------------------------------------------------------------------------

    private static List<Order> orders(Result result) {
        List<String> lines = result.stdout().lines().toList();
        assertThat(lines).as("header line").isNotEmpty();
        assertThat(cells(lines.get(0))).as("columns and Arrow types").containsExactlyElementsOf(ORDER_HEADER);
        List<Order> orders = new ArrayList<>(lines.size() - 1);
        for (String line : lines.subList(1, lines.size())) {
            List<String> c = cells(line);
            assertThat(c).as("cells of %s", line).hasSize(ORDER_HEADER.size());
            String status = string(c.get(6));
            String method = string(c.get(7));
            Long micros = longOrNull(c.get(8));
            orders.add(new Order(Long.parseLong(c.get(0)), Long.parseLong(c.get(1)), Long.parseLong(c.get(2)),
                    Integer.parseInt(c.get(3)), Double.parseDouble(c.get(4)), Double.parseDouble(c.get(5)),
                    (status != null) ? OrderStatus.valueOf(status) : null,
                    (method != null) ? PaymentMethod.valueOf(method) : null,
                    (micros != null) ? InteropSamples.instantOfMicros(micros) : null, string(c.get(9))));
        }
        return InteropSamples.sortedById(orders);
    }

    private static List<String> cells(String line) {
        return Arrays.asList(line.split("\t", -1));
    }

    private static boolean isNull(String cell) {
        return "\\N".equals(cell);
    }

    private static Long longOrNull(String cell) {
        return isNull(cell) ? null : Long.valueOf(cell);
    }

    /** A JSON string literal as JSON.stringify prints it, or null for {@code \N}. */
    private static String string(String cell) {
        if (isNull(cell)) {
            return null;
        }
        assertThat(cell).as("JSON string literal").startsWith("\"").endsWith("\"").hasSizeGreaterThanOrEqualTo(2);
        StringBuilder text = new StringBuilder(cell.length());
        for (int i = 1; i < cell.length() - 1; i++) {
            char ch = cell.charAt(i);
            if (ch != '\\') {
                text.append(ch);
                continue;
            }
            char escaped = cell.charAt(++i);
            switch (escaped) {
                case '"', '\\', '/' -> text.append(escaped);
                case 'b' -> text.append('\b');
                case 'f' -> text.append('\f');
                case 'n' -> text.append('\n');
                case 'r' -> text.append('\r');
                case 't' -> text.append('\t');
                case 'u' -> {
                    text.append((char) Integer.parseInt(cell.substring(i + 1, i + 5), 16));
                    i += 4;
                }
                default -> throw new AssertionError("bad escape \\" + escaped + " in " + cell);
            }
        }
        return text.toString();
    }
}
