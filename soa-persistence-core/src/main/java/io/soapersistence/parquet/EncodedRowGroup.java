package io.soapersistence.parquet;

import java.util.List;

import org.apache.parquet.hadoop.ColumnChunkPageWriteStore;
import org.apache.parquet.hadoop.ParquetFileWriter;

/**
 * One row group whose columns are being encoded and compressed on the column pool, each into pages held in
 * memory, ready to be appended to a file in schema order once all are done. Encoding needs no file, so it can
 * start before the file exists.
 */
final class EncodedRowGroup {

    private final int rows;

    private final ColumnParallelism.Submitted<ColumnChunkPageWriteStore> columns;

    EncodedRowGroup(int rows, ColumnParallelism.Submitted<ColumnChunkPageWriteStore> columns) {
        this.rows = rows;
        this.columns = columns;
    }

    int rows() {
        return this.rows;
    }

    /** Waits for every column and writes them as the file's next row group. */
    void writeTo(ParquetFileWriter fileWriter) throws Exception {
        List<ColumnChunkPageWriteStore> chunks = this.columns.await();
        fileWriter.startBlock(this.rows);
        for (ColumnChunkPageWriteStore chunk : chunks) {
            chunk.flushToFileWriter(fileWriter);
            chunk.close();
        }
        fileWriter.endBlock();
    }

    /** Drops the row group without waiting for it; columns still encoding finish and are released. */
    void discard() {
        this.columns.discard(ColumnChunkPageWriteStore::close);
    }
}
