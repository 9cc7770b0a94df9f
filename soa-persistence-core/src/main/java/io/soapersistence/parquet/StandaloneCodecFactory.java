package io.soapersistence.parquet;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

import com.aayushatharva.brotli4j.Brotli4jLoader;
import com.aayushatharva.brotli4j.decoder.Decoder;
import com.aayushatharva.brotli4j.encoder.Encoder;
import com.github.luben.zstd.Zstd;
import io.airlift.compress.lz4.Lz4Compressor;
import io.airlift.compress.lz4.Lz4Decompressor;
import org.apache.parquet.bytes.BytesInput;
import org.apache.parquet.bytes.HeapByteBufferAllocator;
import org.apache.parquet.compression.CompressionCodecFactory;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.xerial.snappy.Snappy;

/**
 * Compresses and decompresses pages without Hadoop. parquet-hadoop's own factory instantiates Hadoop codec
 * classes even for UNCOMPRESSED; this one calls the codec libraries directly. The compression level applies
 * to writes only; reads take whatever codec a file uses.
 */
final class StandaloneCodecFactory implements CompressionCodecFactory {

    private final int level;

    private final boolean reuseOutput;

    StandaloneCodecFactory(Compression compression) {
        this(compression, false);
    }

    private StandaloneCodecFactory(Compression compression, boolean reuseOutput) {
        this.level = compression.effectiveLevel();
        this.reuseOutput = reuseOutput;
    }

    /** A factory for reading, where the level plays no part: every page gets arrays of its own. */
    static StandaloneCodecFactory forReading() {
        return new StandaloneCodecFactory(Compression.DEFAULT, false);
    }

    /**
     * A factory for readers that are done with each page of a column chunk before they read the next: a
     * chunk's pages are decompressed into one array, which a load of millions of rows would otherwise
     * allocate, and zero, a megabyte at a time.
     */
    static StandaloneCodecFactory forPageByPageReading() {
        return new StandaloneCodecFactory(Compression.DEFAULT, true);
    }

    @Override
    public BytesInputCompressor getCompressor(CompressionCodecName codecName) {
        return new PageCompressor(codecName, this.level);
    }

    @Override
    public BytesInputCompressor getCompressor(CompressionCodecName codecName, int level) {
        return new PageCompressor(codecName, level);
    }

    @Override
    public BytesInputDecompressor getDecompressor(CompressionCodecName codecName) {
        return new PageDecompressor(codecName, this.reuseOutput);
    }

    @Override
    public void release() {
        // Nothing pooled: every call works on its own arrays.
    }

    static UnsupportedOperationException unsupported(CompressionCodecName codecName) {
        return new UnsupportedOperationException("compression codec " + codecName + " is not supported "
                + "(supported: SNAPPY, GZIP, ZSTD, LZ4_RAW, BROTLI, UNCOMPRESSED)");
    }

    /**
     * snappy-java and zstd-jni extract their native library to a temporary file on first use; when that fails
     * (a full temporary directory, a file size limit, a noexec mount) the JVM raises a LinkageError, which is
     * an environment problem, not a damaged file, and must not escape untyped.
     */
    static io.soapersistence.PersistenceIoException nativeLibraryMissing(CompressionCodecName codecName,
            LinkageError cause) {
        return new io.soapersistence.PersistenceIoException(null, "the native library of compression codec "
                + codecName + " could not be loaded (" + cause + "); check java.io.tmpdir's free space, size "
                + "limit and mount options", cause);
    }

    private static void requireBrotli() {
        if (!Brotli4jLoader.isAvailable()) {
            throw new UnsupportedOperationException("BROTLI needs brotli4j's native library for this platform, "
                    + "which could not be loaded", Brotli4jLoader.getUnavailabilityCause());
        }
    }

    private static final class PageCompressor implements BytesInputCompressor {

        private final CompressionCodecName codecName;

        private final int level;

        PageCompressor(CompressionCodecName codecName, int level) {
            this.codecName = codecName;
            this.level = level;
            switch (codecName) {
                case UNCOMPRESSED, SNAPPY, GZIP, ZSTD, LZ4_RAW -> { }
                case BROTLI -> requireBrotli();
                default -> throw unsupported(codecName);
            }
        }

