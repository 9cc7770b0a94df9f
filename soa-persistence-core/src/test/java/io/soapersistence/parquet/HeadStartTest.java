package io.soapersistence.parquet;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import io.soapersistence.TypeConversionException;
import io.soapersistence.fixtures.OrderSoA;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An append to the multi-file layout encodes its first row group before it holds the write lock
 * ({@link HeadStart}); one to the single file encodes on fewer threads while the stored chunks are copied.
 * What may go differently from encoding under the lock on every core: the encoding fails before the append
 * has looked at the dataset, or beside a copy under way, or the stored format is not the one encoded for.
 */
class HeadStartTest {

    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(Layout.class)
    void aFailureWhileEncodingAheadOrBesideACopyFailsTheAppendTypedAndLeavesEveryFileAsItWas(Layout layout) throws IOException {
        ParquetPersistence<RequiredAddressView> persistence = new ParquetPersistence<>(RequiredAddressView.class,
                this.dir).withLayout(layout);
        persistence.save(new RequiredAddressView(RequiredAddressView.orders(1, 50, -1))).join();
        persistence.append(new RequiredAddressView(RequiredAddressView.orders(51, 50, -1))).join();
        Map<String, String> before = contents();

        Throwable failure = Futures.failure(persistence.append(
                new RequiredAddressView(RequiredAddressView.orders(101, 50, 150))));

        assertThat(failure).isInstanceOfSatisfying(TypeConversionException.class,
                ex -> assertThat(ex.column()).isEqualTo(RequiredAddressView.COLUMN))
            .hasMessageContaining("required");
        assertThat(contents()).as("every file byte for byte, and no temporary file left").isEqualTo(before);
        persistence.append(new RequiredAddressView(RequiredAddressView.orders(151, 50, -1))).join();
        OrderSoA expected = RequiredAddressView.orders(1, 50, -1);
        expected.addAll(RequiredAddressView.orders(51, 50, -1));
        expected.addAll(RequiredAddressView.orders(151, 50, -1));
        assertThat(persistence.load().join().orElseThrow().data()).isEqualTo(expected);
    }

    /** Every file of the dataset directory, by name, as a digest of its bytes. */
    private Map<String, String> contents() throws IOException {
        Map<String, String> contents = new TreeMap<>();
        try (Stream<Path> files = Files.list(this.dir)) {
            files.filter(Files::isRegularFile).forEach(file -> contents.put(file.getFileName().toString(), digest(file)));
        }
        return contents;
    }

    private static String digest(Path file) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        catch (NoSuchAlgorithmException ex) {
            throw new IllegalStateException(ex);
        }
    }
}
