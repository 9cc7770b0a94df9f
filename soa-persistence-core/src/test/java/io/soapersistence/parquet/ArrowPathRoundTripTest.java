package io.soapersistence.parquet;

import java.nio.file.Path;
import java.util.stream.LongStream;

import io.soapersistence.fixtures.AllTypesSoA;
import io.soapersistence.fixtures.RandomRows;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Types that only implement {@link ToArrow} take the Arrow path through the engine. Wrapping a generated type
 * hides its direct column access, so every supported type crosses that path too, and files of both paths must
 * be interchangeable.
 */
class ArrowPathRoundTripTest {

    @TempDir
    Path dir;

    /** An {@link AllTypesSoA} seen only through ToArrow. */
    public static final class ArrowOnly extends ArrowOnlyView<AllTypesSoA, ArrowOnly> {

        public ArrowOnly() {
            this(new AllTypesSoA());
        }

        ArrowOnly(AllTypesSoA data) {
            super(data);
        }

        @Override
        ArrowOnly wrap(AllTypesSoA data) {
            return new ArrowOnly(data);
        }
    }

    static LongStream seeds() {
        return LongStream.rangeClosed(1, 8);
    }

    private static AllTypesSoA rows(long seed) {
        RandomRows random = new RandomRows(seed);
        AllTypesSoA soa = new AllTypesSoA();
        for (int i = 0; i < seed * 700; i++) {
            soa.add(random.allTypes());
        }
        return soa;
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void arrowPathAndDirectPathWriteAndReadTheSameData(long seed) {
        AllTypesSoA data = rows(seed);
        ParquetPersistence<ArrowOnly> viaArrow = new ParquetPersistence<>(ArrowOnly.class, this.dir)
            .withRowGroupSize(32 * 1024);
        ParquetPersistence<AllTypesSoA> direct = new ParquetPersistence<>(AllTypesSoA.class, this.dir);

        viaArrow.save(new ArrowOnly(data)).join();
        assertThat(viaArrow.load().join().orElseThrow().data).isEqualTo(data);
        assertThat(direct.load().join()).contains(data);

        direct.save(data).join();
        viaArrow.append(new ArrowOnly(data)).join();
        AllTypesSoA twice = new AllTypesSoA();
        twice.addAll(data);
        twice.addAll(data);
        assertThat(direct.load().join()).contains(twice);
        assertThat(viaArrow.load().join().orElseThrow().data).isEqualTo(twice);
    }
}
