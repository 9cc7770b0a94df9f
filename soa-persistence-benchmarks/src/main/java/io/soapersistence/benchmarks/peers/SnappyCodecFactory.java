package io.soapersistence.benchmarks.peers;

import java.io.IOException;
import java.nio.ByteBuffer;

import org.apache.parquet.bytes.BytesInput;
import org.apache.parquet.compression.CompressionCodecFactory;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.xerial.snappy.Snappy;

/**
 * SNAPPY (and UNCOMPRESSED) pages through snappy-java, without Hadoop. parquet-hadoop's default codec factory
 * builds a Hadoop {@code Configuration} even for SNAPPY, which needs Hadoop's shaded Woodstox
 * (hadoop-client-runtime); a Hadoop-free user passes a factory like this one to {@code withCodecFactory}. It calls
 * snappy-java the same way soa-persistence does, so the codec is not what the comparison measures.
 */
@SuppressWarnings("deprecation") // BytesInput.toByteArray(): deprecated in 1.18 without a byte[] replacement
public final class SnappyCodecFactory implements CompressionCodecFactory {

    /** The one instance; stateless. */
    public static final SnappyCodecFactory INSTANCE = new SnappyCodecFactory();

    private SnappyCodecFactory() {
    }

    @Override
    public BytesInputCompressor getCompressor(CompressionCodecName codecName) {
        requireSupported(codecName);
        return new BytesInputCompressor() {

            @Override
            public BytesInput compress(BytesInput bytes) throws IOException {
                return codecName == CompressionCodecName.UNCOMPRESSED ? bytes
                        : BytesInput.from(Snappy.compress(bytes.toByteArray()));
            }

            @Override
            public CompressionCodecName getCodecName() {
                return codecName;
            }

            @Override
            public void release() {
            }
        };
    }

    @Override
    public BytesInputDecompressor getDecompressor(CompressionCodecName codecName) {
        requireSupported(codecName);
        return new BytesInputDecompressor() {

            @Override
            public BytesInput decompress(BytesInput bytes, int uncompressedSize) throws IOException {
                if (codecName == CompressionCodecName.UNCOMPRESSED) {
                    return bytes;
                }
                byte[] input = bytes.toByteArray();
                byte[] output = new byte[uncompressedSize];
                Snappy.uncompress(input, 0, input.length, output, 0);
                return BytesInput.from(output);
            }

            @Override
            public void decompress(ByteBuffer input, int compressedSize, ByteBuffer output, int uncompressedSize)
                    throws IOException {
                byte[] in = new byte[compressedSize];
                input.duplicate().get(in);
                if (codecName == CompressionCodecName.UNCOMPRESSED) {
                    output.put(in, 0, uncompressedSize);
                    return;
                }
                byte[] out = new byte[uncompressedSize];
                Snappy.uncompress(in, 0, compressedSize, out, 0);
                output.put(out);
            }

            @Override
            public void release() {
            }
        };
    }

    @Override
    public void release() {
    }

    private static void requireSupported(CompressionCodecName codecName) {
        if (codecName != CompressionCodecName.SNAPPY && codecName != CompressionCodecName.UNCOMPRESSED) {
            throw new UnsupportedOperationException("only SNAPPY and UNCOMPRESSED in this comparison, not " + codecName);
        }
    }
}