        @Override
        public BytesInput compress(BytesInput bytes) throws IOException {
            if (this.codecName == CompressionCodecName.UNCOMPRESSED) {
                return bytes;
            }
            byte[] input = bytes.toByteArray();
            try {
                return BytesInput.from(compress(input));
            }
            catch (LinkageError ex) {
                throw nativeLibraryMissing(this.codecName, ex);
            }
        }

        private byte[] compress(byte[] input) throws IOException {
            return switch (this.codecName) {
                case SNAPPY -> Snappy.compress(input);
                case GZIP -> gzip(input, (this.level == Compression.DEFAULT_LEVEL) ? 6 : this.level);
                case ZSTD -> Zstd.compress(input, (this.level == Compression.DEFAULT_LEVEL) ? 3 : this.level);
                case LZ4_RAW -> lz4(input);
                case BROTLI -> Encoder.compress(input,
                        new Encoder.Parameters().setQuality((this.level == Compression.DEFAULT_LEVEL) ? 4 : this.level));
                default -> throw unsupported(this.codecName);
            };
        }

        private static byte[] gzip(byte[] input, int level) throws IOException {
            ByteArrayOutputStream out = new ByteArrayOutputStream(input.length / 2 + 64);
            try (GZIPOutputStream gzip = new LeveledGzipOutputStream(out, level)) {
                gzip.write(input);
            }
            return out.toByteArray();
        }

        private static byte[] lz4(byte[] input) {
            Lz4Compressor compressor = new Lz4Compressor();
            byte[] output = new byte[compressor.maxCompressedLength(input.length)];
            int length = compressor.compress(input, 0, input.length, output, 0, output.length);
            return Arrays.copyOf(output, length);
        }

        @Override
        public CompressionCodecName getCodecName() {
            return this.codecName;
        }

        @Override
        public void release() {
            // Stateless.
        }
    }

    private static final class LeveledGzipOutputStream extends GZIPOutputStream {

        LeveledGzipOutputStream(ByteArrayOutputStream out, int level) throws IOException {
            super(out, 64 * 1024);
            this.def.setLevel(level);
        }
    }

    private static final class PageDecompressor implements BytesInputDecompressor {

        /** Far above any real codec's ratio on a Parquet page, far below a damaged size field's gigabytes. */
        private static final long MAX_RATIO = 4096;

        private final CompressionCodecName codecName;

        private final boolean reuseOutput;

        private byte[] output = new byte[0];

        PageDecompressor(CompressionCodecName codecName, boolean reuseOutput) {
            this.codecName = codecName;
            this.reuseOutput = reuseOutput;
            switch (codecName) {
                case UNCOMPRESSED, SNAPPY, GZIP, ZSTD, LZ4_RAW -> { }
                case BROTLI -> requireBrotli();
                default -> throw unsupported(codecName);
            }
        }

        @Override
        public BytesInput decompress(BytesInput bytes, int uncompressedSize) throws IOException {
            if (this.codecName == CompressionCodecName.UNCOMPRESSED) {
                if (bytes.size() != uncompressedSize) {
                    throw new IOException("UNCOMPRESSED page holds " + bytes.size() + " bytes, but its header declares "
                            + uncompressedSize);
                }
                return bytes;
            }
            // A page read from a heap buffer is decompressed from that buffer, not from a copy of it.
            ByteBuffer input = bytes.toByteBuffer(HeapByteBufferAllocator.getInstance(), allocated -> { });
            byte[] array = input.array();
            return BytesInput.from(decompress(array, input.arrayOffset() + input.position(), input.remaining(),
                    uncompressedSize), 0, uncompressedSize);
        }

        @Override
        public void decompress(ByteBuffer input, int compressedSize, ByteBuffer output, int uncompressedSize)
                throws IOException {
            byte[] in = new byte[compressedSize];
            input.duplicate().get(in);
            byte[] out = (this.codecName == CompressionCodecName.UNCOMPRESSED) ? in
                    : decompress(in, 0, compressedSize, uncompressedSize);
            output.put(out, 0, uncompressedSize);
        }

        /** Decompresses into an array whose first {@code uncompressedSize} bytes are the page. */
        private byte[] decompress(byte[] input, int offset, int length, int uncompressedSize) throws IOException {
            if (uncompressedSize < 0) {
                throw new IOException("negative uncompressed page size " + uncompressedSize);
            }
            try {
                return switch (this.codecName) {
                    case SNAPPY -> snappy(input, offset, length, uncompressedSize);
                    case GZIP -> gunzip(input, offset, length, uncompressedSize);
                    case ZSTD -> zstd(input, offset, length, uncompressedSize);
                    case LZ4_RAW -> lz4(input, offset, length, uncompressedSize);
                    case BROTLI -> brotli(input, offset, length, uncompressedSize);
                    default -> throw unsupported(this.codecName);
                };
            }
            catch (LinkageError ex) {
                throw nativeLibraryMissing(this.codecName, ex);
            }
        }

