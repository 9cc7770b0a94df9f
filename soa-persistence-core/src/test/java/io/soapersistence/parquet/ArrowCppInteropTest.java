package io.soapersistence.parquet;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;
import java.util.stream.Stream;

import io.soapersistence.fixtures.AllTypes;
import io.soapersistence.fixtures.AllTypesSoA;
import io.soapersistence.fixtures.Order;
import io.soapersistence.fixtures.OrderSoA;
import io.soapersistence.fixtures.OrderStatus;
import io.soapersistence.fixtures.PaymentMethod;
import org.apache.arrow.dataset.file.FileFormat;
import org.apache.arrow.dataset.file.FileSystemDatasetFactory;
import org.apache.arrow.dataset.jni.NativeMemoryPool;
import org.apache.arrow.dataset.scanner.ScanOptions;
import org.apache.arrow.dataset.scanner.Scanner;
import org.apache.arrow.dataset.source.Dataset;
import org.apache.arrow.dataset.source.DatasetFactory;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.DateDayVector;
import org.apache.arrow.vector.DecimalVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.FixedSizeBinaryVector;
import org.apache.arrow.vector.Float4Vector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.SmallIntVector;
import org.apache.arrow.vector.TimeMicroVector;
import org.apache.arrow.vector.TimeStampMicroTZVector;
import org.apache.arrow.vector.TimeStampMicroVector;
import org.apache.arrow.vector.TinyIntVector;
import org.apache.arrow.vector.UInt2Vector;
import org.apache.arrow.vector.VarBinaryVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.ipc.ArrowReader;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Arrow C++ (the engine of pyarrow and of most data frame libraries), called through arrow-dataset's JNI
 * bindings, opens our files with every codec, infers exactly the SoA type's Arrow schema from the Parquet schema
 * alone, and returns every saved value. Its bundled build lacks Brotli: BROTLI is covered by DuckDB.
 * <p>
 * arrow-dataset 18.3.0 runs against arrow-vector 19.0.0 with Maven's nearest-wins resolution
 * (arrow-c-data 18.3.0 comes along); the C data interface needs {@code --add-opens=java.base/java.nio=ALL-UNNAMED},
 * set in Surefire's argLine.
 */
class ArrowCppInteropTest {

    @TempDir
    Path dir;

    private BufferAllocator allocator;

    @BeforeEach
    void allocate() {
        this.allocator = new RootAllocator();
    }

