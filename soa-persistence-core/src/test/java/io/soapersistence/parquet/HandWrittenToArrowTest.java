package io.soapersistence.parquet;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import io.soapersistence.ColumnNotFoundException;
import io.soapersistence.SchemaMismatchException;
import io.soapersistence.fixtures.SensorReadings;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.apache.arrow.vector.types.pojo.Schema;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A class that implements ToArrow by hand persists like a generated one. */
class HandWrittenToArrowTest {

    @TempDir
    Path dir;

    @Test
    void handWrittenTypeRoundTripsWithNulls() {
        SensorReadings readings = new SensorReadings();
        readings.add("boiler", 71.5, 1_700_000_000_000_000L);
        readings.add("attic", null, -5L);
        readings.add("cellar", -0.0, 0L);

        ParquetPersistence<SensorReadings> persistence = new ParquetPersistence<>(SensorReadings.class, this.dir);
        persistence.save(readings).join();
        SensorReadings loaded = persistence.load().join().orElseThrow();

        assertThat(loaded.size()).isEqualTo(3);
        assertThat(loaded.sensor(0)).isEqualTo("boiler");
        assertThat(loaded.celsius(0)).isEqualTo(71.5);
        assertThat(loaded.celsius(1)).isNull();
        assertThat(Double.doubleToRawLongBits(loaded.celsius(2))).isEqualTo(Double.doubleToRawLongBits(-0.0));
        assertThat(loaded.takenAtMicros(1)).isEqualTo(-5L);
        assertThat(persistence.count().join()).isEqualTo(3L);
        assertThat(persistence.parquetSchema().getType("celsius").isRepetition(
                org.apache.parquet.schema.Type.Repetition.OPTIONAL)).isTrue();
    }

    @Test
    void handWrittenFromArrowReportsMissingAndMistypedColumns() {
        try (BufferAllocator allocator = new RootAllocator()) {
            Schema missing = new Schema(List.of(new Field("sensor", FieldType.notNullable(ArrowType.Utf8.INSTANCE), null)),
                    Map.of());
            try (VectorSchemaRoot root = VectorSchemaRoot.create(missing, allocator)) {
                assertThatThrownBy(() -> new SensorReadings().fromArrow(root))
                    .isInstanceOf(ColumnNotFoundException.class)
                    .hasMessageContaining("celsius");
            }
            Schema mistyped = new Schema(List.of(
                    new Field("sensor", FieldType.notNullable(ArrowType.Utf8.INSTANCE), null),
                    new Field("celsius", FieldType.nullable(ArrowType.Utf8.INSTANCE), null),
                    new Field("taken_at_us", FieldType.notNullable(ArrowType.Utf8.INSTANCE), null)), Map.of());
            try (VectorSchemaRoot root = VectorSchemaRoot.create(mistyped, allocator)) {
                assertThatThrownBy(() -> new SensorReadings().fromArrow(root))
                    .isInstanceOfSatisfying(SchemaMismatchException.class, ex -> {
                        assertThat(ex.column()).isEqualTo("celsius");
                        assertThat(ex.expected()).contains("FloatingPoint");
                        assertThat(ex.found()).contains("Utf8");
                    });
            }
        }
    }
}
