package io.soapersistence.parquet;

import java.nio.file.Path;
import java.util.List;

import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.column.ColumnWriteStore;
import org.apache.parquet.column.ParquetProperties;
import org.apache.parquet.column.values.factory.DefaultValuesWriterFactory;
import org.apache.parquet.compression.CompressionCodecFactory.BytesInputCompressor;
import org.apache.parquet.hadoop.ColumnChunkPageWriteStore;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.schema.MessageType;

/**
 * Writes SoA columns straight from their arrays into row groups, every column of a row group encoded and
 * compressed on its own core. Each column gets a one-column write store, so columns share no state while
 * they encode; the finished chunks are then appended to the file in schema order.
 */
final class DirectRowGroupWriter {

    private final MessageType schema;

    private final ParquetProperties properties;

    private final BytesInputCompressor compressor;

    private final long rowGroupSize;

    private final Path file;

    private final ParquetProperties withoutDictionary;

    private final int poolThreads;

    DirectRowGroupWriter(MessageType schema, ParquetProperties properties, BytesInputCompressor compressor,
            long rowGroupSize, Path file) {
        this(schema, properties, compressor, rowGroupSize, file, ColumnParallelism.cores());
    }

    /**
     * A writer whose columns are encoded by at most {@code poolThreads} pool threads besides the thread that
     * waits for them; with none, by that thread alone.
     */
    DirectRowGroupWriter(MessageType schema, ParquetProperties properties, BytesInputCompressor compressor,
            long rowGroupSize, Path file, int poolThreads) {
        this.poolThreads = poolThreads;
        this.schema = schema;
        this.properties = properties;
        this.compressor = compressor;
        this.rowGroupSize = rowGroupSize;
        this.file = file;
        // A values writer factory of its own: building properties re-initializes the factory they hold.
        this.withoutDictionary = ParquetProperties.copy(properties)
            .withDictionaryEncoding(false)
            .withValuesWriterFactory(new DefaultValuesWriterFactory())
            .build();
    }

    /**
     * Starts encoding the first row group of {@code data} and returns at once. {@code columnOfField[i]} is the
     * exported column that feeds the file's i-th column, so that files of another column order are written in
     * their own order.
     */
    EncodedRowGroup encodeFirst(ExportedColumns data, int[] columnOfField) {
        return encode(data, columnOfField, 0, Math.min(data.size(), rowsPerGroup(data)));
    }

    /**
     * Writes all rows of {@code data} to {@code fileWriter}. {@code first}, if not {@code null}, is the
     * {@linkplain #encodeFirst first row group} of the same data and column order, already under way.
     */
    void write(ParquetFileWriter fileWriter, ExportedColumns data, int[] columnOfField, EncodedRowGroup first)
            throws Exception {
        int rows = data.size();
        int rowsPerGroup = rowsPerGroup(data);
        int from = 0;
        if (first != null) {
            first.writeTo(fileWriter);
            from = first.rows();
        }
        for (; from < rows; from += rowsPerGroup) {
            encode(data, columnOfField, from, (int) Math.min(rows, (long) from + rowsPerGroup)).writeTo(fileWriter);
        }
    }

    private int rowsPerGroup(ExportedColumns data) {
        return (int) Math.max(1, Math.min(Integer.MAX_VALUE, this.rowGroupSize / data.estimatedRowBytes()));
    }

    private EncodedRowGroup encode(ExportedColumns data, int[] columnOfField, int from, int to) {
        List<ColumnDescriptor> columns = this.schema.getColumns();
        return new EncodedRowGroup(to - from, columns.size(),
                c -> encode(columns.get(c), data.column(columnOfField[c]), from, to), this.poolThreads);
    }

    private ColumnChunkPageWriteStore encode(ColumnDescriptor column, ExportedColumns.Column values, int from,
            int to) {
        MessageType single = new MessageType(this.schema.getName(), this.schema.getType(column.getPath()[0]));
        ColumnChunkPageWriteStore pages = ColumnChunkPageWriteStore.builder()
            .withCompressorProvider(descriptor -> this.compressor)
            .withSchema(single)
            .withAllocator(this.properties.getAllocator())
            .withColumnIndexTruncateLength(this.properties.getColumnIndexTruncateLength())
            .withPageWriteChecksumEnabled(this.properties.getPageWriteChecksumEnabled())
            .build();
        ParquetProperties properties = this.properties;
        if (properties.isDictionaryEnabled(column) && !values.dictionaryWorthy(from, to)) {
            properties = this.withoutDictionary;
        }
        ColumnWriteStore store = properties.newColumnWriteStore(single, pages, pages);
        ColumnDescriptor descriptor = single.getColumns().get(0);
        var writer = store.getColumnWriter(descriptor);
        boolean optional = descriptor.getMaxDefinitionLevel() > 0;
        int batch = RowGroupWriter.batchRows(this.properties.getPageSizeThreshold());
        for (int start = from; start < to; start += batch) {
            int end = Math.min(to, start + batch);
            values.writeTo(writer, descriptor.getPrimitiveType(), optional, start, end, this.file);
            for (int row = start; row < end; row++) {
                store.endRecord();
            }
        }
        store.flush();
        store.close();
        return pages;
    }
}
