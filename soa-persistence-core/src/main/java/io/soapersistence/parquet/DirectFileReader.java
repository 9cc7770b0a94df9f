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

    static DecodedColumns readAll(ParquetFileReader reader, Schema target, Path file) throws Exception {
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
        if (total > Integer.MAX_VALUE - 8) {
            throw new FormatException(file, "the file holds " + total + " rows, more than one SoA can index", null);
        }
        reader.setRequestedSchema(projection);
        List<ColumnDescriptor> columns = projection.getColumns();
        DecodedColumn[] decoded = new DecodedColumn[columns.size()];
        for (int c = 0; c < decoded.length; c++) {
            decoded[c] = new DecodedColumn(target.getFields().get(c), (int) total);
        }
        long offset = 0;
        PageReadStore rowGroup;
        while ((rowGroup = reader.readNextRowGroup()) != null) {
            long rows = rowGroup.getRowCount();
            if (offset + rows > total) {
                throw new CorruptFileException(file, "row groups hold more rows than the footer's " + total, null);
            }
            PageReadStore pages = rowGroup;
            int start = (int) offset;
            ColumnParallelism.forEachColumn(columns.size(), c -> {
                new ChunkDecoder(columns.get(c), decoded[c], file).decode(pages.getPageReader(columns.get(c)), start,
                        (int) rows);
                return null;
            });
            offset += rows;
        }
        if (offset != total) {
            throw new CorruptFileException(file, "row groups hold " + offset + " rows, but the footer declares " + total,
                    null);
        }
        DecodedColumns result = new DecodedColumns(decoded, (int) total, file);
        result.checkNonNullable();
        return result;
    }
}
