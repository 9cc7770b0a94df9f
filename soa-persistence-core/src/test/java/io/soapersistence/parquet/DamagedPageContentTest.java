package io.soapersistence.parquet;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import io.soapersistence.CorruptFileException;
import io.soapersistence.fixtures.OrderIdsSoA;
import org.apache.parquet.bytes.BytesInput;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.column.Encoding;
import org.apache.parquet.column.ParquetProperties;
import org.apache.parquet.column.page.DictionaryPage;
import org.apache.parquet.column.statistics.Statistics;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.schema.MessageType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Files whose framing is sound but whose pages hold impossible content, written page by page with parquet-java's
 * file writer: the load must fail with a typed error that names the file and the column, and leave the file
 * as it was.
 */
class DamagedPageContentTest {

    private static final int ROWS = 4;

    @TempDir
    Path dir;

    @Test
    void aDictionaryIdPastTheDictionaryIsACorruptFile() throws Exception {
        // Bit width 3, then one repeated run of 4 ids, each 5, into a dictionary of 2 entries.
        byte[] ids = {3, (byte) (ROWS << 1), 5};
        Path file = write(ids, allNullLevels());

        assertLoadFails(file, "column 'order_id': dictionary id 5 outside a dictionary of 2 values");
    }

    @Test
    void definitionLevelsThatEndBeforeThePageDoAreACorruptFile() throws Exception {
        byte[] ids = {1, (byte) (ROWS << 1), 1};
        // Levels for 2 of the 4 rows: a repeated run of 2 nulls, and nothing after it.
        byte[] levels = ByteBuffer.allocate(6).order(ByteOrder.LITTLE_ENDIAN).putInt(2).put((byte) (2 << 1)).put((byte) 0)
            .array();
        Path file = write(ids, levels);

        assertLoadFails(file, "column 'status': definition levels: runs end after 2 of 4 values");
    }

    private void assertLoadFails(Path file, String problem) throws Exception {
        byte[] before = Files.readAllBytes(file);
        ParquetPersistence<OrderIdsSoA> persistence = new ParquetPersistence<>(OrderIdsSoA.class, this.dir);

        assertThat(Futures.failure(persistence.load())).isInstanceOf(CorruptFileException.class)
            .hasMessageContaining(file.toAbsolutePath().toString())
            .hasMessageContaining(problem);
        assertThat(Files.readAllBytes(file)).isEqualTo(before);
    }

    /** Definition levels of a page whose 4 rows are all null: a length, then one repeated run of level 0. */
    private static byte[] allNullLevels() {
        return ByteBuffer.allocate(6).order(ByteOrder.LITTLE_ENDIAN).putInt(2).put((byte) (ROWS << 1)).put((byte) 0)
            .array();
    }

    /**
     * Writes {@code data.parquet} of one row group: {@code order_id} as a dictionary of 10 and 20 with the given
     * page of ids, {@code status} as the given definition levels and no values.
     */
    private Path write(byte[] orderIdPage, byte[] statusPage) throws Exception {
        Path file = this.dir.resolve("data.parquet");
        MessageType schema = ParquetSchemaMapping.toParquet(new OrderIdsSoA().arrowSchema());
        ParquetFileWriter writer = new ParquetFileWriter(new ChannelOutputFile(file), schema,
                ParquetFileWriter.Mode.CREATE, 1 << 20, 0, null, ParquetProperties.builder().build());
        writer.start();
        writer.startBlock(ROWS);
        ColumnDescriptor orderId = schema.getColumns().get(0);
        writer.startColumn(orderId, ROWS, CompressionCodecName.UNCOMPRESSED);
        byte[] dictionary = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN).putLong(10).putLong(20).array();
        writer.writeDictionaryPage(new DictionaryPage(BytesInput.from(dictionary), 2, Encoding.PLAIN));
        writePage(writer, orderId, orderIdPage, Encoding.RLE_DICTIONARY);
        writer.endColumn();
        ColumnDescriptor status = schema.getColumns().get(1);
        writer.startColumn(status, ROWS, CompressionCodecName.UNCOMPRESSED);
        writePage(writer, status, statusPage, Encoding.PLAIN);
        writer.endColumn();
        writer.endBlock();
        writer.end(Map.of());
        return file;
    }

    @SuppressWarnings("deprecation")
    private static void writePage(ParquetFileWriter writer, ColumnDescriptor column, byte[] page, Encoding values)
            throws Exception {
        writer.writeDataPage(ROWS, page.length, BytesInput.from(page),
                Statistics.createStats(column.getPrimitiveType()), ROWS, Encoding.RLE, Encoding.RLE, values);
    }
}
