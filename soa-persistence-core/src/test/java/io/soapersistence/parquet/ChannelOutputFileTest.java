package io.soapersistence.parquet;

import java.io.IOException;
import java.nio.channels.ClosedByInterruptException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

import org.apache.parquet.io.PositionOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The mirrored output a save writes its file and its spare through. */
class ChannelOutputFileTest {

    @TempDir
    Path dir;

    /** Bytes past the few MiB after which a file is forced ahead, written in pieces of several sizes. */
    private static byte[] write(ChannelOutputFile output) throws IOException {
        byte[] bytes = new byte[9 << 20];
        new Random(5).nextBytes(bytes);
        try (PositionOutputStream stream = output.create(0)) {
            int at = 0;
            for (int piece = 1; at < bytes.length; piece = piece * 7 % 1_000_003) {
                int length = Math.min(bytes.length - at, piece);
                if (length == 1) {
                    stream.write(bytes[at]);
                }
                else {
                    stream.write(bytes, at, length);
                }
                at += length;
                assertThat(stream.getPos()).isEqualTo(at);
            }
        }
        return bytes;
    }

    @Test
    void theMirrorGetsEveryByteTheFileGets() throws IOException {
        Path file = this.dir.resolve("file");
        Path mirror = this.dir.resolve("mirror");
        ChannelOutputFile output = ChannelOutputFile.mirrored(file, mirror);

        byte[] written = write(output);

        assertThat(output.mirrorFailure()).isNull();
        assertThat(Files.readAllBytes(file)).isEqualTo(written);
        assertThat(Files.mismatch(file, mirror)).isEqualTo(-1);
    }

    @Test
    void aMirrorThatCannotBeWrittenIsGivenUpAndTheFileIsWrittenWithoutIt() throws IOException {
        Path file = this.dir.resolve("file");
        Path mirror = this.dir.resolve("missing-directory").resolve("mirror");
        ChannelOutputFile output = ChannelOutputFile.mirrored(file, mirror);

        byte[] written = write(output);

        assertThat(output.mirrorFailure()).isInstanceOf(java.nio.file.NoSuchFileException.class)
            .hasMessageContaining(mirror.toString());
        assertThat(Files.readAllBytes(file)).isEqualTo(written);
        assertThat(mirror).doesNotExist();
    }

    @Test
    void anInterruptedWriteFailsAsInterruptedRatherThanAsAnotherIoError() throws IOException {
        ChannelOutputFile output = ChannelOutputFile.mirrored(this.dir.resolve("file"), this.dir.resolve("mirror"));
        PositionOutputStream stream = output.create(0);
        Thread.currentThread().interrupt();
        try {
            // Larger than the buffer, so it goes to the channel at once.
            assertThatThrownBy(() -> stream.write(new byte[1 << 20])).isInstanceOf(ClosedByInterruptException.class);
        }
        finally {
            Thread.interrupted();
            output.abort();
        }
    }
}
