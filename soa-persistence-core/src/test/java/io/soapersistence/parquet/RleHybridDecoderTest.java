package io.soapersistence.parquet;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.SplittableRandom;

import org.apache.parquet.bytes.HeapByteBufferAllocator;
import org.apache.parquet.column.values.bitpacking.Packer;
import org.apache.parquet.column.values.rle.RunLengthBitPackingHybridDecoder;
import org.apache.parquet.column.values.rle.RunLengthBitPackingHybridEncoder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIOException;

/** Our decoder against parquet-java's own encoder and decoder, on the same bytes. */
class RleHybridDecoderTest {

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 2, 3, 5, 7, 8, 10, 13, 16, 17, 24, 31, 32})
    void decodesWhatParquetJavaEncodesAtEveryWidth(int bitWidth) throws IOException {
        SplittableRandom random = new SplittableRandom(bitWidth);
        // Long repeats become repeated runs, the random stretches bit-packed ones; the count is no multiple of 8.
        int[] values = new int[10_003];
        int i = 0;
        while (i < values.length) {
            int length = Math.min(values.length - i, 1 + random.nextInt(40));
            boolean repeat = random.nextBoolean();
            int repeated = valueOf(random, bitWidth);
            for (int k = 0; k < length; k++) {
                values[i++] = repeat ? repeated : valueOf(random, bitWidth);
            }
        }
        byte[] encoded = encode(bitWidth, values);
        int[] decoded = new int[RleHybridDecoder.capacityFor(values.length)];
        Arrays.fill(decoded, -7);

        int end = RleHybridDecoder.decode(encoded, 0, encoded.length, bitWidth, decoded, values.length);

        assertThat(Arrays.copyOf(decoded, values.length)).isEqualTo(values);
        assertThat(end).isEqualTo(encoded.length);
    }

    @Test
    void decodesFromAnOffsetInsideALargerArray() throws IOException {
        int[] values = {5, 5, 5, 5, 5, 5, 5, 5, 5, 1, 2, 3, 4};
        byte[] encoded = encode(3, values);
        byte[] framed = new byte[encoded.length + 20];
        Arrays.fill(framed, (byte) 0xFF);
        System.arraycopy(encoded, 0, framed, 10, encoded.length);
        int[] decoded = new int[RleHybridDecoder.capacityFor(values.length)];

        int end = RleHybridDecoder.decode(framed, 10, 10 + encoded.length, 3, decoded, values.length);

        assertThat(Arrays.copyOf(decoded, values.length)).isEqualTo(values);
        assertThat(end).isEqualTo(10 + encoded.length);
    }

    @Test
    void aLastBitPackedGroupCutShortReadsItsMissingBytesAsZeroAsParquetJavaDoes() throws IOException {
        int[] values = {7, 6, 5, 4, 3, 2, 1, 7};
        // Header: one bit-packed group of eight 3-bit values, in three bytes; the last byte is left off.
        byte[] full = encodeBitPacked(3, values);
        byte[] cut = Arrays.copyOf(full, full.length - 1);
        int[] ours = new int[RleHybridDecoder.capacityFor(8)];

        RleHybridDecoder.decode(cut, 0, cut.length, 3, ours, 8);

        RunLengthBitPackingHybridDecoder theirs = new RunLengthBitPackingHybridDecoder(3, new ByteArrayInputStream(cut));
        for (int i = 0; i < 8; i++) {
            assertThat(ours[i]).as("value %d", i).isEqualTo(theirs.readInt());
        }
        assertThat(Arrays.copyOf(ours, 5)).containsExactly(7, 6, 5, 4, 3);
    }

    @Test
    void widthZeroOverwritesWhatTheArrayHeldBefore() throws IOException {
        // A page of a one-entry dictionary after a page of a larger one: the ids array is reused.
        byte[] bitPacked = {(byte) ((2 << 1) | 1)};
        byte[] repeated = {(byte) (20 << 1)};
        for (byte[] encoded : new byte[][] {bitPacked, repeated}) {
            int[] ids = new int[RleHybridDecoder.capacityFor(16)];
            Arrays.fill(ids, 3);

            RleHybridDecoder.decode(encoded, 0, encoded.length, 0, ids, 16);

            assertThat(Arrays.copyOf(ids, 16)).containsOnly(0);
        }
    }

    @Test
    void runsThatEndBeforeTheCountAreAnError() throws IOException {
        byte[] encoded = encode(4, new int[] {1, 2, 3, 4, 5, 6, 7, 8});

        assertThatIOException().isThrownBy(() -> RleHybridDecoder.decode(encoded, 0, encoded.length, 4,
                new int[RleHybridDecoder.capacityFor(20)], 20))
            .withMessageContaining("runs end after 8 of 20 values");
    }

    @Test
    void damagedRunHeadersAreErrorsNotEndlessLoops() {
        int[] out = new int[RleHybridDecoder.capacityFor(8)];
        byte[] endless = {(byte) 0x81, (byte) 0x81, (byte) 0x81, (byte) 0x81, (byte) 0x81, (byte) 0x81};
        byte[] emptyRun = {0, 0, 0};
        byte[] repeatedCutShort = {(byte) (8 << 1), 1};

        assertThatIOException().isThrownBy(() -> RleHybridDecoder.decode(endless, 0, endless.length, 3, out, 8))
            .withMessageContaining("damaged run header");
        assertThatIOException().isThrownBy(() -> RleHybridDecoder.decode(emptyRun, 0, emptyRun.length, 3, out, 8))
            .withMessageContaining("a run of 0 values");
        assertThatIOException()
            .isThrownBy(() -> RleHybridDecoder.decode(repeatedCutShort, 0, repeatedCutShort.length, 16, out, 8))
            .withMessageContaining("repeated run cut short");
        assertThatIOException().isThrownBy(() -> RleHybridDecoder.decode(emptyRun, 0, 1, 33, out, 8))
            .withMessageContaining("bit width 33");
    }

    private static int valueOf(SplittableRandom random, int bitWidth) {
        return (bitWidth == 32) ? random.nextInt() : (int) random.nextLong(1L << bitWidth);
    }

    private static byte[] encode(int bitWidth, int[] values) throws IOException {
        RunLengthBitPackingHybridEncoder encoder = new RunLengthBitPackingHybridEncoder(bitWidth, 64, 1 << 20,
                HeapByteBufferAllocator.getInstance());
        for (int value : values) {
            encoder.writeInt(value);
        }
        return encoder.toBytes().toByteArray();
    }

    private static byte[] encodeBitPacked(int bitWidth, int[] eight) {
        byte[] packed = new byte[1 + bitWidth];
        packed[0] = (byte) ((1 << 1) | 1);
        Packer.LITTLE_ENDIAN.newBytePacker(bitWidth).pack8Values(eight, 0, packed, 1);
        return packed;
    }
}
