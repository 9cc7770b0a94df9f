package io.soapersistence.parquet;

import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.stream.LongStream;

import io.soapersistence.fixtures.AllTypesSoA;
import io.soapersistence.fixtures.RandomRows;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Round trips of random data over every type, biased towards edge values (NaN, infinities, -0.0, extreme
 * longs, empty and non-BMP strings, pre-epoch instants), with random row counts (0 and 1 included), page
 * sizes, row group sizes, codecs and layouts. A failing seed reproduces the case exactly.
 */
class PropertyBasedRoundTripTest {

    private static final List<Compression> CODECS = List.of(Compression.snappy(), Compression.gzip(1),
            Compression.zstd(1), Compression.lz4(), Compression.brotli(1), Compression.uncompressed());

    @TempDir
    Path dir;

    static LongStream seeds() {
        return LongStream.rangeClosed(1, 40);
    }

    private static int rowCount(Random random, long seed) {
        if (seed == 1) {
            return 0;
        }
        if (seed == 2) {
            return 1;
        }
        return random.nextInt(4) == 0 ? random.nextInt(3) : random.nextInt(6000);
    }

    private static AllTypesSoA rows(RandomRows rows, int count) {
        AllTypesSoA soa = new AllTypesSoA(count);
        for (int i = 0; i < count; i++) {
            soa.add(rows.allTypes());
        }
        return soa;
    }

    private static ParquetPersistence<AllTypesSoA> randomlyConfigured(Random random, Path dir) {
        return new ParquetPersistence<>(AllTypesSoA.class, dir)
            .withCompression(CODECS.get(random.nextInt(CODECS.size())))
            .withPageSize(64 << random.nextInt(15))
            .withRowGroupSize(random.nextBoolean() ? 8 * 1024 : ParquetPersistence.DEFAULT_ROW_GROUP_SIZE)
            .withDictionaryEncoding(random.nextBoolean())
            .withLayout(random.nextBoolean() ? Layout.SINGLE_FILE : Layout.MULTI_FILE)
            .withCompactionThreshold(2 + random.nextInt(4));
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void saveThenLoadGivesBackEveryValue(long seed) {
        Random random = new Random(seed);
        AllTypesSoA data = rows(new RandomRows(seed), rowCount(random, seed));
        ParquetPersistence<AllTypesSoA> persistence = randomlyConfigured(random, this.dir);

        persistence.save(data).join();

        assertThat(persistence.count().join()).isEqualTo(data.size());
        assertThat(persistence.load().join()).as("seed %d, %s", seed, persistence).contains(data);
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void appendsInRandomSlicesEqualOneSave(long seed) {
        Random random = new Random(seed);
        AllTypesSoA data = rows(new RandomRows(seed), rowCount(random, seed));
        ParquetPersistence<AllTypesSoA> persistence = randomlyConfigured(random, this.dir);

        int from = 0;
        while (from < data.size() || from == 0) {
            int to = Math.min(data.size(), from + 1 + random.nextInt(Math.max(1, data.size() / 3)));
            int start = from;
            persistence.append(data.filterIndexes(i -> i >= start && i < to)).join();
            from = Math.max(to, 1);
        }

        assertThat(persistence.load().join()).as("seed %d, %s", seed, persistence).contains(data);
        assertThat(persistence.loadBatches(1 + random.nextInt(500)).join().stream().mapToInt(AllTypesSoA::size).sum())
            .isEqualTo(data.size());
    }
}