        /**
         * The array to decompress a page into. A reader that is done with each page before it reads the next
         * lends one array to all of a chunk's pages; a page's size was checked against its codec's own claim or
         * its compressed size before this is called.
         */
        private byte[] outputFor(int uncompressedSize) {
            if (!this.reuseOutput) {
                return new byte[uncompressedSize];
            }
            if (this.output.length < uncompressedSize) {
                this.output = new byte[uncompressedSize];
            }
            return this.output;
        }

        private byte[] snappy(byte[] input, int offset, int length, int uncompressedSize) throws IOException {
            int declared = Snappy.uncompressedLength(input, offset, length);
            if (declared != uncompressedSize) {
                throw new IOException("SNAPPY page declares " + declared + " bytes, but its header declares "
                        + uncompressedSize);
            }
            byte[] output = outputFor(uncompressedSize);
            Snappy.uncompress(input, offset, length, output, 0);
            return output;
        }

        private byte[] gunzip(byte[] input, int offset, int length, int uncompressedSize) throws IOException {
            try (GZIPInputStream gzip = new GZIPInputStream(new ByteArrayInputStream(input, offset, length), 64 * 1024)) {
                byte[] inflated = gzip.readNBytes(uncompressedSize);
                if (inflated.length != uncompressedSize) {
                    throw sizeMismatch(inflated.length, uncompressedSize);
                }
                return inflated;
            }
        }

        /**
         * A page header's size is only a claim: the output is allocated only when the frame itself declares the
         * same size, so a damaged header cannot make a tiny page allocate gigabytes.
         */
        private byte[] zstd(byte[] input, int offset, int length, int uncompressedSize) throws IOException {
            long declared = Zstd.getFrameContentSize(input, offset, length);
            if (declared >= 0 && declared != uncompressedSize) {
                throw new IOException("ZSTD page declares " + declared + " bytes, but its header declares "
                        + uncompressedSize);
            }
            if (declared < 0 && (long) uncompressedSize > (long) length * MAX_RATIO + 1024) {
                throw new IOException("ZSTD page of " + length + " bytes cannot hold the " + uncompressedSize
                        + " bytes its header declares");
            }
            byte[] output = outputFor(uncompressedSize);
            long written = Zstd.decompressByteArray(output, 0, uncompressedSize, input, offset, length);
            if (Zstd.isError(written)) {
                throw new IOException("ZSTD page does not decompress: " + Zstd.getErrorName(written));
            }
            if (written != uncompressedSize) {
                throw sizeMismatch(written, uncompressedSize);
            }
            return output;
        }

        /** LZ4 expands at most 255 times; a header claiming more is damaged, and nothing is allocated for it. */
        private byte[] lz4(byte[] input, int offset, int length, int uncompressedSize) throws IOException {
            if ((long) uncompressedSize > (long) length * 255 + 64) {
                throw new IOException("LZ4_RAW page of " + length + " bytes cannot hold the " + uncompressedSize
                        + " bytes its header declares");
            }
            byte[] output = outputFor(uncompressedSize);
            int written = new Lz4Decompressor().decompress(input, offset, length, output, 0, uncompressedSize);
            if (written != uncompressedSize) {
                throw sizeMismatch(written, uncompressedSize);
            }
            return output;
        }

        private byte[] brotli(byte[] input, int offset, int length, int uncompressedSize) throws IOException {
            byte[] decoded = Decoder.decompress(input, offset, length);
            if (decoded == null || decoded.length != uncompressedSize) {
                throw sizeMismatch((decoded == null) ? -1 : decoded.length, uncompressedSize);
            }
            return decoded;
        }

        private IOException sizeMismatch(long decompressed, int uncompressedSize) {
            return new IOException(this.codecName + " page decompressed to " + decompressed
                    + " bytes, but its header declares " + uncompressedSize);
        }

        @Override
        public void release() {
            // Nothing to free: an array lent to pages goes with this decompressor.
        }
    }
}
