package io.soapersistence.parquet;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import io.soapersistence.ColumnNotFoundException;
import io.soapersistence.SchemaMismatchException;
import io.soapersistence.fixtures.OrderStatus;
import io.soapersistence.fixtures.Shipment;
import io.soapersistence.fixtures.ShipmentQuantityText;
import io.soapersistence.fixtures.ShipmentQuantityTextSoA;
import io.soapersistence.fixtures.ShipmentRequiredWeight;
import io.soapersistence.fixtures.ShipmentRequiredWeightSoA;
import io.soapersistence.fixtures.ShipmentSoA;
import io.soapersistence.fixtures.ShipmentV2;
import io.soapersistence.fixtures.ShipmentV2SoA;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Records that changed after their files were written: added nullable components read as null, removed
 * components are ignored, and an added non-nullable component or a changed type is a schema mismatch.
 */
class SchemaEvolutionTest {

    @TempDir
    Path dir;

    /** A {@link ShipmentV2SoA} seen only through ToArrow, to exercise the Arrow load path. */
    public static final class ArrowOnlyV2 extends ArrowOnlyView<ShipmentV2SoA, ArrowOnlyV2> {

        public ArrowOnlyV2() {
            this(new ShipmentV2SoA());
        }

        ArrowOnlyV2(ShipmentV2SoA data) {
            super(data);
        }

        @Override
        ArrowOnlyV2 wrap(ShipmentV2SoA data) {
            return new ArrowOnlyV2(data);
        }
    }

