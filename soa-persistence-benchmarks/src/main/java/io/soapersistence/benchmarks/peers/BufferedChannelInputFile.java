package io.soapersistence.benchmarks.peers;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

import org.apache.parquet.io.InputFile;
import org.apache.parquet.io.SeekableInputStream;

/**
 * A Parquet {@link InputFile} over a {@link FileChannel} with a 64 KiB buffer for small reads and direct positional
 * reads for large ones. parquet-java's own {@code LocalInputFile} reads bulk data one byte per system call (its
 * stream does not override {@code read(byte[], int, int)}); giving the peers that would measure a bug, not the
 * engine.
 */
public final class BufferedChannelInputFile implements InputFile {

    private static final int BUFFER_SIZE = 64 * 1024;

    private final Path path;

    private final long length;

    /**
     * Opens nothing yet; every stream opens its own channel.
     *
     * @param path the file
     * @throws IOException if the file's size cannot be read
     */
    public BufferedChannelInputFile(Path path) throws IOException {
        this.path = path;
        this.length = java.nio.file.Files.size(path);
    }

    @Override
    public long getLength() {
        return this.length;
    }

    @Override
    public SeekableInputStream newStream() throws IOException {
        return new Stream(FileChannel.open(this.path, StandardOpenOption.READ));
    }

    @Override
    public String toString() {
        return this.path.toString();
    }

    /** The stream: {@code bufferStart} is the file position of {@code buffer}'s first byte. */
    private static final class Stream extends SeekableInputStream {

        private final FileChannel channel;

        private final ByteBuffer buffer = ByteBuffer.allocate(BUFFER_SIZE).flip();

        private long bufferStart;

        Stream(FileChannel channel) {
            this.channel = channel;
        }

        @Override
        public long getPos() {
            return this.bufferStart + this.buffer.position();
        }

        @Override
        public void seek(long newPos) {
            if (newPos >= this.bufferStart && newPos <= this.bufferStart + this.buffer.limit()) {
                this.buffer.position((int) (newPos - this.bufferStart));
            }
            else {
                this.bufferStart = newPos;
                this.buffer.clear().flip();
            }
        }

        /** Refills the buffer from the current position; returns false at the end of the file. */
        private boolean fill() throws IOException {
            long pos = getPos();
            this.buffer.clear();
            int n = this.channel.read(this.buffer, pos);
            this.buffer.flip();
            this.bufferStart = pos;
            return n > 0;
        }

        @Override
        public int read() throws IOException {
            if (!this.buffer.hasRemaining() && !fill()) {
                return -1;
            }
            return this.buffer.get() & 0xFF;
        }

        @Override
        public int read(byte[] bytes, int off, int len) throws IOException {
            return read(ByteBuffer.wrap(bytes, off, len));
        }

        @Override
        public int read(ByteBuffer dst) throws IOException {
            if (!dst.hasRemaining()) {
                return 0;
            }
            if (this.buffer.hasRemaining()) {
                int n = Math.min(this.buffer.remaining(), dst.remaining());
                ByteBuffer slice = this.buffer.slice();
                slice.limit(n);
                dst.put(slice);
                this.buffer.position(this.buffer.position() + n);
                return n;
            }
            if (dst.remaining() >= BUFFER_SIZE) {
                long pos = getPos();
                int n = this.channel.read(dst, pos);
                if (n > 0) {
                    this.bufferStart = pos + n;
                    this.buffer.clear().flip();
                }
                return n;
            }
            if (!fill()) {
                return -1;
            }
            return read(dst);
        }

        @Override
        public long skip(long n) {
            if (n <= 0) {
                return 0;
            }
            seek(getPos() + n);
            return n;
        }

        @Override
        public void readFully(byte[] bytes) throws IOException {
            readFully(ByteBuffer.wrap(bytes));
        }

        @Override
        public void readFully(byte[] bytes, int start, int len) throws IOException {
            readFully(ByteBuffer.wrap(bytes, start, len));
        }

        @Override
        public void readFully(ByteBuffer dst) throws IOException {
            while (dst.hasRemaining()) {
                if (read(dst) < 0) {
                    throw new EOFException("reached the end of the file with " + dst.remaining() + " bytes left to read");
                }
            }
        }

        @Override
        public void close() throws IOException {
            this.channel.close();
        }
    }
}
