package io.soapersistence.parquet;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

import io.soapersistence.fixtures.ShipmentText;
import io.soapersistence.fixtures.ShipmentTextSoA;
import org.apache.parquet.column.Encoding;
import org.apache.parquet.column.ParquetProperties.WriterVersion;
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
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Files of other writers use encodings and page versions ours never writes: version 2 data pages, DELTA
 * encodings, dictionaries that fall back to plain pages mid-chunk. The direct page decoder must read them all.
 */
class ForeignEncodingsTest {

    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0}, dictionary {1}, dictionary page {2} bytes")
    @CsvSource({"PARQUET_1_0, true, 1048576", "PARQUET_1_0, false, 1048576", "PARQUET_2_0, true, 1048576",
        "PARQUET_2_0, false, 1048576", "PARQUET_2_0, true, 512", "PARQUET_1_0, true, 512"})
    void loadsWhatParquetJavaWritesInEveryPageVersionAndEncoding(WriterVersion version, boolean dictionary,
            int dictionaryPageSize) throws IOException {
        MessageType schema = Types.buildMessage()
            .required(PrimitiveTypeName.INT64).named("id")
            .optional(PrimitiveTypeName.BINARY).as(LogicalTypeAnnotation.stringType()).named("status")
            .optional(PrimitiveTypeName.INT32).named("quantity")
            .named("shipment");
        ShipmentTextSoA expected = new ShipmentTextSoA();
        Random random = new Random(42);
        Files.createDirectories(this.dir);
        try (ParquetWriter<Group> writer = ExampleParquetWriter.builder(new ChannelOutputFile(this.dir.resolve("data.parquet")))
            .withType(schema)
            .withConf(new PlainParquetConfiguration())
            .withCodecFactory(new StandaloneCodecFactory(Compression.zstd()))
            .withCompressionCodec(CompressionCodecName.ZSTD)
            .withWriterVersion(version)
            .withDictionaryEncoding(dictionary)
            .withDictionaryPageSize(dictionaryPageSize)
            .withPageSize(4096)
            .withRowGroupSize(64 * 1024L)
            .build()) {
            SimpleGroupFactory groups = new SimpleGroupFactory(schema);
            for (long id = 0; id < 30_000; id++) {
                String status = (random.nextInt(7) == 0) ? null
                        : (id > 20_000 ? "status-" + random.nextInt(5000) : "S" + random.nextInt(4));
                Integer quantity = (random.nextInt(9) == 0) ? null : random.nextInt(1000) - 500;
                Group row = groups.newGroup().append("id", id * 7 - 1000);
                if (status != null) {
                    row.append("status", status);
                }
                if (quantity != null) {
                    row.append("quantity", quantity);
                }
                writer.write(row);
                expected.add(new ShipmentText(id * 7 - 1000, status, quantity));
            }
        }
        ParquetPersistence<ShipmentTextSoA> persistence = new ParquetPersistence<>(ShipmentTextSoA.class, this.dir);

        assertThat(persistence.load().join()).contains(expected);
        assertThat(persistence.loadBatches(7_000).join()).hasSize(5);
        if (version == WriterVersion.PARQUET_2_0 && !dictionary) {
            assertThat(persistence.info().join().rowGroups()).isGreaterThan(1);
            assertThat(footerEncodings()).contains(Encoding.DELTA_BINARY_PACKED);
        }
    }

    private java.util.Set<Encoding> footerEncodings() throws IOException {
        try (ChannelInputFile input = ChannelInputFile.open(this.dir.resolve("data.parquet"));
                var reader = new org.apache.parquet.hadoop.ParquetFileReader(input,
                        org.apache.parquet.ParquetReadOptions.builder(new PlainParquetConfiguration())
                            .withCodecFactory(StandaloneCodecFactory.forReading()).build())) {
            java.util.Set<Encoding> encodings = new java.util.HashSet<>();
            reader.getFooter().getBlocks().forEach(block -> block.getColumns()
                .forEach(chunk -> encodings.addAll(chunk.getEncodings())));
            return encodings;
        }
    }
}
