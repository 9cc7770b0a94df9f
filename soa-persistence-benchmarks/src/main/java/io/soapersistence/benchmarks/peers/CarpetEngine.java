package io.soapersistence.benchmarks.peers;

import java.nio.file.Path;
import java.time.Instant;

import com.jerolba.carpet.CarpetParquetReader;
import com.jerolba.carpet.CarpetWriter;
import com.jerolba.carpet.ColumnNamingStrategy;
import com.jerolba.carpet.FieldMatchingStrategy;
import com.jerolba.carpet.TimeUnit;
import io.soapersistence.benchmarks.OrderArrays;
import io.soapersistence.benchmarks.OrderDataset;
import io.soapersistence.benchmarks.OrderStatus;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.ParquetReader;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.LocalOutputFile;

/**
 * Carpet: Java records to and from Parquet by reflection. Writing builds one record per row from the arrays
 * (Carpet's input is records); reading iterates records into the arrays
 * (through {@code CarpetParquetReader}, which accepts a Hadoop-free codec factory). snake_case column names and microsecond
 * timestamps, as the other engines write.
 */
public final class CarpetEngine implements PeerEngine {

    /**
     * The record Carpet maps, with the dataset's columns.
     *
     * @param orderId order_id
     * @param customerId customer_id
     * @param totalAmount total_amount
     * @param quantity quantity
     * @param createdAt created_at
     * @param status status
     * @param discount discount, nullable
     * @param couponCode coupon_code, nullable
     */
    public record CarpetOrder(long orderId, long customerId, double totalAmount, int quantity, Instant createdAt,
            OrderStatus status, Double discount, String couponCode) {
    }

    @Override
    public String name() {
        return "Carpet 0.5.0 (records)";
    }

    @Override
    public void write(OrderArrays data, Path file) throws Exception {
        try (CarpetWriter<CarpetOrder> writer = new CarpetWriter.Builder<>(new LocalOutputFile(file), CarpetOrder.class)
            .withConf(new PlainParquetConfiguration())
            .withWriteMode(ParquetFileWriter.Mode.OVERWRITE)
            .withCodecFactory(SnappyCodecFactory.INSTANCE)
            .withCompressionCodec(CompressionCodecName.SNAPPY)
            .withColumnNamingStrategy(ColumnNamingStrategy.SNAKE_CASE)
            .withDefaultTimeUnit(TimeUnit.MICROS)
            .build()) {
            for (int i = 0; i < data.size; i++) {
                writer.write(new CarpetOrder(data.orderId[i], data.customerId[i], data.totalAmount[i], data.quantity[i],
                        OrderDataset.instant(data.createdAtMicros[i]), data.status[i], data.discountOrNull(i),
                        data.couponCode[i]));
            }
        }
    }

    @Override
    public OrderArrays read(Path file, int expectedRows) throws Exception {
        OrderArrays result = new OrderArrays(expectedRows);
        // CarpetReader offers no codec factory, so its default one needs Hadoop's shaded Woodstox; Carpet's
        // lower-level CarpetParquetReader is a ParquetReader.Builder and takes one.
        try (ParquetReader<CarpetOrder> reader = CarpetParquetReader
            .builder(new BufferedChannelInputFile(file), CarpetOrder.class)
            .fieldMatchingStrategy(FieldMatchingStrategy.SNAKE_CASE)
            .withConf(new PlainParquetConfiguration())
            .withCodecFactory(SnappyCodecFactory.INSTANCE)
            .build()) {
            for (CarpetOrder row = reader.read(); row != null; row = reader.read()) {
                result.add(row.orderId(), row.customerId(), row.totalAmount(), row.quantity(),
                        OrderDataset.micros(row.createdAt()), row.status(), row.discount(), row.couponCode());
            }
        }
        return result;
    }
}
