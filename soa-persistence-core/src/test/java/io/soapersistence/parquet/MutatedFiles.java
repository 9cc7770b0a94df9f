package io.soapersistence.parquet;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

import io.soapersistence.PersistenceException;
import io.soapersistence.ToArrow;
import org.apache.parquet.format.FileMetaData;
import org.apache.parquet.format.Util;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * Writes damaged versions of a valid data file and checks what load and count make of them: within a time
 * limit, either the right number of rows or a typed persistence error naming the file; never an
 * {@link Error}, an untyped exception or a hang.
 */
final class MutatedFiles {

    /** Per operation; a healthy load of these small files takes milliseconds. */
    static final long TIMEOUT_SECONDS = 10;

    private long modifications;

    /** How the mutated files ended, for the assertions that the mutations reached the decoders at all. */
    int succeeded;

    int failedTyped;

    /**
     * Replaces {@code file} by {@code content}. Each version gets its own modification time, so that no cache
     * keyed by size and time can mistake it for the version before.
     */
    void write(Path file, byte[] content) throws IOException {
        Files.write(file, content);
        this.modifications++;
        Files.setLastModifiedTime(file, FileTime.fromMillis(1_000_000_000_000L + this.modifications * 1000));
    }

    /** Loads and counts the file of {@code persistence}, which was written with {@code rows} rows. */
    <T extends ToArrow<T>> void check(ParquetPersistence<T> persistence, int rows, String mutation) {
        check(persistence, rows, mutation, false);
    }

    /**
     * As {@link #check(ParquetPersistence, int, String)}; with {@code countTrustsFooter}, count may also return
     * whatever row count a rewritten, self-consistent footer claims, since counting reads no pages.
     */
    <T extends ToArrow<T>> void check(ParquetPersistence<T> persistence, int rows, String mutation,
            boolean countTrustsFooter) {
        Object loaded = outcome(persistence.load(), persistence, "load after " + mutation);
        if (loaded != null) {
            @SuppressWarnings("unchecked")
            Optional<T> data = (Optional<T>) loaded;
            assertThat(data).as("load after %s", mutation).isPresent();
            assertThat(data.get().size()).as("rows loaded after %s", mutation).isEqualTo(rows);
        }
        Object counted = outcome(persistence.count(), persistence, "count after " + mutation);
        if (counted != null && countTrustsFooter) {
            assertThat((Long) counted).as("count after %s", mutation).isNotNegative();
        } else if (counted != null) {
            assertThat(counted).as("count after %s", mutation).isEqualTo((long) rows);
        }
        if (loaded != null && counted != null) {
            this.succeeded++;
        } else {
            this.failedTyped++;
        }
    }

    /** The result, or null after a typed failure; fails the test on anything else. */
    private static Object outcome(CompletableFuture<?> future, ParquetPersistence<?> persistence, String what) {
        try {
            return future.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            future.cancel(true);
            return fail("%s did not finish within %d s", what, TIMEOUT_SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return fail("interrupted during %s", what);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            while (cause instanceof CompletionException && cause.getCause() != null) {
                cause = cause.getCause();
            }
            if (!(cause instanceof PersistenceException)) {
                throw new AssertionError(what + " failed with an untyped " + cause, cause);
            }
            assertThat(cause.getMessage()).as("message of %s", what)
                .contains(persistence.file().getFileName().toString());
            return null;
        }
    }

    /** Where the footer starts: after the data pages, before its length field and the closing magic. */
    /** {@code file} with its footer decoded, edited by {@code change} and encoded again. */
    static byte[] withFooter(byte[] file, Consumer<FileMetaData> change)
            throws IOException {
        int footerStart = footerStart(file);
        FileMetaData footer = Util.readFileMetaData(
                new ByteArrayInputStream(file, footerStart, file.length - 8 - footerStart));
        change.accept(footer);
        ByteArrayOutputStream encoded = new ByteArrayOutputStream();
        Util.writeFileMetaData(footer, encoded);
        ByteArrayOutputStream rewritten = new ByteArrayOutputStream();
        rewritten.write(file, 0, footerStart);
        rewritten.write(encoded.toByteArray());
        rewritten.write(ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(encoded.size())
            .array());
        rewritten.write("PAR1".getBytes(StandardCharsets.US_ASCII));
        return rewritten.toByteArray();
    }

    static int footerStart(byte[] file) {
        int length = ByteBuffer.wrap(file, file.length - 8, 4).order(ByteOrder.LITTLE_ENDIAN).getInt();
        return file.length - 8 - length;
    }
}
