package io.soapersistence.parquet;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The background chunk copy: ranges land at their positions while the writer writes elsewhere in the file,
 * a source that ends early fails the write, and a cancelled copy has stopped writing when cancel returns.
 */
class ChunkCopierTest {

    @TempDir
    Path dir;

    private Path source(int size) throws IOException {
        byte[] bytes = new byte[size];
        new Random(size).nextBytes(bytes);
        Path source = this.dir.resolve("source");
        Files.write(source, bytes);
        return source;
    }

    @Test
    void rangesLandAtTheirPositionsBesideTheWritersOwnBytes() throws IOException {
        // Larger than a slice and than what is forced ahead, so the copying and forcing threads do several rounds.
        int size = 20 << 20;
        Path sourceFile = source(size);
        byte[] expected = Files.readAllBytes(sourceFile);
        Path target = this.dir.resolve("target");
        try (FileChannel source = FileChannel.open(sourceFile, StandardOpenOption.READ);
                FileChannel writer = FileChannel.open(target, StandardOpenOption.CREATE_NEW,
                        StandardOpenOption.WRITE)) {
            ChunkCopier copier = ChunkCopier.open(target);
            int half = size / 2;
            copier.copy(source, half, size - half, 4);
            copier.copy(source, 0, half, 4 + (size - half));
            writer.write(ByteBuffer.wrap(new byte[] {'P', 'A', 'R', '1'}), 0);
            writer.write(ByteBuffer.wrap(new byte[] {'E', 'N', 'D'}), 4 + size);
            copier.awaitIdle();
            copier.finish();
        }

        byte[] written = Files.readAllBytes(target);
        assertThat(written).hasSize(size + 7);
        assertThat(Arrays.copyOfRange(written, 0, 4)).containsExactly('P', 'A', 'R', '1');
        assertThat(Arrays.copyOfRange(written, 4, 4 + size - size / 2))
            .isEqualTo(Arrays.copyOfRange(expected, size / 2, size));
        assertThat(Arrays.copyOfRange(written, 4 + size - size / 2, 4 + size))
            .isEqualTo(Arrays.copyOfRange(expected, 0, size / 2));
        assertThat(Arrays.copyOfRange(written, 4 + size, size + 7)).containsExactly('E', 'N', 'D');
    }

    @Test
    void aSourceThatEndsBeforeTheRangeFailsTheWrite() throws IOException {
        Path sourceFile = source(1000);
        Path target = this.dir.resolve("target");
        Files.createFile(target);
        try (FileChannel source = FileChannel.open(sourceFile, StandardOpenOption.READ)) {
            ChunkCopier copier = ChunkCopier.open(target);
            copier.copy(source, 500, 800, 0);

            assertThatThrownBy(copier::finish).isInstanceOf(EOFException.class)
                .hasMessage("the source ended 300 bytes before the end of a column chunk");
            assertThatThrownBy(() -> copier.copy(source, 0, 10, 0)).as("a failed copier takes no more work")
                .isInstanceOf(EOFException.class);
        }
    }

    @Test
    void aCancelledCopyHasStoppedWritingWhenCancelReturns() throws Exception {
        Path sourceFile = source(64 << 20);
        Path target = this.dir.resolve("target");
        Files.createFile(target);
        try (FileChannel source = FileChannel.open(sourceFile, StandardOpenOption.READ)) {
            ChunkCopier copier = ChunkCopier.open(target);
            copier.copy(source, 0, 64 << 20, 0);

            copier.cancel();
            long sizeAtCancel = Files.size(target);
            Thread.sleep(200);

            assertThat(Files.size(target)).as("nothing written after cancel() returned").isEqualTo(sizeAtCancel);
        }
    }
}
