package io.soapersistence.parquet;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import io.soapersistence.ColumnNotFoundException;
import io.soapersistence.CorruptFileException;
import io.soapersistence.FormatException;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.column.page.PageReadStore;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType;
import org.apache.parquet.schema.Type;

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
        DecodedColumn[] columns = new DecodedColumn[target.getFields().size()];
        for (int c = 0; c < columns.length; c++) {
            columns[c] = new DecodedColumn(target.getFields().get(c), (int) rows);
        }
        return columns;
    }

    /** Decodes every row group of one file into {@code into}, from row {@code offset}; returns the rows read. */
    static int readInto(ParquetFileReader reader, Schema target, Path file, DecodedColumn[] into, int offset)
            throws Exception {
        MessageType fileSchema = reader.getFooter().getFileMetaData().getSchema();
        List<Type> projected = new ArrayList<>();
        for (Field field : target.getFields()) {
            PrimitiveType found = ParquetSchemaMapping.findColumn(fileSchema, field, file);
            if (found == null) {
                throw new ColumnNotFoundException(file, field.getName());
            }
            ParquetSchemaMapping.checkReadable(field, found, file);
            projected.add(found);
        }
        MessageType projection = new MessageType(fileSchema.getName(), projected);
        long total = reader.getRecordCount();
        if (into.length > 0 && offset + total > into[0].size) {
            throw new CorruptFileException(file, "the footer declares more rows than were counted before", null);
        }
        reader.setRequestedSchema(projection);
        List<ColumnDescriptor> columns = projection.getColumns();
        long read = 0;
        PageReadStore rowGroup;
        while ((rowGroup = reader.readNextRowGroup()) != null) {
            long rows = rowGroup.getRowCount();
            if (read + rows > total) {
                throw new CorruptFileException(file, "row groups hold more rows than the footer's " + total, null);
            }
            PageReadStore pages = rowGroup;
            int start = (int) (offset + read);
            ColumnParallelism.forEachColumn(columns.size(), c -> {
                new ChunkDecoder(columns.get(c), into[c], file).decode(pages.getPageReader(columns.get(c)), start,
                        (int) rows);
                return null;
            });
            read += rows;
        }
        if (read != total) {
            throw new CorruptFileException(file, "row groups hold " + read + " rows, but the footer declares " + total,
                    null);
        }
        return (int) total;
    }
}
