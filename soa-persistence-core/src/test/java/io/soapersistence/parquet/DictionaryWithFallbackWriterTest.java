package io.soapersistence.parquet;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.IntToLongFunction;
import java.util.stream.Stream;

import io.soapersistence.fixtures.Order;
import io.soapersistence.fixtures.OrderSoA;
import io.soapersistence.fixtures.OrderStatus;
import io.soapersistence.fixtures.PaymentMethod;
import org.apache.parquet.ParquetReadOptions;
import org.apache.parquet.column.Encoding;
import org.apache.parquet.column.ParquetProperties;
import org.apache.parquet.column.values.factory.DefaultValuesWriterFactory;
import org.apache.parquet.column.values.factory.ValuesWriterFactory;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.metadata.BlockMetaData;
import org.apache.parquet.hadoop.metadata.ColumnChunkMetaData;
import org.apache.parquet.schema.MessageType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link DictionaryWithFallbackWriter} must write byte for byte what parquet-column's own fallback writer writes:
 * the same file is written through both factories and compared, in the cases where the dictionary is kept, is
 * dropped after the first page, or outgrows its limit in a later page.
 */
class DictionaryWithFallbackWriterTest {

    private static final int ROWS = 20_000;

    @TempDir
    Path dir;

    static Stream<Arguments> shapes() {
        IntToLongFunction fewValues = row -> row % 37;
        // A hundred values for a quarter of the rows, then a new value in every row: the dictionary is used for
        // the first pages and outgrows a 4 KB dictionary page later.
        IntToLongFunction growing = row -> (row < ROWS / 4) ? row % 100 : row;
        // Nine in ten values distinct: a dictionary would be larger than the plain values, which the first page
        // shows.
        IntToLongFunction mostlyDistinct = row -> row % (ROWS * 9 / 10);
        return Stream.of(
                Arguments.of("few values", fewValues, 64 * 1024, 1024 * 1024, 128L * 1024 * 1024, Dictionary.KEPT),
                Arguments.of("outgrows its dictionary page", growing, 4 * 1024, 4 * 1024, 128L * 1024 * 1024,
                        Dictionary.OUTGROWN),
                Arguments.of("not worth a dictionary", mostlyDistinct, 1024 * 1024, 1024 * 1024, 128L * 1024 * 1024,
                        Dictionary.DROPPED),
                Arguments.of("several row groups", growing, 4 * 1024, 4 * 1024, 128L * 1024, Dictionary.OUTGROWN));
    }

    /** What becomes of the dictionary of an {@code order_id} column chunk. */
    enum Dictionary {

        /** Every page is dictionary-encoded. */
        KEPT(true, false),
        /** The first page shows the dictionary does not pay off: every page is plain. */
        DROPPED(false, true),
        /** Dictionary-encoded pages, then plain ones once the dictionary passed its size limit. */
        OUTGROWN(true, true);

        final boolean dictionaryPages;

        final boolean plainPages;

