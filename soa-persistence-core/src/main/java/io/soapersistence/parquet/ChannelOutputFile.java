package io.soapersistence.parquet;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.util.Set;

import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.io.OutputFile;
import org.apache.parquet.io.PositionOutputStream;

/**
 * An {@link OutputFile} that writes a file through a {@link FileChannel}, buffering small writes, and forces the
 * bytes to stable storage when closed, before the file is renamed into place. It writes a new file, or
 * {@linkplain #extend extends} an existing one without changing any byte the file already holds.
 */
final class ChannelOutputFile implements OutputFile {

    private static final int BUFFER_SIZE = 256 * 1024;

    private final Path path;

    private final FileAttribute<?>[] attributes;

    /** The length of the existing file being extended, or -1 for a new file. */
    private final long kept;

    /** A second new file that gets every byte written, or {@code null}. */
    private final Path mirror;

    private ChannelStream stream;

    /** Why the mirror was given up, or {@code null}. */
    private IOException mirrorFailure;

    ChannelOutputFile(Path path, FileAttribute<?>... attributes) {
        this(path, -1, null, attributes);
    }

    private ChannelOutputFile(Path path, long kept, Path mirror, FileAttribute<?>... attributes) {
        this.path = path;
        this.kept = kept;
        this.mirror = mirror;
        this.attributes = attributes.clone();
    }

    /**
     * An output that writes a new file at {@code path} and the same bytes to a second new file at {@code mirror},
     * forcing both as it goes and both again when closed. Writing a file twice as it is written costs the kernel's
     * copy into the page cache, while the disk writes both files during the encoding; copying the finished file
     * afterwards made the save wait for a second file's worth of disk writes.
     */
    static ChannelOutputFile mirrored(Path path, Path mirror, FileAttribute<?>... attributes) {
        return new ChannelOutputFile(path, -1, mirror, attributes);
    }

    /**
     * An output that writes after the first {@code length} bytes of the existing file {@code path} and never
     * over them. The writer's magic bytes are taken as already in place; the stored chunks the file holds are
     * declared with {@link #keepNext} and the writing goes on past them with {@link #continueAfterKept()}.
     */
    static ChannelOutputFile extend(Path path, long length) {
        return new ChannelOutputFile(path, length, null);
    }

