package io.soapersistence.benchmarks.peers;

import java.nio.file.Path;

import io.soapersistence.benchmarks.OrderArrays;
import io.soapersistence.benchmarks.OrderStatus;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.parquet.avro.AvroParquetReader;
import org.apache.parquet.avro.AvroParquetWriter;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.ParquetReader;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.LocalOutputFile;

/**
 * parquet-avro with {@link GenericRecord}: what most Java users write by hand. Hadoop-free configuration
 * ({@link PlainParquetConfiguration}, an explicit {@link GenericData} model, a
 * Hadoop-free {@link SnappyCodecFactory}), parquet's own {@link LocalOutputFile}
 * for writing and a buffered channel for reading; one new record per row, as the documentation shows.
 */
public final class ParquetAvroEngine implements PeerEngine {

    /** The Avro schema of the dataset: the same column names, types and nullability as soa-persistence's. */
    static final Schema SCHEMA = SchemaBuilder.record("OrderRow").namespace("io.soapersistence.benchmarks")
        .fields()
        .requiredLong("order_id")
        .requiredLong("customer_id")
        .requiredDouble("total_amount")
        .requiredInt("quantity")
        .name("created_at").type(LogicalTypes.timestampMicros().addToSchema(Schema.create(Schema.Type.LONG)))
        .noDefault()
        .requiredString("status")
        .optionalDouble("discount")
        .optionalString("coupon_code")
        .endRecord();

    @Override
    public String name() {
        return "parquet-avro 1.18.1 (GenericRecord)";
    }

    @Override
    public void write(OrderArrays data, Path file) throws Exception {
        try (ParquetWriter<GenericRecord> writer = AvroParquetWriter.<GenericRecord>builder(new LocalOutputFile(file))
            .withSchema(SCHEMA)
            // Without an explicit model, AvroWriteSupport builds a Hadoop Configuration to look one up, which
            // needs Hadoop's shaded Woodstox (hadoop-client-runtime): NoClassDefFoundError with the API jar alone.
            .withDataModel(GenericData.get())
            .withConf(new PlainParquetConfiguration())
            .withCodecFactory(SnappyCodecFactory.INSTANCE)
            .withCompressionCodec(CompressionCodecName.SNAPPY)
            .withWriteMode(ParquetFileWriter.Mode.OVERWRITE)
            .build()) {
            for (int i = 0; i < data.size; i++) {
                GenericData.Record record = new GenericData.Record(SCHEMA);
                record.put(0, data.orderId[i]);
                record.put(1, data.customerId[i]);
                record.put(2, data.totalAmount[i]);
                record.put(3, data.quantity[i]);
                record.put(4, data.createdAtMicros[i]);
                record.put(5, data.status[i].name());
                record.put(6, data.discountOrNull(i));
                record.put(7, data.couponCode[i]);
                writer.write(record);
            }
        }
    }

    @Override
    public OrderArrays read(Path file, int expectedRows) throws Exception {
        OrderArrays result = new OrderArrays(expectedRows);
        try (ParquetReader<GenericRecord> reader = AvroParquetReader
            .<GenericRecord>builder(new BufferedChannelInputFile(file), new PlainParquetConfiguration())
            .withDataModel(GenericData.get())
            .withCodecFactory(SnappyCodecFactory.INSTANCE)
            .build()) {
            for (GenericRecord record = reader.read(); record != null; record = reader.read()) {
                Object coupon = record.get(7);
                result.add((Long) record.get(0), (Long) record.get(1), (Double) record.get(2),
                        (Integer) record.get(3), (Long) record.get(4), OrderStatus.valueOf(record.get(5).toString()),
                        (Double) record.get(6), coupon == null ? null : coupon.toString());
            }
        }
        return result;
    }
}