        Dictionary(boolean dictionaryPages, boolean plainPages) {
            this.dictionaryPages = dictionaryPages;
            this.plainPages = plainPages;
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("shapes")
    void writesWhatParquetColumnsFallbackWriterWrites(String shape, IntToLongFunction values, int pageSize,
            int dictionaryPageSize, long rowGroupSize, Dictionary dictionary) throws Exception {
        OrderSoA data = orders(values);

        Path ours = write(data, new DictionaryValuesWriterFactory(), pageSize, dictionaryPageSize, rowGroupSize);
        Path parquetJavas = write(data, new DefaultValuesWriterFactory(), pageSize, dictionaryPageSize,
                rowGroupSize);

        assertThat(Files.readAllBytes(ours)).as("the file written through our factory")
            .isEqualTo(Files.readAllBytes(parquetJavas));
        List<ColumnChunkMetaData> orderIds = chunks(ours).stream()
            .filter(chunk -> chunk.getPath().toDotString().equals("order_id")).toList();
        assertThat(orderIds).as("order_id chunks, one per row group").hasSizeGreaterThan((rowGroupSize < 1024 * 1024) ? 1 : 0)
            .anyMatch(chunk -> chunk.getEncodings().contains(Encoding.PLAIN_DICTIONARY) == dictionary.dictionaryPages
                    && chunk.getEncodings().contains(Encoding.PLAIN) == dictionary.plainPages);
        Path dataset = Files.createDirectories(this.dir.resolve("dataset-" + shape.replace(' ', '-')));
        Files.copy(ours, dataset.resolve(DatasetDirectory.DATA_FILE));
        assertThat(new ParquetPersistence<>(OrderSoA.class, dataset).load().join()).contains(data);
    }

    @Test
    void dictionaryColumnsGetTheWriterAndOthersParquetColumnsOwn() {
        MessageType schema = ParquetSchemaMapping.toParquet(new OrderSoA().arrowSchema());
        DictionaryValuesWriterFactory factory = new DictionaryValuesWriterFactory();
        ParquetProperties.builder().withDictionaryEncoding(true).withValuesWriterFactory(factory).build();

        assertThat(factory.newValuesWriter(schema.getColumnDescription(new String[] {"order_id"})))
            .isInstanceOf(DictionaryWithFallbackWriter.class);
        assertThat(factory.newValuesWriter(schema.getColumnDescription(new String[] {"shipping_address_hash"})))
            .isInstanceOf(DictionaryWithFallbackWriter.class);

        DictionaryValuesWriterFactory withoutDictionaries = new DictionaryValuesWriterFactory();
        ParquetProperties.builder().withDictionaryEncoding(false).withValuesWriterFactory(withoutDictionaries).build();
        assertThat(withoutDictionaries.newValuesWriter(schema.getColumnDescription(new String[] {"order_id"})))
            .isNotInstanceOf(DictionaryWithFallbackWriter.class);
    }

    private static OrderSoA orders(IntToLongFunction values) {
        OrderSoA soa = new OrderSoA();
        for (int row = 0; row < ROWS; row++) {
            long value = values.applyAsLong(row);
            soa.add(new Order(value, value * 3, row, (int) value, value * 0.25, value * 1.5,
                    OrderStatus.values()[row % OrderStatus.values().length],
                    PaymentMethod.values()[(int) (value % PaymentMethod.values().length)],
                    Instant.ofEpochSecond(1_700_000_000L + value), (row % 5 == 0) ? null : "address-" + value));
        }
        return soa;
    }

    private Path write(OrderSoA data, ValuesWriterFactory factory, int pageSize, int dictionaryPageSize,
            long rowGroupSize) throws Exception {
        Path file = this.dir.resolve(factory.getClass().getSimpleName() + "-" + System.nanoTime() + ".parquet");
        ParquetProperties properties = ParquetProperties.builder()
            .withWriterVersion(ParquetProperties.WriterVersion.PARQUET_1_0)
            .withPageSize(pageSize)
            .withMinRowCountForPageSizeCheck(100)
            .withDictionaryPageSize(dictionaryPageSize)
            .withDictionaryEncoding(true)
            .withValuesWriterFactory(factory)
            .build();
        MessageType schema = ParquetSchemaMapping.toParquet(data.arrowSchema());
        ParquetFileWriter writer = new ParquetFileWriter(new ChannelOutputFile(file), schema,
                ParquetFileWriter.Mode.CREATE, rowGroupSize, 0, null, properties);
        writer.start();
        int[] columnOrder = new int[schema.getFieldCount()];
        for (int i = 0; i < columnOrder.length; i++) {
            columnOrder[i] = i;
        }
        var compressor = new StandaloneCodecFactory(Compression.snappy())
            .getCompressor(Compression.snappy().codec().parquetName());
        new DirectRowGroupWriter(schema, properties, compressor, rowGroupSize, file)
            .write(writer, ExportedColumns.of(data), columnOrder, null);
        writer.end(Map.of());
        return file;
    }

    private static List<ColumnChunkMetaData> chunks(Path file) throws IOException {
        try (ChannelInputFile input = ChannelInputFile.open(file);
                ParquetFileReader reader = new ParquetFileReader(input, ParquetReadOptions
                    .builder(new PlainParquetConfiguration()).withCodecFactory(StandaloneCodecFactory.forReading())
                    .build())) {
            return reader.getFooter().getBlocks().stream().map(BlockMetaData::getColumns).flatMap(List::stream)
                .toList();
        }
    }
}
