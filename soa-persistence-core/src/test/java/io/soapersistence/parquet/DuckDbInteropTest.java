package io.soapersistence.parquet;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.soapersistence.fixtures.AllTypes;
import io.soapersistence.fixtures.AllTypesSoA;
import io.soapersistence.fixtures.Order;
import io.soapersistence.fixtures.OrderSoA;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

/**
 * DuckDB, an engine that shares no code with parquet-java, opens every file ParquetPersistence writes, with every
 * codec, and sees the saved values, the column names and the SQL types a data scientist expects.
 */
class DuckDbInteropTest {

    @TempDir
    Path dir;

    private Connection duckdb;

    @BeforeEach
    void connect() throws SQLException {
        this.duckdb = DriverManager.getConnection("jdbc:duckdb:");
    }

    @AfterEach
    void disconnect() throws SQLException {
        this.duckdb.close();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.soapersistence.parquet.InteropSamples#codecs")
    void duckDbReadsEveryOrderValueWithEveryCodec(Compression compression) throws SQLException {
        List<Order> orders = new ArrayList<>(InteropSamples.edgeOrders());
        orders.addAll(InteropSamples.bulkOrders(10, 9_000));
        ParquetPersistence<OrderSoA> persistence = new ParquetPersistence<>(OrderSoA.class, this.dir)
            .withCompression(compression)
            .withRowGroupSize(1024)
            .withPageSize(4096);
        persistence.save(OrderSoA.from(orders)).join();

        assertThat(DuckDbRows.orders(this.duckdb, persistence.file()))
            .containsExactlyElementsOf(InteropSamples.sortedById(orders));
        assertThat(rowGroups(persistence.file())).as("rows are cut into several row groups").isGreaterThan(1);
        assertThat(codecNames(persistence.file())).containsOnly(compression.codec().parquetName().name());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.soapersistence.parquet.InteropSamples#codecs")
    void duckDbReadsEveryAllTypesValueWithEveryCodec(Compression compression) throws SQLException {
        List<AllTypes> rows = InteropSamples.allTypes();
        ParquetPersistence<AllTypesSoA> persistence = new ParquetPersistence<>(AllTypesSoA.class, this.dir)
            .withCompression(compression);
        persistence.save(AllTypesSoA.from(rows)).join();

        assertThat(DuckDbRows.allTypes(this.duckdb, persistence.file()))
            .usingRecursiveFieldByFieldElementComparator(InteropSamples.exactly())
            .containsExactlyElementsOf(InteropSamples.sortedByCount(rows));
    }

    @Test
    void duckDbSeesOrderColumnsInSnakeCaseWithTheirSqlTypes() throws SQLException {
        ParquetPersistence<OrderSoA> persistence = new ParquetPersistence<>(OrderSoA.class, this.dir);
        persistence.save(OrderSoA.from(InteropSamples.edgeOrders())).join();

        Map<String, String> columns = DuckDbRows.describe(this.duckdb, persistence.file());

        assertThat(columns.keySet()).containsExactlyElementsOf(InteropSamples.ORDER_COLUMNS);
        assertThat(columns).containsExactly(entry("order_id", "BIGINT"), entry("customer_id", "BIGINT"),
                entry("product_id", "BIGINT"), entry("quantity", "INTEGER"), entry("unit_price", "DOUBLE"),
                entry("total_amount", "DOUBLE"), entry("status", "VARCHAR"), entry("payment_method", "VARCHAR"),
                entry("order_timestamp", "TIMESTAMP WITH TIME ZONE"), entry("shipping_address_hash", "VARCHAR"));
    }

    @Test
    void duckDbSeesAllTypesColumnsWithTheirSqlTypes() throws SQLException {
        ParquetPersistence<AllTypesSoA> persistence = new ParquetPersistence<>(AllTypesSoA.class, this.dir);
        persistence.save(AllTypesSoA.from(InteropSamples.allTypes())).join();

        Map<String, String> columns = DuckDbRows.describe(this.duckdb, persistence.file());

        assertThat(columns).containsExactly(entry("flag", "BOOLEAN"), entry("maybeFlag", "BOOLEAN"),
                entry("tiny", "TINYINT"), entry("maybeTiny", "TINYINT"), entry("small", "SMALLINT"),
                entry("maybeSmall", "SMALLINT"), entry("letter", "USMALLINT"), entry("maybeLetter", "USMALLINT"),
                entry("count", "INTEGER"), entry("maybeCount", "INTEGER"), entry("big", "BIGINT"),
                entry("maybeBig", "BIGINT"), entry("ratio", "FLOAT"), entry("maybeRatio", "FLOAT"),
                entry("amount", "DOUBLE"), entry("maybeAmount", "DOUBLE"), entry("text", "VARCHAR"),
                entry("status", "VARCHAR"), entry("at", "TIMESTAMP WITH TIME ZONE"), entry("day", "DATE"),
                entry("localAt", "TIMESTAMP"), entry("time", "TIME"), entry("price", "DECIMAL(12,2)"),
                entry("bigPrice", "DECIMAL(30,6)"), entry("id", "UUID"), entry("payload", "BLOB"));
    }

    /**
     * A {@code UUID} component must reach other engines as a UUID (Parquet's UUID logical type on a 16-byte
     * FIXED_LEN_BYTE_ARRAY), not as an anonymous BLOB that SQL users must decode by hand.
     */
    @Test
    void duckDbSeesUuidComponentAsUuid() throws SQLException {
        ParquetPersistence<AllTypesSoA> persistence = new ParquetPersistence<>(AllTypesSoA.class, this.dir);
        persistence.save(AllTypesSoA.from(InteropSamples.allTypes())).join();

        assertThat(persistence.parquetSchema().getType("id").getLogicalTypeAnnotation())
            .as("Parquet logical type of the UUID column 'id' in %s", persistence.parquetSchema())
            .isEqualTo(org.apache.parquet.schema.LogicalTypeAnnotation.uuidType());
        assertThat(DuckDbRows.describe(this.duckdb, persistence.file())).containsEntry("id", "UUID");
    }

    @Test
    void duckDbReadsEveryRowAfterAppends() throws SQLException {
        ParquetPersistence<OrderSoA> persistence = new ParquetPersistence<>(OrderSoA.class, this.dir)
            .withCompression(Compression.zstd(3));
        List<Order> all = new ArrayList<>(InteropSamples.edgeOrders());
        persistence.save(OrderSoA.from(InteropSamples.edgeOrders())).join();
        for (int batch = 0; batch < 3; batch++) {
            List<Order> more = InteropSamples.bulkOrders(1_000 + batch * 500L, 500);
            persistence.append(OrderSoA.from(more)).join();
            all.addAll(more);
        }

        assertThat(rowGroups(persistence.file())).isEqualTo(4);
        assertThat(persistence.count().join()).isEqualTo(all.size());
        assertThat(DuckDbRows.scalarLong(this.duckdb,
                "SELECT count(*) FROM read_parquet(" + DuckDbRows.quote(persistence.file()) + ")"))
            .isEqualTo(all.size());
        assertThat(DuckDbRows.orders(this.duckdb, persistence.file()))
            .containsExactlyElementsOf(InteropSamples.sortedById(all));
        assertThat(persistence.load().join().orElseThrow()).isEqualTo(OrderSoA.from(all));
        assertThat(this.dir.resolve(AppendSpare.SPARE_FILE)).as("the spare the last appends extended").exists();
        assertThat(DuckDbRows.scalarLong(this.duckdb, "SELECT count(*) FROM read_parquet("
                + DuckDbRows.quote(this.dir.resolve("*.parquet")) + ")"))
            .as("a glob over the directory reads the data file and not the spare").isEqualTo(all.size());
    }

    @Test
    void duckDbFiltersOnStatisticsOfOurFiles() throws SQLException {
        ParquetPersistence<OrderSoA> persistence = new ParquetPersistence<>(OrderSoA.class, this.dir)
            .withRowGroupSize(1024);
        List<Order> orders = InteropSamples.bulkOrders(0, 12_000);
        persistence.save(OrderSoA.from(orders)).join();
        String file = DuckDbRows.quote(persistence.file());

        long expectedShipped = orders.stream()
            .filter(o -> o.status() == io.soapersistence.fixtures.OrderStatus.SHIPPED && o.orderId() >= 9_000)
            .count();
        assertThat(DuckDbRows.scalarLong(this.duckdb, "SELECT count(*) FROM read_parquet(" + file
                + ") WHERE status = 'SHIPPED' AND order_id >= 9000")).isEqualTo(expectedShipped);
        long expectedNullTimestamps = orders.stream().filter(o -> o.orderTimestamp() == null).count();
        assertThat(DuckDbRows.scalarLong(this.duckdb, "SELECT count(*) FROM read_parquet(" + file
                + ") WHERE order_timestamp IS NULL")).isEqualTo(expectedNullTimestamps);
        double expectedMax = orders.stream().mapToDouble(Order::totalAmount).max().orElseThrow();
        try (var statement = this.duckdb.createStatement();
                var rs = statement.executeQuery("SELECT max(total_amount) FROM read_parquet(" + file + ")")) {
            rs.next();
            assertThat(rs.getDouble(1)).isEqualTo(expectedMax);
        }
    }

    private long rowGroups(Path file) throws SQLException {
        return DuckDbRows.scalarLong(this.duckdb,
                "SELECT count(DISTINCT row_group_id) FROM parquet_metadata(" + DuckDbRows.quote(file) + ")");
    }

    private List<String> codecNames(Path file) throws SQLException {
        assertThat(Files.exists(file)).isTrue();
        List<String> names = new ArrayList<>();
        try (var statement = this.duckdb.createStatement();
                var rs = statement.executeQuery("SELECT DISTINCT compression FROM parquet_metadata("
                        + DuckDbRows.quote(file) + ")")) {
            while (rs.next()) {
                names.add(rs.getString(1));
            }
        }
        return names;
    }
}
