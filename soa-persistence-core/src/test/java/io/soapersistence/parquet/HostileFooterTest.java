package io.soapersistence.parquet;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;

import io.soapersistence.CorruptFileException;
import io.soapersistence.FormatException;
import io.soapersistence.fixtures.OrderSoA;
import io.soapersistence.fixtures.RandomRows;
import org.apache.parquet.bytes.BytesInput;
import org.apache.parquet.compression.CompressionCodecFactory.BytesInputDecompressor;
import org.apache.parquet.format.FileMetaData;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Footers and page headers are claims a damaged file can make about sizes: they must end in a typed error,
 * never in an allocation of whatever size they claim.
 */
class HostileFooterTest {

    @TempDir
    Path dir;

    private ParquetPersistence<OrderSoA> savedOrders() {
        RandomRows random = new RandomRows(3);
        OrderSoA orders = new OrderSoA();
        for (int i = 1; i <= 500; i++) {
            orders.add(random.order(i));
        }
        ParquetPersistence<OrderSoA> persistence = new ParquetPersistence<>(OrderSoA.class, this.dir);
        persistence.save(orders).join();
        return persistence;
    }

    /** Rewrites the file's footer after {@code change} has edited its thrift form. */
    private void rewriteFooter(Path file, Consumer<FileMetaData> change) throws IOException {
        Files.write(file, MutatedFiles.withFooter(Files.readAllBytes(file), change));
    }

    @Test
    void aColumnChunkClaimingBytesBeyondTheFileIsCorrupt() throws IOException {
        ParquetPersistence<OrderSoA> persistence = savedOrders();
        rewriteFooter(persistence.file(), footer -> footer.getRow_groups().get(0).getColumns().get(0).getMeta_data()
            .setTotal_compressed_size(1L << 40));

        assertThat(Futures.failure(persistence.load())).isInstanceOf(CorruptFileException.class)
            .hasMessageContaining("outside the file")
            .hasMessageContaining(persistence.file().toString());
        assertThat(Futures.failure(persistence.count())).isInstanceOf(CorruptFileException.class);
    }

    @Test
    void aFooterClaimingBillionsOfRowsIsRefusedBeforeAnyAllocation() throws IOException {
        ParquetPersistence<OrderSoA> persistence = savedOrders();
        rewriteFooter(persistence.file(), footer -> {
            footer.setNum_rows(5_000_000_000L);
            footer.getRow_groups().get(0).setNum_rows(5_000_000_000L);
            // Consistently, so that the chunks' value counts do not already give the lie away.
            footer.getRow_groups().get(0).getColumns().forEach(column -> column.getMeta_data()
                .setNum_values(5_000_000_000L));
        });

        assertThat(Futures.failure(persistence.load())).isInstanceOf(FormatException.class)
            .hasMessageContaining("5000000000 rows");
    }

    @Test
    void aPageHeaderClaimingAHugePageAllocatesNothing() throws IOException {
        StandaloneCodecFactory codecs = StandaloneCodecFactory.forReading();
        byte[] page = "a small page".getBytes(StandardCharsets.US_ASCII);
        for (CompressionCodecName codec : new CompressionCodecName[] {CompressionCodecName.ZSTD,
            CompressionCodecName.LZ4_RAW, CompressionCodecName.SNAPPY, CompressionCodecName.UNCOMPRESSED}) {
            BytesInput compressed = new StandaloneCodecFactory(Compression.DEFAULT).getCompressor(codec)
                .compress(BytesInput.from(page));
            BytesInputDecompressor decompressor = codecs.getDecompressor(codec);
            assertThatThrownBy(() -> decompressor.decompress(compressed, Integer.MAX_VALUE).toByteArray())
                .as(codec.name())
                .isInstanceOf(IOException.class)
                .hasMessageContaining(String.valueOf(Integer.MAX_VALUE));
            assertThat(decompressor.decompress(compressed, page.length).toByteArray()).as(codec.name()).isEqualTo(page);
        }
    }
}
