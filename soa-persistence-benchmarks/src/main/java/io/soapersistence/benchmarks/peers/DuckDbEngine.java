package io.soapersistence.benchmarks.peers;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicLong;

import io.soapersistence.benchmarks.OrderArrays;
import io.soapersistence.benchmarks.OrderStatus;
import org.apache.arrow.c.ArrowArrayStream;
import org.apache.arrow.c.Data;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.ipc.ArrowReader;
import org.duckdb.DuckDBConnection;
import org.duckdb.DuckDBResultSet;

/**
 * DuckDB 2.0 (C++) through its JDBC driver, one in-memory database per engine instance with DuckDB's default
 * thread count. Writing: the arrays become Java Arrow batches, exported through the Arrow C stream interface and
 * registered as a table ({@code registerArrowStream}), then {@code COPY ... TO (FORMAT PARQUET, COMPRESSION
 * SNAPPY)}. Reading: {@code read_parquet} exported back as an Arrow stream ({@code arrowExportStream}) and copied
 * into the arrays, or, in the slower variant, JDBC getters row by row.
 */
public final class DuckDbEngine implements PeerEngine {

    /** Rows per Arrow batch both ways: DuckDB's row group size, a multiple of its 2,048-row vectors. */
    private static final int BATCH_ROWS = 122_880;

    private static final AtomicLong STREAMS = new AtomicLong();

    private final boolean jdbcGetters;

    private final Connection connection;

    private final BufferAllocator allocator = new RootAllocator();

    /**
     * Opens an in-memory database.
     *
     * @param jdbcGetters read with {@code ResultSet} getters instead of the Arrow export
     * @throws SQLException if DuckDB cannot start
     */
    public DuckDbEngine(boolean jdbcGetters) throws SQLException {
        this.jdbcGetters = jdbcGetters;
        this.connection = DriverManager.getConnection("jdbc:duckdb:");
    }

    @Override
    public String name() {
        return this.jdbcGetters ? "DuckDB 2.0.0.1 (read: JDBC getters)"
                : "DuckDB 2.0.0.1 (Arrow stream -> COPY; read: Arrow export)";
    }

    @Override
    public boolean writes() {
        return !this.jdbcGetters;
    }

    @Override
    public String readsFileOf() {
        return this.jdbcGetters ? "DuckDB" : null;
    }

    @Override
    public void write(OrderArrays data, Path file) throws Exception {
        String table = "orders_stream_" + STREAMS.incrementAndGet();
        Files.deleteIfExists(file);
        try (ArrowReader batches = new ArrowColumns.ArraysReader(this.allocator, data, BATCH_ROWS);
                ArrowArrayStream stream = ArrowArrayStream.allocateNew(this.allocator)) {
            Data.exportArrayStream(this.allocator, batches, stream);
            this.connection.unwrap(DuckDBConnection.class).registerArrowStream(table, stream);
            try (Statement statement = this.connection.createStatement()) {
                statement.execute("COPY " + table + " TO " + literal(file) + " (FORMAT PARQUET, COMPRESSION SNAPPY)");
            }
        }
    }

    @Override
    public OrderArrays read(Path file, int expectedRows) throws Exception {
        String sql = "SELECT order_id, customer_id, total_amount, quantity, created_at, status, discount, coupon_code"
                + " FROM read_parquet(" + literal(file) + ")";
        try (Statement statement = this.connection.createStatement();
                ResultSet rows = statement.executeQuery(sql)) {
            if (this.jdbcGetters) {
                return readWithGetters(rows, expectedRows);
            }
            try (ArrowReader reader = (ArrowReader) rows.unwrap(DuckDBResultSet.class)
                .arrowExportStream(this.allocator, BATCH_ROWS)) {
                return ArrowColumns.readAll(reader, expectedRows);
            }
        }
    }

    private static OrderArrays readWithGetters(ResultSet rows, int expectedRows) throws SQLException {
        OrderArrays out = new OrderArrays(expectedRows);
        while (rows.next()) {
            java.time.OffsetDateTime createdAt = rows.getObject(5, java.time.OffsetDateTime.class);
            double discount = rows.getDouble(7);
            Double boxed = rows.wasNull() ? null : discount;
            out.add(rows.getLong(1), rows.getLong(2), rows.getDouble(3), rows.getInt(4),
                    createdAt.toEpochSecond() * 1_000_000L + createdAt.getNano() / 1_000,
                    OrderStatus.valueOf(rows.getString(6)), boxed, rows.getString(8));
        }
        return out;
    }

    private static String literal(Path file) {
        return "'" + file.toAbsolutePath().toString().replace("'", "''") + "'";
    }

    @Override
    public void close() {
        try {
            this.connection.close();
        }
        catch (SQLException ex) {
            throw new IllegalStateException("cannot close DuckDB", ex);
        }
        finally {
            this.allocator.close();
        }
    }
}
