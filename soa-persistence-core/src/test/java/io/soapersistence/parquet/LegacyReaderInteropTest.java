package io.soapersistence.parquet;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

import io.soapersistence.fixtures.AllTypes;
import io.soapersistence.fixtures.AllTypesSoA;
import io.soapersistence.fixtures.Order;
import io.soapersistence.fixtures.OrderSoA;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.SimpleGroupFactory;
import org.apache.parquet.format.ColumnOrder;
import org.apache.parquet.format.FileMetaData;
import org.apache.parquet.format.Util;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.example.ExampleParquetWriter;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Types;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Readers in use since 2023 open our files. parquet-java 1.18.1 marks FLOAT and DOUBLE columns with the
 * IEEE_754_TOTAL_ORDER column order, which readers built before 2025 (Polars 0.24: "Invalid thrift: bad data")
 * reject; the engine must write TYPE_DEFINED_ORDER for every column, also after appends.
 * <p>
 * DuckDB 0.9.2 (November 2023), loaded from {@code target/legacy-readers} in its own class loader, reads our
 * files with their float and double columns. It tolerates IEEE_754_TOTAL_ORDER itself (measured, see
 * {@link #defaultParquetJavaWritesTheTrapThatOnlyTheFooterCheckCatches()}), so the footer assertion on the
 * thrift metadata is what guards against the trap; the legacy reader guards everything else it parses.
 */
class LegacyReaderInteropTest {

    private static final Path LEGACY_DRIVER = Path.of("target", "legacy-readers", "duckdb_jdbc-legacy.jar");

    private static URLClassLoader legacyLoader;

    private static Driver legacyDriver;

    @TempDir
    Path dir;

    @BeforeAll
    static void loadLegacyDuckDb() throws Exception {
        assertThat(LEGACY_DRIVER).as("copied by maven-dependency-plugin during generate-test-resources").exists();
        legacyLoader = new URLClassLoader(new URL[] { LEGACY_DRIVER.toUri().toURL() },
                ClassLoader.getPlatformClassLoader());
        legacyDriver = (Driver) Class.forName("org.duckdb.DuckDBDriver", true, legacyLoader)
            .getDeclaredConstructor()
            .newInstance();
    }

    @AfterAll
    static void closeLegacyDuckDb() throws IOException {
        legacyLoader.close();
    }

    @Test
    void legacyDuckDbIsReallyTheNovember2023Release() throws SQLException {
        try (Connection connection = legacy(); Statement statement = connection.createStatement();
                ResultSet rs = statement.executeQuery("SELECT version()")) {
            rs.next();
            assertThat(rs.getString(1)).isEqualTo("v0.9.2");
        }
        assertThat(legacyDriver.getClass().getClassLoader()).isSameAs(legacyLoader);
    }

    @Test
    void legacyDuckDbReadsOrders() throws SQLException {
        List<Order> orders = new ArrayList<>(InteropSamples.edgeOrders());
        orders.addAll(InteropSamples.bulkOrders(10, 3_000));
        ParquetPersistence<OrderSoA> persistence = new ParquetPersistence<>(OrderSoA.class, this.dir)
            .withCompression(Compression.zstd(3));
        persistence.save(OrderSoA.from(orders)).join();

        try (Connection connection = legacy()) {
            assertThat(DuckDbRows.orders(connection, persistence.file()))
                .containsExactlyElementsOf(InteropSamples.sortedById(orders));
        }
    }

    @Test
    void legacyDuckDbReadsAllTypes() throws SQLException {
        List<AllTypes> rows = InteropSamples.allTypes();
        ParquetPersistence<AllTypesSoA> persistence = new ParquetPersistence<>(AllTypesSoA.class, this.dir);
        persistence.save(AllTypesSoA.from(rows)).join();

        try (Connection connection = legacy()) {
            assertThat(DuckDbRows.allTypes(connection, persistence.file()))
                .usingRecursiveFieldByFieldElementComparator(InteropSamples.exactly())
                .containsExactlyElementsOf(InteropSamples.sortedByCount(rows));
        }
    }

    @Test
    void legacyDuckDbReadsAppendedFiles() throws SQLException {
        ParquetPersistence<OrderSoA> persistence = new ParquetPersistence<>(OrderSoA.class, this.dir);
        List<Order> all = new ArrayList<>(InteropSamples.edgeOrders());
        persistence.save(OrderSoA.from(all)).join();
        // The second and third appends extend the spare copy: old footers stay behind as unused bytes.
        for (int batch = 0; batch < 3; batch++) {
            List<Order> more = InteropSamples.bulkOrders(100 + 200L * batch, 200);
            persistence.append(OrderSoA.from(more)).join();
            all.addAll(more);
        }
        assertThat(this.dir.resolve(AppendSpare.SPARE_FILE)).exists();

        try (Connection connection = legacy()) {
            assertThat(DuckDbRows.orders(connection, persistence.file()))
                .containsExactlyElementsOf(InteropSamples.sortedById(all));
        }
    }

    @Test
    void everyColumnOfOurFilesHasTypeDefinedOrder() throws IOException {
        ParquetPersistence<AllTypesSoA> allTypes = new ParquetPersistence<>(AllTypesSoA.class, this.dir.resolve("a"));
        allTypes.save(AllTypesSoA.from(InteropSamples.allTypes())).join();
        ParquetPersistence<OrderSoA> orders = new ParquetPersistence<>(OrderSoA.class, this.dir.resolve("o"));
        orders.save(OrderSoA.from(InteropSamples.edgeOrders())).join();

        assertTypeDefinedOrderOnly(allTypes.file(), AllTypesSoA.SCHEMA.getFields().size());
        assertTypeDefinedOrderOnly(orders.file(), OrderSoA.SCHEMA.getFields().size());
    }

    @Test
    void appendsKeepTypeDefinedOrder() throws IOException {
        ParquetPersistence<OrderSoA> orders = new ParquetPersistence<>(OrderSoA.class, this.dir);
        orders.save(OrderSoA.from(InteropSamples.edgeOrders())).join();
        orders.append(OrderSoA.from(InteropSamples.bulkOrders(100, 10))).join();

        assertTypeDefinedOrderOnly(orders.file(), OrderSoA.SCHEMA.getFields().size());
    }

    @Test
    void appendsOntoAnotherEngineFileNeverIntroduceTotalOrder() throws Exception {
        ParquetPersistence<OrderSoA> orders = new ParquetPersistence<>(OrderSoA.class, this.dir);
        try (Connection duckdb = DriverManager.getConnection("jdbc:duckdb:");
                Statement statement = duckdb.createStatement()) {
            // A NULL row makes DuckDB write the nullable columns OPTIONAL, as the SoA type declares them.
            statement.execute("COPY (SELECT * FROM (VALUES (1::BIGINT, 2::BIGINT, 3::BIGINT, 4::INTEGER, 1.5::DOUBLE, "
                    + "6.0::DOUBLE, 'PENDING', 'CARD', '2024-01-01 00:00:00+00'::TIMESTAMPTZ, 'h'), "
                    + "(2::BIGINT, 2::BIGINT, 3::BIGINT, 4::INTEGER, 'nan'::DOUBLE, '-0.0'::DOUBLE, NULL, NULL, NULL, NULL)) "
                    + "AS t(order_id, customer_id, product_id, quantity, unit_price, total_amount, status, payment_method, "
                    + "order_timestamp, shipping_address_hash)) TO " + DuckDbRows.quote(orders.file())
                    + " (FORMAT PARQUET)");
        }
        orders.append(OrderSoA.from(InteropSamples.bulkOrders(100, 10))).join();

        assertThat(columnOrders(orders.file())).noneMatch(ColumnOrder::isSetIEEE_754_TOTAL_ORDER);
        try (Connection connection = legacy()) {
            assertThat(DuckDbRows.orders(connection, orders.file())).hasSize(12);
        }
    }

    /**
     * Proves the footer check can fail: parquet-java's own writer with default settings marks a DOUBLE and a FLOAT
     * column IEEE_754_TOTAL_ORDER. DuckDB 0.9.2 still reads that file (its thrift reader skips the unknown union
     * member), so the legacy reader alone would not have caught the trap; readers with strict thrift unions
     * (Polars 0.24, per the shared notes) reject it.
     */
    @Test
    void defaultParquetJavaWritesTheTrapThatOnlyTheFooterCheckCatches() throws Exception {
        Path file = this.dir.resolve("parquet-java-default.parquet");
        MessageType schema = Types.buildMessage()
            .required(PrimitiveTypeName.INT64).named("id")
            .required(PrimitiveTypeName.DOUBLE).named("amount")
            .optional(PrimitiveTypeName.FLOAT).named("ratio")
            .named("plain");
        try (ParquetWriter<Group> writer = ExampleParquetWriter.builder(new ChannelOutputFile(file))
            .withType(schema)
            .withConf(new PlainParquetConfiguration())
            .withCodecFactory(new StandaloneCodecFactory(Compression.snappy()))
            .withCompressionCodec(CompressionCodecName.SNAPPY)
            .build()) {
            SimpleGroupFactory groups = new SimpleGroupFactory(schema);
            writer.write(groups.newGroup().append("id", 1L).append("amount", Double.NaN).append("ratio", -0.0f));
            writer.write(groups.newGroup().append("id", 2L).append("amount", -1.5));
        }

        List<ColumnOrder> orders = columnOrders(file);
        assertThat(orders).hasSize(3);
        assertThat(orders.get(0).isSetTYPE_ORDER()).isTrue();
        assertThat(orders.get(1).isSetIEEE_754_TOTAL_ORDER()).as("DOUBLE").isTrue();
        assertThat(orders.get(2).isSetIEEE_754_TOTAL_ORDER()).as("FLOAT").isTrue();

        try (Connection connection = legacy(); Statement statement = connection.createStatement();
                ResultSet rs = statement.executeQuery("SELECT id, amount, ratio FROM read_parquet("
                        + DuckDbRows.quote(file) + ") ORDER BY id")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getDouble(2)).isNaN();
            assertThat(Float.floatToRawIntBits(rs.getFloat(3))).isEqualTo(Float.floatToRawIntBits(-0.0f));
            assertThat(rs.next()).isTrue();
            assertThat(rs.getDouble(2)).isEqualTo(-1.5);
            rs.getFloat(3);
            assertThat(rs.wasNull()).isTrue();
        }
    }

    private static Connection legacy() throws SQLException {
        return legacyDriver.connect("jdbc:duckdb:", new Properties());
    }

    private static void assertTypeDefinedOrderOnly(Path file, int columns) throws IOException {
        List<ColumnOrder> orders = columnOrders(file);
        assertThat(orders).as("column_orders of %s", file).hasSize(columns);
        assertThat(orders).as("column_orders of %s", file)
            .allMatch(ColumnOrder::isSetTYPE_ORDER)
            .noneMatch(ColumnOrder::isSetIEEE_754_TOTAL_ORDER);
    }

    /** The thrift footer's column_orders, read without parquet-java's schema conversion in between. */
    private static List<ColumnOrder> columnOrders(Path file) throws IOException {
        try (FileChannel channel = FileChannel.open(file)) {
            long size = channel.size();
            ByteBuffer tail = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
            channel.read(tail, size - 8);
            tail.flip();
            int footerLength = tail.getInt();
            byte[] magic = new byte[4];
            tail.get(magic);
            assertThat(new String(magic, java.nio.charset.StandardCharsets.US_ASCII)).isEqualTo("PAR1");
            ByteBuffer footer = ByteBuffer.allocate(footerLength);
            channel.read(footer, size - 8 - footerLength);
            FileMetaData metadata = Util.readFileMetaData(new ByteArrayInputStream(footer.array()));
            return metadata.isSetColumn_orders() ? metadata.getColumn_orders() : List.of();
        }
    }
}
