package io.soapersistence.parquet;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

import org.apache.parquet.io.InputFile;
import org.apache.parquet.io.SeekableInputStream;

/**
 * An {@link InputFile} over one open {@link FileChannel}. parquet-java's {@code LocalInputFile} reads one byte
 * per system call on bulk reads; this one hands every read to the channel in one call. Opening the channel
 * once also pins the file: a rename over the path during a read leaves this reader on the complete old file.
 */
final class ChannelInputFile implements InputFile, AutoCloseable {

    private final Path path;

    private final FileChannel channel;

    private final long length;

    /** Where the next skipped read must start, for a column chunk the kernel copies instead. */
    private long skipNext = -1;

    private long skipRemaining;

    private ChannelInputFile(Path path, FileChannel channel) throws IOException {
        this.path = path;
        this.channel = channel;
        this.length = channel.size();
    }

    static ChannelInputFile open(Path path) throws IOException {
        FileChannel channel = FileChannel.open(path, StandardOpenOption.READ);
        try {
            return new ChannelInputFile(path, channel);
        }
        catch (IOException | RuntimeException ex) {
            channel.close();
            throw ex;
        }
    }

    Path path() {
        return this.path;
    }

    FileChannel channel() {
        return this.channel;
    }

    /**
     * Makes the next reads of {@code [start, start + length)} return without reading: the bytes of a column
     * chunk that parquet-java would copy through the heap are spliced in the kernel instead (see
     * {@link ChannelOutputFile#spliceNext}), so what those reads return is never looked at.
     */
    void skipNextRead(long start, long length) {
        this.skipNext = start;
        this.skipRemaining = length;
    }

    @Override
    public long getLength() {
        return this.length;
    }

    @Override
    public SeekableInputStream newStream() {
        return new ChannelStream();
    }

    @Override
    public void close() throws IOException {
        this.channel.close();
    }

    @Override
    public String toString() {
        return this.path.toString();
    }

    /**
     * Positional reads on the shared channel: streams never disturb each other's position. Small reads are
     * served from a read-ahead buffer, because parquet-java copies column chunks in 8 KiB reads; large reads
     * go straight to the channel.
     */
    private final class ChannelStream extends SeekableInputStream {

        private static final int READ_AHEAD = 1024 * 1024;

        private long position;

        private ByteBuffer readAhead;

        private long readAheadStart;

        @Override
        public long getPos() {
            return this.position;
        }

        @Override
        public void seek(long newPos) throws IOException {
            if (newPos < 0 || newPos > ChannelInputFile.this.length) {
                throw new EOFException("seek to " + newPos + " outside the file's " + ChannelInputFile.this.length
                        + " bytes");
            }
            this.position = newPos;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return (read(one, 0, 1) == 1) ? (one[0] & 0xFF) : -1;
        }

        @Override
        public int read(byte[] bytes, int off, int len) throws IOException {
            return read(ByteBuffer.wrap(bytes, off, len));
        }

        @Override
        public int read(ByteBuffer buffer) throws IOException {
            if (!buffer.hasRemaining()) {
                return 0;
            }
            ChannelInputFile file = ChannelInputFile.this;
            // Only the one sequential pass over the armed range is skipped; later reads of it read for real.
            if (file.skipRemaining > 0 && this.position == file.skipNext) {
                int skipped = (int) Math.min(buffer.remaining(), file.skipRemaining);
                buffer.position(buffer.position() + skipped);
                this.position += skipped;
                file.skipNext += skipped;
                file.skipRemaining -= skipped;
                return skipped;
            }
            if (buffer.remaining() >= READ_AHEAD / 4) {
                int read = ChannelInputFile.this.channel.read(buffer, this.position);
                if (read > 0) {
                    this.position += read;
                }
                return read;
            }
            if (!buffered() && !fill()) {
                return -1;
            }
            ByteBuffer available = this.readAhead.duplicate();
            available.position((int) (this.position - this.readAheadStart));
            int length = Math.min(available.remaining(), buffer.remaining());
            available.limit(available.position() + length);
            buffer.put(available);
            this.position += length;
            return length;
        }

        private boolean buffered() {
            return this.readAhead != null && this.position >= this.readAheadStart
                    && this.position < this.readAheadStart + this.readAhead.limit();
        }

        /** Reads ahead from the current position; {@code false} at the end of the file. */
        private boolean fill() throws IOException {
            // No more than the file holds after the position: a footer read near the end then zeroes and reads
            // a few kilobytes rather than a megabyte, which an append paid twice.
            int wanted = (int) Math.max(1, Math.min(READ_AHEAD, ChannelInputFile.this.length - this.position));
            if (this.readAhead == null || this.readAhead.capacity() < wanted) {
                // A heap buffer: direct memory is only freed by a later GC, and every reader opens streams.
                this.readAhead = ByteBuffer.allocate(wanted);
            }
            this.readAhead.clear().limit(wanted);
            this.readAheadStart = this.position;
            while (this.readAhead.hasRemaining()) {
                int read = ChannelInputFile.this.channel.read(this.readAhead,
                        this.readAheadStart + this.readAhead.position());
                if (read < 0) {
                    break;
                }
            }
            this.readAhead.flip();
            return this.readAhead.hasRemaining();
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
        public void readFully(ByteBuffer buffer) throws IOException {
            while (buffer.hasRemaining()) {
                if (read(buffer) < 0) {
                    throw new EOFException("unexpected end of file at byte " + this.position + " of "
                            + ChannelInputFile.this.length);
                }
            }
        }

        @Override
        public long skip(long n) throws IOException {
            long target = Math.min(ChannelInputFile.this.length, this.position + Math.max(0, n));
            long skipped = target - this.position;
            this.position = target;
            return skipped;
        }

        @Override
        public int available() {
            return (int) Math.min(Integer.MAX_VALUE, Math.max(0, ChannelInputFile.this.length - this.position));
        }
    }
}
