package io.soapersistence.parquet;

import java.io.IOException;
import java.util.Arrays;

import org.apache.parquet.column.values.bitpacking.BytePacker;
import org.apache.parquet.column.values.bitpacking.Packer;

/**
 * Decodes Parquet's RLE / bit-packing hybrid encoding, in which definition levels and dictionary ids are
 * stored, into an int array in one call. parquet-java's decoder is called once per value and allocates two
 * arrays for every bit-packed run; on a load that was a third of all the bytes allocated, and its per-value
 * calls kept the dictionary gather that follows from running as a tight loop.
 */
final class RleHybridDecoder {

    /** Eight values of up to 32 bits: one bit-packed group. */
    private static final int GROUP_BYTES = 32;

    private static final BytePacker[] PACKERS = new BytePacker[33];

    static {
        for (int width = 0; width <= 32; width++) {
            PACKERS[width] = Packer.LITTLE_ENDIAN.newBytePacker(width);
        }
    }

    private RleHybridDecoder() {
    }

    /**
     * The array length {@link #decode} needs for {@code count} values: bit-packed groups are unpacked eight
     * values at a time, so up to seven values past the last are written.
     */
    static int capacityFor(int count) {
        return count + 8;
    }

    /**
     * Decodes {@code count} values of {@code bitWidth} bits from {@code bytes[from, to)} into
     * {@code out[0, count)}. A last bit-packed run may end early, as some writers leave it: its missing bytes
     * read as zero, as parquet-java reads them.
     *
     * @return the index after the last byte a run covered
     * @throws IOException if the runs hold fewer than {@code count} values or a run header is damaged
     */
    static int decode(byte[] bytes, int from, int to, int bitWidth, int[] out, int count) throws IOException {
        if (bitWidth < 0 || bitWidth > 32) {
            throw new IOException("bit width " + bitWidth + " outside 0 to 32");
        }
        BytePacker packer = PACKERS[bitWidth];
        int valueBytes = (bitWidth + 7) / 8;
        int position = from;
        int produced = 0;
        while (produced < count) {
            if (position >= to) {
                throw new IOException("runs end after " + produced + " of " + count + " values");
            }
            long header = 0;
            int shift = 0;
            int b;
            do {
                if (position >= to || shift > 28) {
                    throw new IOException("a damaged run header at byte " + (position - from));
                }
                b = bytes[position++];
                header |= (long) (b & 0x7F) << shift;
                shift += 7;
            } while ((b & 0x80) != 0);
            long runs = header >>> 1;
            if (runs == 0 || runs > Integer.MAX_VALUE) {
                throw new IOException("a run of " + runs + " values at byte " + (position - from));
            }
            if ((header & 1) == 0) {
                if (to - position < valueBytes) {
                    throw new IOException("a repeated run cut short at byte " + (position - from));
                }
                int value = 0;
                for (int i = 0; i < valueBytes; i++) {
                    value |= (bytes[position + i] & 0xFF) << (8 * i);
                }
                position += valueBytes;
                int n = (int) Math.min(runs, count - produced);
                Arrays.fill(out, produced, produced + n, value);
                produced += n;
            }
            else {
                long end = position + runs * bitWidth;
                int groupsNeeded = (int) Math.min(runs, (count - produced + 7) >>> 3);
                if (bitWidth == 0) {
                    // A packer of width 0 writes nothing: every value is zero.
                    Arrays.fill(out, produced, produced + groupsNeeded * 8, 0);
                }
                else {
                    for (int g = 0; g < groupsNeeded; g++) {
                        unpackGroup(packer, bytes, position + g * bitWidth, to, out, produced + g * 8);
                    }
                }
                produced = Math.min(produced + groupsNeeded * 8, count);
                position = (int) Math.min(end, to);
            }
        }
        return position;
    }

    private static void unpackGroup(BytePacker packer, byte[] bytes, int start, int to, int[] out, int at) {
        int width = packer.getBitWidth();
        if (start <= to - width) {
            packer.unpack8Values(bytes, start, out, at);
        }
        else {
            byte[] padded = new byte[GROUP_BYTES];
            System.arraycopy(bytes, start, padded, 0, Math.max(0, to - start));
            packer.unpack8Values(padded, 0, out, at);
        }
    }
}
