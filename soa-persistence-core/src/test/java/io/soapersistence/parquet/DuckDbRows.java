package io.soapersistence.parquet;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.sql.Blob;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.soapersistence.fixtures.AllTypes;
import io.soapersistence.fixtures.Order;
import io.soapersistence.fixtures.OrderStatus;
import io.soapersistence.fixtures.PaymentMethod;

/**
 * Reads Order and AllTypes rows back from a Parquet file through any DuckDB JDBC connection (the current driver
 * or the 2023 one in its own class loader). Temporal values are taken as exact integers computed by DuckDB
 * (epoch microseconds, epoch days, microseconds of the day), so no JDBC time-zone conversion can hide a
 * difference.
 */
final class DuckDbRows {

    private DuckDbRows() {
    }

    static String quote(Path file) {
        return "'" + file.toAbsolutePath().toString().replace("'", "''") + "'";
    }

    static List<Order> orders(Connection connection, Path file) throws SQLException {
        String sql = "SELECT order_id, customer_id, product_id, quantity, unit_price, total_amount, status, "
                + "payment_method, epoch_us(order_timestamp), shipping_address_hash FROM read_parquet(" + quote(file)
                + ") ORDER BY order_id";
        List<Order> orders = new ArrayList<>();
        try (Statement statement = connection.createStatement(); ResultSet rs = statement.executeQuery(sql)) {
            while (rs.next()) {
                String status = rs.getString(7);
                String method = rs.getString(8);
                Long micros = longOrNull(rs, 9);
                orders.add(new Order(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getInt(4), rs.getDouble(5),
                        rs.getDouble(6), (status != null) ? OrderStatus.valueOf(status) : null,
                        (method != null) ? PaymentMethod.valueOf(method) : null,
                        (micros != null) ? InteropSamples.instantOfMicros(micros) : null, rs.getString(10)));
            }
        }
        return orders;
    }

    static List<AllTypes> allTypes(Connection connection, Path file) throws SQLException {
        String sql = "SELECT flag, maybeFlag, tiny, maybeTiny, small, maybeSmall, letter, maybeLetter, \"count\", "
                + "maybeCount, big, maybeBig, ratio, maybeRatio, amount, maybeAmount, text, status, epoch_us(\"at\"), "
                + "date_diff('day', DATE '1970-01-01', \"day\"), epoch_us(localAt), "
                + "(hour(\"time\") * 3600 + minute(\"time\") * 60) * 1000000 + microsecond(\"time\"), "
                + "price, bigPrice, id, payload FROM read_parquet(" + quote(file) + ") ORDER BY \"count\"";
        List<AllTypes> rows = new ArrayList<>();
        try (Statement statement = connection.createStatement(); ResultSet rs = statement.executeQuery(sql)) {
            while (rs.next()) {
                Long maybeTiny = longOrNull(rs, 4);
                Long maybeSmall = longOrNull(rs, 6);
                Long maybeLetter = longOrNull(rs, 8);
                Long maybeCount = longOrNull(rs, 10);
                String status = rs.getString(18);
                Long at = longOrNull(rs, 19);
                Long day = longOrNull(rs, 20);
                Long localAt = longOrNull(rs, 21);
                Long time = longOrNull(rs, 22);
                rows.add(new AllTypes(rs.getBoolean(1), booleanOrNull(rs, 2), rs.getByte(3),
                        (maybeTiny != null) ? maybeTiny.byteValue() : null, rs.getShort(5),
                        (maybeSmall != null) ? maybeSmall.shortValue() : null, (char) rs.getInt(7),
                        (maybeLetter != null) ? (char) maybeLetter.intValue() : null, rs.getInt(9),
                        (maybeCount != null) ? maybeCount.intValue() : null, rs.getLong(11), longOrNull(rs, 12),
                        rs.getFloat(13), floatOrNull(rs, 14), rs.getDouble(15), doubleOrNull(rs, 16), rs.getString(17),
                        (status != null) ? OrderStatus.valueOf(status) : null,
                        (at != null) ? InteropSamples.instantOfMicros(at) : null,
                        (day != null) ? java.time.LocalDate.ofEpochDay(day) : null,
                        (localAt != null) ? InteropSamples.localDateTimeOfMicros(localAt) : null,
                        (time != null) ? InteropSamples.localTimeOfMicros(time) : null, decimalOrNull(rs, 23),
                        decimalOrNull(rs, 24), uuidOrNull(rs, 25), bytesOrNull(rs, 26)));
            }
        }
        return rows;
    }

    /** Column name to DuckDB type name, in file order, as {@code DESCRIBE} reports them. */
    static Map<String, String> describe(Connection connection, Path file) throws SQLException {
        Map<String, String> columns = new LinkedHashMap<>();
        try (Statement statement = connection.createStatement();
                ResultSet rs = statement.executeQuery("DESCRIBE SELECT * FROM read_parquet(" + quote(file) + ")")) {
            while (rs.next()) {
                columns.put(rs.getString("column_name"), rs.getString("column_type"));
            }
        }
        return columns;
    }

    static long scalarLong(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet rs = statement.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static Long longOrNull(ResultSet rs, int column) throws SQLException {
        long value = rs.getLong(column);
        return rs.wasNull() ? null : value;
    }

    private static Boolean booleanOrNull(ResultSet rs, int column) throws SQLException {
        boolean value = rs.getBoolean(column);
        return rs.wasNull() ? null : value;
    }

    private static Float floatOrNull(ResultSet rs, int column) throws SQLException {
        float value = rs.getFloat(column);
        return rs.wasNull() ? null : value;
    }

    private static Double doubleOrNull(ResultSet rs, int column) throws SQLException {
        double value = rs.getDouble(column);
        return rs.wasNull() ? null : value;
    }

    private static BigDecimal decimalOrNull(ResultSet rs, int column) throws SQLException {
        return rs.getBigDecimal(column);
    }

    /** A UUID column arrives as a UUID; a 16-byte FIXED_LEN_BYTE_ARRAY without the UUID annotation as a BLOB. */
    private static UUID uuidOrNull(ResultSet rs, int column) throws SQLException {
        Object value = rs.getObject(column);
        if (value == null || value instanceof UUID) {
            return (UUID) value;
        }
        return InteropSamples.uuidOf(bytes(value));
    }

    private static byte[] bytesOrNull(ResultSet rs, int column) throws SQLException {
        Object value = rs.getObject(column);
        return (value != null) ? bytes(value) : null;
    }

    private static byte[] bytes(Object value) throws SQLException {
        if (value instanceof byte[] array) {
            return array;
        }
        if (value instanceof Blob blob) {
            // Through the stream: DuckDB 0.9.2's Blob.getBytes(pos, length) takes pos as 0-based and fails.
            try (java.io.InputStream in = blob.getBinaryStream()) {
                return in.readAllBytes();
            }
            catch (java.io.IOException ex) {
                throw new SQLException(ex);
            }
        }
        if (value instanceof java.nio.ByteBuffer buffer) {
            byte[] array = new byte[buffer.remaining()];
            buffer.duplicate().get(array);
            return array;
        }
        throw new AssertionError("unexpected BLOB representation " + value.getClass() + ": " + value);
    }
}
