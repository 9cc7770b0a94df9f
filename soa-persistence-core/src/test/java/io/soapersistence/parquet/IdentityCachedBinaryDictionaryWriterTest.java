package io.soapersistence.parquet;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;

import org.apache.parquet.bytes.HeapByteBufferAllocator;
import org.apache.parquet.column.Encoding;
import org.apache.parquet.column.values.dictionary.DictionaryValuesWriter;
import org.apache.parquet.column.values.dictionary.DictionaryValuesWriter.PlainBinaryDictionaryValuesWriter;
import org.apache.parquet.io.api.Binary;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The identity cache must never change what is written: data pages and dictionary page equal parquet-column's
 * own writer's for repeated instances, fresh instances and a reused instance whose bytes change.
 */
class IdentityCachedBinaryDictionaryWriterTest {

    private static final int VALUES = 5_000;

    private static final int MAX_DICTIONARY_BYTES = 1024 * 1024;

    @Test
    void repeatedInstancesAreFoundByIdentity() throws IOException {
        List<Binary> constants = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            constants.add(Binary.fromConstantByteArray(("STATUS_" + i).getBytes(StandardCharsets.UTF_8)));
        }
        assertWritesTheSame(row -> constants.get((row * 7) % 5));
    }

    @Test
    void freshInstancesOfRepeatingValues() throws IOException {
        assertWritesTheSame(row -> Binary.fromString("value-" + (row % 300)));
    }

    @Test
    void aReusedInstanceWhoseBytesChangeIsNeverTakenForItsLastValue() throws IOException {
        byte[] buffer = new byte[1];
        Binary reused = Binary.fromReusedByteArray(buffer);
        assertWritesTheSame(row -> {
            buffer[0] = (byte) ('a' + row % 3);
            return reused;
        });
    }

    @Test
    void distinctValuesAfterRepeatingOnes() throws IOException {
        Binary repeated = Binary.fromString("same");
        assertWritesTheSame(row -> (row < VALUES / 2) ? repeated : Binary.fromString("distinct-" + row));
    }

    private static void assertWritesTheSame(IntFunction<Binary> values) throws IOException {
        DictionaryValuesWriter ours = new IdentityCachedBinaryDictionaryWriter(MAX_DICTIONARY_BYTES,
                Encoding.PLAIN_DICTIONARY, Encoding.PLAIN_DICTIONARY, new HeapByteBufferAllocator());
        DictionaryValuesWriter parquets = new PlainBinaryDictionaryValuesWriter(MAX_DICTIONARY_BYTES,
                Encoding.PLAIN_DICTIONARY, Encoding.PLAIN_DICTIONARY, new HeapByteBufferAllocator());
        for (int page = 0; page < 2; page++) {
            for (int row = page * VALUES; row < (page + 1) * VALUES; row++) {
                ours.writeBytes(values.apply(row));
                parquets.writeBytes(values.apply(row));
            }
            assertThat(ours.getBytes().toByteArray()).as("data page %d", page)
                .isEqualTo(parquets.getBytes().toByteArray());
            ours.reset();
            parquets.reset();
        }
        assertThat(ours.toDictPageAndClose().getBytes().toByteArray()).as("dictionary page")
            .isEqualTo(parquets.toDictPageAndClose().getBytes().toByteArray());
    }
}