    @AfterEach
    void release() {
        this.allocator.close();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("arrowCppCodecs")
    void arrowCppReadsEveryOrderValueWithEveryCodec(Compression compression) throws Exception {
        List<Order> orders = new ArrayList<>(InteropSamples.edgeOrders());
        orders.addAll(InteropSamples.bulkOrders(10, 6_000));
        ParquetPersistence<OrderSoA> persistence = new ParquetPersistence<>(OrderSoA.class, this.dir)
            .withCompression(compression)
            .withRowGroupSize(1024);
        persistence.save(OrderSoA.from(orders)).join();

        Scan scan = scan(persistence.file());

        assertThat(scan.fields()).containsExactlyElementsOf(describe(OrderSoA.SCHEMA));
        assertThat(scan.batches()).as("batches of at most 1000 rows").isGreaterThan(6);
        List<Order> read = new ArrayList<>();
        for (int i = 0; i < scan.rows(); i++) {
            Map<String, Object> row = scan.row(i);
            read.add(new Order((Long) row.get("order_id"), (Long) row.get("customer_id"),
                    (Long) row.get("product_id"), (Integer) row.get("quantity"), (Double) row.get("unit_price"),
                    (Double) row.get("total_amount"),
                    row.get("status") != null ? OrderStatus.valueOf((String) row.get("status")) : null,
                    row.get("payment_method") != null ? PaymentMethod.valueOf((String) row.get("payment_method"))
                            : null,
                    (java.time.Instant) row.get("order_timestamp"), (String) row.get("shipping_address_hash")));
        }
        read.sort(Comparator.comparingLong(Order::orderId));
        assertThat(read).containsExactlyElementsOf(InteropSamples.sortedById(orders));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("arrowCppCodecs")
    void arrowCppReadsEveryAllTypesValueWithEveryCodec(Compression compression) throws Exception {
        List<AllTypes> rows = InteropSamples.allTypes();
        ParquetPersistence<AllTypesSoA> persistence = new ParquetPersistence<>(AllTypesSoA.class, this.dir)
            .withCompression(compression);
        persistence.save(AllTypesSoA.from(rows)).join();

        Scan scan = scan(persistence.file());

        assertThat(scan.fields()).containsExactlyElementsOf(describe(AllTypesSoA.SCHEMA));
        List<AllTypes> read = new ArrayList<>();
        for (int i = 0; i < scan.rows(); i++) {
            Map<String, Object> r = scan.row(i);
            read.add(new AllTypes((Boolean) r.get("flag"), (Boolean) r.get("maybeFlag"), (Byte) r.get("tiny"),
                    (Byte) r.get("maybeTiny"), (Short) r.get("small"), (Short) r.get("maybeSmall"),
                    (Character) r.get("letter"), (Character) r.get("maybeLetter"), (Integer) r.get("count"),
                    (Integer) r.get("maybeCount"), (Long) r.get("big"), (Long) r.get("maybeBig"),
                    (Float) r.get("ratio"), (Float) r.get("maybeRatio"), (Double) r.get("amount"),
                    (Double) r.get("maybeAmount"), (String) r.get("text"),
                    r.get("status") != null ? OrderStatus.valueOf((String) r.get("status")) : null,
                    (java.time.Instant) r.get("at"), (LocalDate) r.get("day"),
                    (java.time.LocalDateTime) r.get("localAt"), (java.time.LocalTime) r.get("time"),
                    (BigDecimal) r.get("price"), (BigDecimal) r.get("bigPrice"),
                    r.get("id") != null ? InteropSamples.uuidOf((byte[]) r.get("id")) : null,
                    (byte[]) r.get("payload")));
        }
        read.sort(Comparator.comparingInt(AllTypes::count));
        assertThat(read).usingRecursiveFieldByFieldElementComparator(InteropSamples.exactly())
            .containsExactlyElementsOf(InteropSamples.sortedByCount(rows));
    }

    /**
     * pyarrow's dataset discovery reads a multi-file dataset directory as one table, skipping the hidden lock
     * and temporary files.
     */
    @Test
    void arrowCppReadsAMultiFileDirectoryAsOneDataset() throws Exception {
        ParquetPersistence<OrderSoA> persistence = new ParquetPersistence<>(OrderSoA.class, this.dir)
            .withLayout(Layout.MULTI_FILE);
        List<Order> orders = InteropSamples.bulkOrders(1, 3_000);
        for (int from = 0; from < orders.size(); from += 1_000) {
            persistence.append(OrderSoA.from(orders.subList(from, from + 1_000))).join();
        }
        assertThat(this.dir.resolve(DatasetDirectory.LOCK_FILE)).exists();

        Scan scan = scan(this.dir);

        assertThat(scan.rows()).isEqualTo(3_000);
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < scan.rows(); i++) {
            ids.add((Long) scan.row(i).get("order_id"));
        }
        ids.sort(Comparator.naturalOrder());
        assertThat(ids).isEqualTo(orders.stream().map(Order::orderId).sorted().toList());
    }

    /**
     * A single file that appends extended through the spare copy holds old footers as unused bytes between row
     * groups; Arrow C++ reads it by its footer, and a dataset over the directory skips the hidden spare.
     */
    @Test
    void arrowCppReadsASingleFileThatAppendsExtendedAndSkipsTheSpare() throws Exception {
        ParquetPersistence<OrderSoA> persistence = new ParquetPersistence<>(OrderSoA.class, this.dir);
        List<Order> orders = InteropSamples.bulkOrders(1, 5_000);
        persistence.save(OrderSoA.from(orders.subList(0, 1_000))).join();
        for (int from = 1_000; from < orders.size(); from += 1_000) {
            persistence.append(OrderSoA.from(orders.subList(from, from + 1_000))).join();
        }
        assertThat(this.dir.resolve(AppendSpare.SPARE_FILE)).exists();
        List<Long> expected = orders.stream().map(Order::orderId).sorted().toList();

        for (Path source : List.of(persistence.file(), this.dir)) {
            Scan scan = scan(source);
            List<Long> ids = new ArrayList<>();
            for (int i = 0; i < scan.rows(); i++) {
                ids.add((Long) scan.row(i).get("order_id"));
            }
            ids.sort(Comparator.naturalOrder());
            assertThat(ids).as("read from %s", source).isEqualTo(expected);
        }
    }

    /**
     * The Arrow C++ build bundled in arrow-dataset 18.3.0 has no Brotli ("Support for codec 'brotli' not built"),
     * so BROTLI files are proven readable by DuckDB only. This test fails once a bundled build gains Brotli: then
     * add BROTLI to {@link #arrowCppCodecs()}.
     */
    @Test
    void bundledArrowCppCannotDecodeBrotliSoDuckDbCoversIt() {
        ParquetPersistence<OrderSoA> persistence = new ParquetPersistence<>(OrderSoA.class, this.dir)
            .withCompression(Compression.brotli());
        persistence.save(OrderSoA.from(InteropSamples.edgeOrders())).join();

        assertThatThrownBy(() -> scan(persistence.file())).hasMessageContaining("brotli");
    }

    static Stream<Compression> arrowCppCodecs() {
        return InteropSamples.codecs().filter(compression -> compression.codec() != Compression.Codec.BROTLI);
    }

    /** Name, type and nullability of each field: what a reader infers must match what the SoA type declares. */
    private static List<String> describe(Schema schema) {
        return schema.getFields().stream().map(ArrowCppInteropTest::describe).toList();
    }

    private static String describe(Field field) {
        return field.getName() + ": " + field.getType() + (field.isNullable() ? " (nullable)" : " (not null)");
    }

    /** Scans the file with Arrow C++ in batches of 1000 rows and copies every value out into Java objects. */
    private Scan scan(Path file) throws Exception {
        Map<String, List<Object>> columns = new LinkedHashMap<>();
        List<String> fields = null;
        int batches = 0;
        try (DatasetFactory factory = new FileSystemDatasetFactory(this.allocator, NativeMemoryPool.getDefault(),
                FileFormat.PARQUET, file.toUri().toString());
                Dataset dataset = factory.finish();
                Scanner scanner = dataset.newScan(new ScanOptions(1000));
                ArrowReader reader = scanner.scanBatches()) {
            while (reader.loadNextBatch()) {
                VectorSchemaRoot root = reader.getVectorSchemaRoot();
                fields = describe(root.getSchema());
                batches++;
                for (FieldVector vector : root.getFieldVectors()) {
                    List<Object> values = columns.computeIfAbsent(vector.getName(), name -> new ArrayList<>());
                    IntFunction<Object> getter = getter(vector);
                    for (int i = 0; i < root.getRowCount(); i++) {
                        values.add(vector.isNull(i) ? null : getter.apply(i));
                    }
                }
            }
        }
        return new Scan(fields, batches, columns);
    }

    /** Converts one non-null value of the vector Arrow C++ produced to the Java type of the record component. */
    private static IntFunction<Object> getter(FieldVector vector) {
        if (vector instanceof BitVector v) {
            return i -> v.get(i) != 0;
        }
        if (vector instanceof TinyIntVector v) {
            return v::get;
        }
        if (vector instanceof SmallIntVector v) {
            return v::get;
        }
        if (vector instanceof UInt2Vector v) {
            return v::get;
        }
        if (vector instanceof IntVector v) {
            return v::get;
        }
        if (vector instanceof BigIntVector v) {
            return v::get;
        }
        if (vector instanceof Float4Vector v) {
            return v::get;
        }
        if (vector instanceof Float8Vector v) {
            return v::get;
        }
        if (vector instanceof VarCharVector v) {
            return i -> new String(v.get(i), StandardCharsets.UTF_8);
        }
        if (vector instanceof VarBinaryVector v) {
            return v::get;
        }
        if (vector instanceof FixedSizeBinaryVector v) {
            return v::get;
        }
        if (vector instanceof TimeStampMicroTZVector v) {
            return i -> InteropSamples.instantOfMicros(v.get(i));
        }
        if (vector instanceof TimeStampMicroVector v) {
            return i -> InteropSamples.localDateTimeOfMicros(v.get(i));
        }
        if (vector instanceof DateDayVector v) {
            return i -> LocalDate.ofEpochDay(v.get(i));
        }
        if (vector instanceof TimeMicroVector v) {
            return i -> InteropSamples.localTimeOfMicros(v.get(i));
        }
        if (vector instanceof DecimalVector v) {
            return v::getObject;
        }
        throw new AssertionError("Arrow C++ returned an unexpected vector for column '" + vector.getName() + "': "
                + vector.getField());
    }

    private record Scan(List<String> fields, int batches, Map<String, List<Object>> columns) {

        int rows() {
            return this.columns.isEmpty() ? 0 : this.columns.values().iterator().next().size();
        }

        Map<String, Object> row(int index) {
            Map<String, Object> row = new LinkedHashMap<>();
            this.columns.forEach((name, values) -> row.put(name, values.get(index)));
            return row;
        }
    }
}