    @Override
    public PositionOutputStream create(long blockSizeHint) throws IOException {
        if (this.kept >= 0) {
            FileChannel channel = FileChannel.open(this.path, StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS);
            this.stream = new ChannelStream(channel);
            this.stream.keep(0, ParquetFileWriter.MAGIC.length);
            return this.stream;
        }
        FileChannel channel = FileChannel.open(this.path,
                Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE), this.attributes);
        FileChannel mirrorChannel = null;
        if (this.mirror != null) {
            try {
                mirrorChannel = FileChannel.open(this.mirror,
                        Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE), this.attributes);
            }
            catch (IOException ex) {
                this.mirrorFailure = ex;
            }
        }
        this.stream = new ChannelStream(channel, mirrorChannel);
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

    /**
     * Declares that the next {@code length} bytes written are already in the extended file at {@code position}:
     * the writer records that position, and the bytes are neither written nor copied.
     */
    void keepNext(long position, long length) throws IOException {
        if (position < 0 || position + length > this.kept) {
            throw new IllegalStateException("bytes [" + position + ", " + (position + length) + ") are not among the "
                    + this.kept + " bytes kept in " + this.path);
        }
        this.stream.keep(position, length);
    }

    /** Moves the writing past the kept bytes: what follows is written after the extended file's old end. */
    void continueAfterKept() throws IOException {
        this.stream.moveTo(this.kept);
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

    /**
     * Why the mirror does not hold every byte of the file, or {@code null} if it does and, once the output is
     * closed, is forced like the file. A mirror that failed is deleted; the file is written on without it.
     */
    IOException mirrorFailure() {
        return this.mirrorFailure;
    }

    /** Closes the file without forcing it, after a failed write whose file is about to be deleted. */
    void abort() {
        if (this.stream != null) {
            if (this.stream.copier != null) {
                this.stream.copier.cancel();
            }
            this.stream.forceAhead.cancel();
            try {
                this.stream.channel.close();
            }
            catch (IOException ex) {
                // The file is deleted next; a failed close changes nothing about that.
            }
            try {
                this.stream.closeMirror();
            }
            catch (IOException ex) {
                // As above: the mirror is deleted next.
            }
        }
    }

    private final class ChannelStream extends PositionOutputStream {

        private final FileChannel channel;

        private final ForceAhead forceAhead;

        /** The mirror's channel, or {@code null} without a mirror or once the mirror failed. */
        private FileChannel mirrorChannel;

        private final ForceAhead mirrorForceAhead;

        /** Where the buffer's first byte goes: the file is written by position, around the copied ranges. */
        private long bufferStart;

        private ChunkCopier copier;

        private long spliceTarget;

        /**
         * A plain array rather than a ByteBuffer: thrift writes a footer and its page indexes mostly a byte at a
         * time, and each ByteBuffer put checks bounds and moves a position of its own.
         */
        private final byte[] buffer = new byte[BUFFER_SIZE];

        private int buffered;

        private long position;

        private boolean closed;

        private FileChannel spliceSource;

        private long spliceStart;

        private long spliceLength;

        private long spliceRemaining;

        ChannelStream(FileChannel channel) {
            this(channel, null);
        }

        ChannelStream(FileChannel channel, FileChannel mirrorChannel) {
            this.channel = channel;
            this.forceAhead = new ForceAhead(channel, ChannelOutputFile.this.path.toString());
            this.mirrorChannel = mirrorChannel;
            this.mirrorForceAhead = (mirrorChannel != null)
                    ? new ForceAhead(mirrorChannel, ChannelOutputFile.this.mirror.toString()) : null;
        }

        void closeMirror() throws IOException {
            if (this.mirrorChannel != null) {
                this.mirrorForceAhead.cancel();
                this.mirrorChannel.close();
            }
        }

        /** Writes {@code bytes} to the mirror at {@code at}; a failure drops the mirror, never the file. */
        private void mirror(ByteBuffer bytes, long at) {
            try {
                int length = bytes.remaining();
                while (bytes.hasRemaining()) {
                    at += this.mirrorChannel.write(bytes, at);
                }
                this.mirrorForceAhead.written(length);
            }
            catch (IOException | RuntimeException ex) {
                dropMirror((ex instanceof IOException io) ? io : new IOException(ex));
            }
        }

        /**
         * Gives the mirror up and deletes it at once: on a full disk, the space it held may be what the file
         * itself needs to fit.
         */
        private void dropMirror(IOException cause) {
            ChannelOutputFile.this.mirrorFailure = cause;
            try {
                closeMirror();
            }
            catch (IOException ex) {
                cause.addSuppressed(ex);
            }
            this.mirrorChannel = null;
            DatasetDirectory.deleteQuietly(ChannelOutputFile.this.mirror);
        }

        void arm(FileChannel source, long start, long length) {
            if (this.mirrorChannel != null) {
                throw new IllegalStateException("a mirrored output cannot copy or keep ranges: "
                        + ChannelOutputFile.this.path);
            }
            this.spliceSource = source;
            this.spliceStart = start;
            this.spliceLength = length;
            this.spliceRemaining = length;
            this.spliceTarget = this.position;
        }

        /** Arms a splice with no source: the bytes are already in the file at {@code at}. */
        void keep(long at, long length) throws IOException {
            moveTo(at);
            arm(null, at, length);
        }

        /** Drains what is buffered and writes what follows at {@code at}. */
        void moveTo(long at) throws IOException {
            drain();
            this.position = at;
            this.bufferStart = at;
        }

        /**
         * Counts bytes that belong to an armed splice; queues the range's copy once the count is complete, unless
         * the bytes are kept where they are.
         */
        private int splice(int len) throws IOException {
            int taken = (int) Math.min(len, this.spliceRemaining);
            this.spliceRemaining -= taken;
            this.position += taken;
            if (this.spliceRemaining == 0) {
                drain();
                if (this.spliceSource == null) {
                    this.bufferStart = this.position;
                    return taken;
                }
                checkOutsideKept(this.spliceTarget, this.spliceLength);
                if (this.copier == null) {
                    this.copier = ChunkCopier.open(ChannelOutputFile.this.path);
                }
                this.copier.copy(this.spliceSource, this.spliceStart, this.spliceLength, this.spliceTarget);
                this.bufferStart = this.position;
                this.spliceSource = null;
            }
            return taken;
        }

        /** A file being extended is published: readers may hold it open, so its kept bytes never change. */
        private void checkOutsideKept(long at, long length) {
            if (length > 0 && at < ChannelOutputFile.this.kept) {
                throw new IllegalStateException("a write of " + length + " bytes at " + at + " would change the first "
                        + ChannelOutputFile.this.kept + " bytes of " + ChannelOutputFile.this.path
                        + ", which are kept");
            }
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
            if (this.buffered == BUFFER_SIZE) {
                drain();
            }
            this.buffer[this.buffered++] = (byte) b;
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
                if (len > BUFFER_SIZE - this.buffered) {
                    drain();
                }
                System.arraycopy(bytes, off, this.buffer, this.buffered, len);
                this.buffered += len;
            }
            this.position += len;
        }

        private void drain() throws IOException {
            int length = this.buffered;
            writeFully(ByteBuffer.wrap(this.buffer, 0, length));
            this.bufferStart += length;
            this.buffered = 0;
        }

        /** Writes {@code source} at {@link #bufferStart}, which the caller then moves past it. */
        private void writeFully(ByteBuffer source) throws IOException {
            long at = this.bufferStart;
            checkOutsideKept(at, source.remaining());
            int length = source.remaining();
            ByteBuffer mirrored = (this.mirrorChannel != null) ? source.duplicate() : null;
            long start = at;
            while (source.hasRemaining()) {
                try {
                    at += this.channel.write(source, at);
                }
                catch (IOException ex) {
                    if (this.mirrorChannel == null || !this.channel.isOpen()) {
                        throw ex;
                    }
                    // A full disk: the file comes first, and the mirror's blocks may be what it needs.
                    dropMirror(ex);
                    mirrored = null;
                    try {
                        at += this.channel.write(source, at);
                    }
                    catch (IOException again) {
                        again.addSuppressed(ex);
                        throw again;
                    }
                }
            }
            this.forceAhead.written(length);
            if (mirrored != null) {
                mirror(mirrored, start);
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
                // The footer's last bytes go out once every copied range is in place: a reader that sizes an
                // extended file while it grows then finds no complete footer over ranges still being copied.
                if (this.copier != null) {
                    this.copier.awaitIdle();
                }
                drain();
                if (this.copier != null) {
                    this.copier.finish();
                }
                this.forceAhead.finish();
                // ParquetFileWriter.end() closes the stream after the footer: forcing here, before the
                // rename that publishes the file, means a crash can never publish a name without its blocks.
                this.channel.force(true);
                if (this.mirrorChannel != null) {
                    try {
                        this.mirrorForceAhead.finish();
                        this.mirrorChannel.force(true);
                    }
                    catch (IOException ex) {
                        dropMirror(ex);
                    }
                }
            }
            finally {
                if (this.copier != null) {
                    this.copier.cancel();
                }
                this.forceAhead.cancel();
                try {
                    this.channel.close();
                }
                finally {
                    closeMirror();
                }
            }
        }
    }
}
