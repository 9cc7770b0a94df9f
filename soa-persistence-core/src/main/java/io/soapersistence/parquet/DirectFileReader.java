package io.soapersistence.parquet;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import io.soapersistence.CorruptFileException;
import io.soapersistence.FormatException;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.ParquetReadOptions;
import org.apache.parquet.column.page.PageReadStore;
import org.apache.parquet.hadoop.metadata.BlockMetaData;
import org.apache.parquet.hadoop.metadata.ParquetMetadata;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType;

/**
 * Reads the columns a target schema names, matched by name, from every row group of a file straight into
 * arrays, decoding the columns of each row group in parallel.
 */
final class DirectFileReader {

    private DirectFileReader() {
    }

    /** Empty columns for {@code rows} rows of {@code target}, to be filled file by file. */
    static DecodedColumn[] allocate(Schema target, long rows, Path file) {
        if (rows > Integer.MAX_VALUE - 8) {
            throw new FormatException(file, "the dataset holds " + rows + " rows, more than one SoA can index", null);
        }
        long needed = 0;
        for (Field field : target.getFields()) {
            needed += rows * bytesPerValue(DecodedColumn.kindOf(field));
        }
        long available = Runtime.getRuntime().maxMemory();
        if (needed > available) {
            throw new FormatException(file, "the footer declares " + rows + " rows, whose arrays alone need "
                    + needed + " bytes, more than the " + available + " bytes of heap", null);
        }
        DecodedColumn[] columns = new DecodedColumn[target.getFields().size()];
        try {
            for (int c = 0; c < columns.length; c++) {
                columns[c] = new DecodedColumn(target.getFields().get(c), (int) rows);
            }
        } catch (OutOfMemoryError e) {
            // Only this method's own arrays failed to fit; dropping them frees the heap again.
            Arrays.fill(columns, null);
            throw new FormatException(file, "the footer declares " + rows + " rows, whose arrays do not fit in "
                    + "the free heap", null);
        }
        return columns;
    }

    /** The least heap one value of {@code kind} takes in its array: the primitive width or a reference. */
    private static int bytesPerValue(DecodedColumn.Kind kind) {
        return switch (kind) {
            case BOOLEAN, BYTE -> 1;
            case SHORT, CHAR -> 2;
            case LONG, DOUBLE -> 8;
            case UUID -> 16;
            default -> 4;
        };
    }

    /**
     * Decodes every row group of one file into {@code into}, from row {@code offset}; returns the rows read.
     * Each column gets a reader of its own over the same open file, so columns are read and decoded in
     * parallel and only one column chunk per core is in memory at a time, not a whole row group. Each page is
     * decoded before the next is read, so {@code options} may decompress a chunk's pages into one array.
     */
    static int readInto(ChannelInputFile input, ParquetMetadata footer, ParquetReadOptions options, Schema target,
            Path file, DecodedColumn[] into, int offset) throws Exception {
        MessageType fileSchema = footer.getFileMetaData().getSchema();
        List<PrimitiveType> projected = ParquetSchemaMapping.project(fileSchema, target, file);
        long total = 0;
        for (BlockMetaData block : footer.getBlocks()) {
            total += block.getRowCount();
        }
        if (into.length > 0 && offset + total > into[0].size) {
            throw new CorruptFileException(file, "the footer declares more rows than were counted before", null);
        }
        long declared = total;
        ColumnParallelism.forEachColumn(projected.size(), c -> {
            if (projected.get(c) == null) {
                // A nullable component the file predates: null in every row of this file.
                into[c].nulls.set(offset, (int) (offset + declared));
                return null;
            }
            MessageType single = new MessageType(fileSchema.getName(), projected.get(c));
            ColumnDescriptor column = single.getColumns().get(0);
            try (ParquetFileReader reader = new ParquetFileReader(input, footer, options, input.newStream())) {
                reader.setRequestedSchema(single);
                ChunkDecoder decoder = new ChunkDecoder(column, into[c], file);
                long read = 0;
                PageReadStore rowGroup;
                while ((rowGroup = reader.readNextRowGroup()) != null) {
                    long rows = rowGroup.getRowCount();
                    if (read + rows > declared) {
                        throw new CorruptFileException(file, "row groups hold more rows than the footer's " + declared,
                                null);
                    }
                    decoder.decode(rowGroup.getPageReader(column), (int) (offset + read), (int) rows);
                    read += rows;
                }
                if (read != declared) {
                    throw new CorruptFileException(file, "row groups hold " + read + " rows, but the footer declares "
                            + declared, null);
                }
            }
            return null;
        });
        return (int) total;
    }
}