    private static List<Shipment> oldRows(int count) {
        List<Shipment> rows = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            rows.add(new Shipment(i, OrderStatus.values()[i % OrderStatus.values().length], i * 3));
        }
        return rows;
    }

    private static ShipmentV2SoA expectedV2(List<Shipment> rows) {
        return ShipmentV2SoA.from(rows.stream()
            .map(row -> new ShipmentV2(row.id(), row.status(), row.quantity(), null, null))
            .toList());
    }

    /** Old files in both layouts and with several row groups. */
    private List<Shipment> writeOld(Layout layout) {
        List<Shipment> rows = oldRows(5_000);
        ParquetPersistence<ShipmentSoA> old = new ParquetPersistence<>(ShipmentSoA.class, this.dir)
            .withLayout(layout)
            .withRowGroupSize(8 * 1024);
        old.save(ShipmentSoA.from(rows.subList(0, 3_000))).join();
        old.append(ShipmentSoA.from(rows.subList(3_000, rows.size()))).join();
        return rows;
    }

    @ParameterizedTest
    @EnumSource(Layout.class)
    void addedNullableComponentsLoadAsNullOnTheDirectPath(Layout layout) {
        List<Shipment> rows = writeOld(layout);
        ParquetPersistence<ShipmentV2SoA> v2 = new ParquetPersistence<>(ShipmentV2SoA.class, this.dir)
            .withLayout(layout);

        assertThat(v2.load().join()).contains(expectedV2(rows));
        assertThat(v2.count().join()).isEqualTo(rows.size());
        List<ShipmentV2SoA> batches = v2.loadBatches(1_000).join();
        ShipmentV2SoA joined = new ShipmentV2SoA();
        batches.forEach(joined::addAll);
        assertThat(joined).isEqualTo(expectedV2(rows));
    }

    @ParameterizedTest
    @EnumSource(Layout.class)
    void addedNullableComponentsLoadAsNullOnTheArrowPath(Layout layout) {
        List<Shipment> rows = writeOld(layout);
        ParquetPersistence<ArrowOnlyV2> v2 = new ParquetPersistence<>(ArrowOnlyV2.class, this.dir).withLayout(layout);

        assertThat(v2.load().join().orElseThrow().data).isEqualTo(expectedV2(rows));
    }

    @Test
    void selectAndScanSeeAddedNullableComponentsAsNull() {
        List<Shipment> rows = writeOld(Layout.SINGLE_FILE);
        ParquetPersistence<ShipmentV2SoA> v2 = new ParquetPersistence<>(ShipmentV2SoA.class, this.dir);
        ShipmentV2SoA all = expectedV2(rows);

        assertThat(v2.select(ShipmentV2SoA.CARRIER.isNull()).join()).isEqualTo(all);
        assertThat(v2.select(ShipmentV2SoA.CARRIER.isNotNull()).join()).isEqualTo(new ShipmentV2SoA());
        assertThat(v2.select(ShipmentV2SoA.CARRIER.eq("dhl")).join()).isEqualTo(new ShipmentV2SoA());
        assertThat(v2.select(ShipmentV2SoA.CARRIER.eq("dhl").negate()).join()).isEqualTo(all);
        assertThat(v2.select(ShipmentV2SoA.ID.lt(10).and(ShipmentV2SoA.WEIGHT.isNull())).join())
            .isEqualTo(all.filter(row -> row.id() < 10));
        List<ShipmentV2SoA> scanned = new ArrayList<>();
        v2.scan(ShipmentV2SoA.ID.ge(4_990), 4, scanned::add).join();
        ShipmentV2SoA joined = new ShipmentV2SoA();
        scanned.forEach(joined::addAll);
        assertThat(joined).isEqualTo(all.filter(row -> row.id() >= 4_990));
    }

    @Test
    void newDataOfTheEvolvedRecordIsSavedAndReadBackWithItsValues() {
        writeOld(Layout.SINGLE_FILE);
        ParquetPersistence<ShipmentV2SoA> v2 = new ParquetPersistence<>(ShipmentV2SoA.class, this.dir);
        ShipmentV2SoA fresh = ShipmentV2SoA.of(new ShipmentV2(1, OrderStatus.SHIPPED, 2, "dhl", 70),
                new ShipmentV2(2, OrderStatus.PENDING, 3, null, null));

        v2.save(fresh).join();

        assertThat(v2.load().join()).contains(fresh);
        // Removed components are ignored: the old record still reads the new file.
        assertThat(new ParquetPersistence<>(ShipmentSoA.class, this.dir).load().join())
            .contains(ShipmentSoA.of(new Shipment(1, OrderStatus.SHIPPED, 2), new Shipment(2, OrderStatus.PENDING, 3)));
    }

    @Test
    void appendsStillRefuseDataWhoseColumnsDifferFromTheStoredFile() {
        List<Shipment> rows = writeOld(Layout.SINGLE_FILE);
        ParquetPersistence<ShipmentV2SoA> v2 = new ParquetPersistence<>(ShipmentV2SoA.class, this.dir);

        assertThat(Futures.failure(v2.append(ShipmentV2SoA.of(new ShipmentV2(9, OrderStatus.SHIPPED, 1, "x", 1)))))
            .isInstanceOf(SchemaMismatchException.class);
        assertThat(v2.load().join()).contains(expectedV2(rows));
    }

    @ParameterizedTest
    @EnumSource(Layout.class)
    void addedNonNullableComponentIsASchemaMismatchNamingTheColumnTheTypeAndMissing(Layout layout) {
        writeOld(layout);
        ParquetPersistence<ShipmentRequiredWeightSoA> required =
                new ParquetPersistence<>(ShipmentRequiredWeightSoA.class, this.dir).withLayout(layout);

        for (Throwable failure : List.of(Futures.failure(required.load()), Futures.failure(required.loadBatches(100)),
                Futures.failure(required.select(ShipmentRequiredWeightSoA.ID.lt(5))))) {
            assertThat(failure).isInstanceOfSatisfying(ColumnNotFoundException.class, ex -> {
                assertThat(ex).isInstanceOf(SchemaMismatchException.class);
                assertThat(ex.column()).isEqualTo("weight");
                assertThat(ex.expected()).contains("Int(64, true)").contains("not null");
                assertThat(ex.found()).isEqualTo("missing");
                assertThat(ex.file()).isPresent();
            }).hasMessageContaining("weight").hasMessageContaining("missing");
        }
    }

    @Test
    void changedTypeIsASchemaMismatchNamingTheColumnAndBothTypes() {
        writeOld(Layout.SINGLE_FILE);
        ParquetPersistence<ShipmentQuantityTextSoA> changed =
                new ParquetPersistence<>(ShipmentQuantityTextSoA.class, this.dir);

        assertThat(Futures.failure(changed.load())).isInstanceOfSatisfying(SchemaMismatchException.class, ex -> {
            assertThat(ex).isNotInstanceOf(ColumnNotFoundException.class);
            assertThat(ex.column()).isEqualTo("quantity");
            assertThat(ex.expected()).contains("Utf8");
            assertThat(ex.found()).contains("INT32");
        }).hasMessageContaining(this.dir.resolve("data.parquet").toString());
        // ShipmentQuantityText is only used through its SoA.
        assertThat(ShipmentQuantityText.class).isNotNull();
        assertThat(ShipmentRequiredWeight.class).isNotNull();
    }
}
