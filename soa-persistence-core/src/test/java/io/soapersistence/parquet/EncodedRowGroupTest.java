package io.soapersistence.parquet;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.column.ColumnReadStore;
import org.apache.parquet.column.ColumnReader;
import org.apache.parquet.column.ColumnWriteStore;
import org.apache.parquet.column.ColumnWriter;
import org.apache.parquet.column.ParquetProperties;
import org.apache.parquet.column.impl.ColumnReadStoreImpl;
import org.apache.parquet.column.page.PageReadStore;
import org.apache.parquet.hadoop.ColumnChunkPageWriteStore;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.io.api.Converter;
import org.apache.parquet.io.api.GroupConverter;
import org.apache.parquet.io.api.PrimitiveConverter;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.MessageTypeParser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A row group's columns are written as they are encoded, yet always in schema order: a column that is done
 * before the ones ahead of it waits for them, and a column that fails fails the row group.
 */
class EncodedRowGroupTest {

    private static final MessageType SCHEMA = MessageTypeParser.parseMessageType(
            "message t { required int64 a; required int64 b; required int64 c; }");

    private static final int ROWS = 1_000;

    @TempDir
    Path dir;

    /** Column {@code column} of the test rows: its own values, so that a column written in the wrong place shows. */
    private static long value(int column, int row) {
        return 1_000_000L * (column + 1) + row;
    }

    private static ColumnChunkPageWriteStore encode(int column) {
        ParquetProperties properties = ParquetProperties.builder().build();
        MessageType single = new MessageType("t", SCHEMA.getType(column));
        ColumnChunkPageWriteStore pages = ColumnChunkPageWriteStore.builder()
            .withCompressorProvider(descriptor -> new StandaloneCodecFactory(Compression.DEFAULT)
                .getCompressor(CompressionCodecName.SNAPPY))
            .withSchema(single)
            .withAllocator(properties.getAllocator())
            .build();
        ColumnWriteStore store = properties.newColumnWriteStore(single, pages, pages);
        ColumnWriter writer = store.getColumnWriter(single.getColumns().get(0));
        for (int row = 0; row < ROWS; row++) {
            writer.write(value(column, row), 0, 0);
            store.endRecord();
        }
        store.flush();
        store.close();
        return pages;
    }

    private ParquetFileWriter fileWriter(Path file) throws IOException {
        ParquetFileWriter writer = new ParquetFileWriter(new ChannelOutputFile(file), SCHEMA,
                ParquetFileWriter.Mode.CREATE, 128 << 20, 0, null, ParquetProperties.builder().build());
        writer.start();
        return writer;
    }

    private static List<Long> column(PageReadStore rowGroup, MessageType schema, int column) {
        ColumnDescriptor descriptor = schema.getColumns().get(column);
        ColumnReadStore store = new ColumnReadStoreImpl(rowGroup, new NoConverter(), schema, "test");
        ColumnReader reader = store.getColumnReader(descriptor);
        List<Long> values = new ArrayList<>();
        for (long row = 0; row < reader.getTotalValueCount(); row++) {
            values.add(reader.getLong());
            reader.consume();
        }
        return values;
    }

    @Test
    void aColumnEncodedBeforeTheOnesAheadOfItIsWrittenAfterThem() throws Exception {
        CountDownLatch lastColumnEncoded = new CountDownLatch(1);
        // The first column is held back until the last is done, so the last is done first.
        EncodedRowGroup rowGroup = new EncodedRowGroup(ROWS, 3, column -> {
            if (column == 0) {
                assertThat(lastColumnEncoded.await(10, TimeUnit.SECONDS)).isTrue();
            }
            ColumnChunkPageWriteStore pages = encode(column);
            if (column == 2) {
                lastColumnEncoded.countDown();
            }
            return pages;
        }, 2);
        Path file = this.dir.resolve("out.parquet");
        ParquetFileWriter writer = fileWriter(file);

        rowGroup.writeTo(writer);
        writer.end(java.util.Map.of());

        try (ParquetFileReader reader = new ParquetFileReader(ChannelInputFile.open(file),
                org.apache.parquet.ParquetReadOptions.builder(new org.apache.parquet.conf.PlainParquetConfiguration())
                    .withCodecFactory(StandaloneCodecFactory.forReading())
                    .build())) {
            var blocks = reader.getFooter().getBlocks();
            assertThat(blocks).hasSize(1);
            var chunks = blocks.get(0).getColumns();
            assertThat(chunks).extracting(chunk -> chunk.getPath().toDotString()).containsExactly("a", "b", "c");
            assertThat(chunks.get(0).getStartingPos()).isLessThan(chunks.get(1).getStartingPos());
            assertThat(chunks.get(1).getStartingPos()).isLessThan(chunks.get(2).getStartingPos());
            PageReadStore rowGroupPages = reader.readNextRowGroup();
            for (int c = 0; c < 3; c++) {
                List<Long> values = column(rowGroupPages, SCHEMA, c);
                assertThat(values).hasSize(ROWS);
                assertThat(values.get(0)).isEqualTo(value(c, 0));
                assertThat(values.get(ROWS - 1)).isEqualTo(value(c, ROWS - 1));
            }
        }
    }

    @Test
    void aColumnThatFailsAfterTheColumnsAheadOfItWereEncodedFailsTheRowGroup() throws Exception {
        CountDownLatch columnsAheadEncoded = new CountDownLatch(2);
        IllegalStateException failure = new IllegalStateException("column c cannot be encoded");
        EncodedRowGroup rowGroup = new EncodedRowGroup(ROWS, 3, column -> {
            if (column == 2) {
                assertThat(columnsAheadEncoded.await(10, TimeUnit.SECONDS)).isTrue();
                throw failure;
            }
            ColumnChunkPageWriteStore pages = encode(column);
            columnsAheadEncoded.countDown();
            return pages;
        }, 2);
        Path file = this.dir.resolve("failed.parquet");
        ChannelOutputFile output = new ChannelOutputFile(file);
        ParquetFileWriter writer = new ParquetFileWriter(output, SCHEMA, ParquetFileWriter.Mode.CREATE, 128 << 20, 0,
                null, ParquetProperties.builder().build());
        writer.start();

        assertThatThrownBy(() -> rowGroup.writeTo(writer)).isSameAs(failure);
        output.abort();
    }

    /** parquet-java's column reader wants a converter it never calls for a column read value by value. */
    private static final class NoConverter extends GroupConverter {

        @Override
        public Converter getConverter(int fieldIndex) {
            return new PrimitiveConverter() {

                @Override
                public void addBinary(Binary value) {
                }
            };
        }

        @Override
        public void start() {
        }

        @Override
        public void end() {
        }
    }
}
