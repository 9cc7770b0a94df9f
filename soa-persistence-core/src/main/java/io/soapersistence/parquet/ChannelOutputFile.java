package io.soapersistence.parquet;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.util.Set;

import org.apache.parquet.io.OutputFile;
import org.apache.parquet.io.PositionOutputStream;

/**
 * An {@link OutputFile} that writes a new file through a {@link FileChannel}, buffering small writes, and
 * forces the bytes to stable storage when closed, before the file is renamed into place.
 */
final class ChannelOutputFile implements OutputFile {

    private static final int BUFFER_SIZE = 256 * 1024;

    private final Path path;

    private final FileAttribute<?>[] attributes;

    private ChannelStream stream;

    ChannelOutputFile(Path path, FileAttribute<?>... attributes) {
        this.path = path;
        this.attributes = attributes.clone();
    }

    @Override
    public PositionOutputStream create(long blockSizeHint) throws IOException {
        FileChannel channel = FileChannel.open(this.path,
                Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE), this.attributes);
        this.stream = new ChannelStream(channel);
        return this.stream;
    }

    @Override
    public PositionOutputStream createOrOverwrite(long blockSizeHint) throws IOException {
        return create(blockSizeHint);
    }

    @Override
    public boolean supportsBlockSize() {
        return false;
    }

    @Override
    public long defaultBlockSize() {
        return 0;
    }

    @Override
    public String getPath() {
        return this.path.toString();
    }

    /**
     * Arms a splice: the next {@code length} bytes written are not written but replaced by the bytes at
     * {@code [start, start + length)} of {@code source}, copied by the kernel ({@code copy_file_range} or
     * {@code sendfile}) on a {@link ChunkCopier} thread while writing goes on after them. parquet-java's chunk
     * append otherwise pulls every stored byte through 8 KiB heap buffers; the positions it records stay exact
     * because the stream still counts the bytes.
     */
    void spliceNext(FileChannel source, long start, long length) {
        this.stream.arm(source, start, length);
    }

    /** Fails unless the armed splice was consumed exactly by the write that followed it. */
    void checkSpliced() {
        if (this.stream.spliceRemaining != 0) {
            throw new IllegalStateException("a column chunk copy wrote " + (this.stream.spliceLength
                    - this.stream.spliceRemaining) + " of " + this.stream.spliceLength + " bytes");
        }
    }

    /** Waits until every spliced range is copied: their sources may be closed afterwards. */
    void awaitSplices() throws IOException {
        if (this.stream != null && this.stream.copier != null) {
            this.stream.copier.awaitIdle();
        }
    }

    /** Closes the file without forcing it, after a failed write whose file is about to be deleted. */
    void abort() {
        if (this.stream != null) {
            if (this.stream.copier != null) {
                this.stream.copier.cancel();
            }
            try {
                this.stream.channel.close();
            }
            catch (IOException ex) {
                // The file is deleted next; a failed close changes nothing about that.
            }
        }
    }

    private final class ChannelStream extends PositionOutputStream {

        private final FileChannel channel;

        /** Where the buffer's first byte goes: the file is written by position, around the copied ranges. */
        private long bufferStart;

        private ChunkCopier copier;

        private long spliceTarget;

        private final ByteBuffer buffer = ByteBuffer.allocate(BUFFER_SIZE);

        private long position;

        private boolean closed;

        private FileChannel spliceSource;

        private long spliceStart;

        private long spliceLength;

        private long spliceRemaining;

        ChannelStream(FileChannel channel) {
            this.channel = channel;
        }

        void arm(FileChannel source, long start, long length) {
            this.spliceSource = source;
            this.spliceStart = start;
            this.spliceLength = length;
            this.spliceRemaining = length;
            this.spliceTarget = this.position;
        }

        /** Counts bytes that belong to an armed splice; queues the range's copy once the count is complete. */
        private int splice(int len) throws IOException {
            int taken = (int) Math.min(len, this.spliceRemaining);
            this.spliceRemaining -= taken;
            this.position += taken;
            if (this.spliceRemaining == 0) {
                drain();
                if (this.copier == null) {
                    this.copier = ChunkCopier.open(ChannelOutputFile.this.path);
                }
                this.copier.copy(this.spliceSource, this.spliceStart, this.spliceLength, this.spliceTarget);
                this.bufferStart = this.position;
                this.spliceSource = null;
            }
            return taken;
        }

        @Override
        public long getPos() {
            return this.position;
        }

        @Override
        public void write(int b) throws IOException {
            if (this.spliceRemaining > 0) {
                splice(1);
                return;
            }
            if (!this.buffer.hasRemaining()) {
                drain();
            }
            this.buffer.put((byte) b);
            this.position++;
        }

        @Override
        public void write(byte[] bytes, int off, int len) throws IOException {
            if (this.spliceRemaining > 0) {
                int taken = splice(len);
                if (taken == len) {
                    return;
                }
                off += taken;
                len -= taken;
            }
            if (len >= BUFFER_SIZE) {
                drain();
                writeFully(ByteBuffer.wrap(bytes, off, len));
                this.bufferStart += len;
            }
            else {
                if (len > this.buffer.remaining()) {
                    drain();
                }
                this.buffer.put(bytes, off, len);
            }
            this.position += len;
        }

        private void drain() throws IOException {
            this.buffer.flip();
            int length = this.buffer.remaining();
            writeFully(this.buffer);
            this.bufferStart += length;
            this.buffer.clear();
        }

        /** Writes {@code source} at {@link #bufferStart}, which the caller then moves past it. */
        private void writeFully(ByteBuffer source) throws IOException {
            long at = this.bufferStart;
            while (source.hasRemaining()) {
                at += this.channel.write(source, at);
            }
        }

        @Override
        public void flush() throws IOException {
            drain();
        }

        @Override
        public void close() throws IOException {
            if (this.closed) {
                return;
            }
            this.closed = true;
            try {
                drain();
                if (this.copier != null) {
                    this.copier.finish();
                }
                // ParquetFileWriter.end() closes the stream after the footer: forcing here, before the
                // rename that publishes the file, means a crash can never publish a name without its blocks.
                this.channel.force(true);
            }
            finally {
                if (this.copier != null) {
                    this.copier.cancel();
                }
                this.channel.close();
            }
        }
    }
}
