package io.soapersistence.parquet;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.soapersistence.ColumnNotFoundException;
import io.soapersistence.CorruptFileException;
import io.soapersistence.PersistenceCancelledException;
import io.soapersistence.SchemaMismatchException;
import io.soapersistence.fixtures.OrderIdsSoA;
import io.soapersistence.fixtures.OrderSoA;
import io.soapersistence.fixtures.OrderStatus;
import io.soapersistence.fixtures.QuantityAsDouble;
import io.soapersistence.fixtures.SensorReadings;
import io.soapersistence.fixtures.QuantityAsDoubleSoA;
import io.soapersistence.fixtures.TradeSoA;
import io.soapersistence.query.DoubleColumn;
import io.soapersistence.query.Filter;
import io.soapersistence.query.LongColumn;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Malformed filters and projections fail with a typed error naming the column and the file: before any I/O when
 * the stored type's schema tells, from the footer before any page is read when only the file does.
 */
class QueryFailureTest {

    @TempDir
    Path dir;

    @Test
    void unknownColumnFailsBeforeAnyIoEvenOnACorruptFile() throws Exception {
        List<OperationOutcome> outcomes = new CopyOnWriteArrayList<>();
        ParquetPersistence<OrderSoA> orders = corruptDataset()
            .withListener((persistence, operation) -> outcomes::add);

        Throwable failure = Futures.failure(orders.select(LongColumn.of("no_such_column").eq(1)));

        assertThat(failure).isInstanceOfSatisfying(ColumnNotFoundException.class, ex -> {
            assertThat(ex.column()).isEqualTo("no_such_column");
            assertThat(ex.file()).contains(orders.file());
        });
        assertThat(outcomes).singleElement().satisfies(outcome -> {
            assertThat(outcome.operation()).isEqualTo(Operation.SELECT);
            assertThat(outcome.failure()).isSameAs(failure);
        });
        assertThat(Futures.failure(orders.select(Filter.all()))).isInstanceOf(CorruptFileException.class);
    }

    @Test
    void handleOfAnotherTypeOrTypeFailsBeforeAnyIo() throws Exception {
        ParquetPersistence<OrderSoA> orders = corruptDataset();

        assertThat(Futures.failure(orders.select(TradeSoA.SYMBOL.eq("ACME"))))
            .isInstanceOfSatisfying(ColumnNotFoundException.class, ex -> assertThat(ex.column()).isEqualTo("symbol"));
        assertThat(Futures.failure(orders.select(TradeSoA.QUANTITY.gt(10L))))
            .isInstanceOfSatisfying(SchemaMismatchException.class, ex -> assertThat(ex.column()).isEqualTo(
                    "quantity"));
        assertThat(Futures.failure(orders.scan(LongColumn.of("unit_price").eq(3), 10, batch -> { })))
            .isInstanceOfSatisfying(SchemaMismatchException.class, ex -> {
                assertThat(ex.column()).isEqualTo("unit_price");
                assertThat(ex.expected()).contains("LONG").contains("LongColumn");
                assertThat(ex.found()).contains("FloatingPoint");
            });
        assertThat(Futures.failure(orders.select(DoubleColumn.of("quantity").lt(2.5))))
            .isInstanceOf(SchemaMismatchException.class);
    }

    @Test
    void projectionOfColumnsTheTypeLacksFailsBeforeAnyIo() throws Exception {
        ParquetPersistence<QuantityAsDoubleSoA> narrow = new ParquetPersistence<>(QuantityAsDoubleSoA.class,
                corruptDataset().directory());

        assertThat(Futures.failure(narrow.select(Filter.all(), OrderSoA.class)))
            .isInstanceOfSatisfying(ColumnNotFoundException.class, ex -> assertThat(ex.column()).isEqualTo(
                    "customer_id"));
    }

    @Test
    void fileStoringTheColumnAsAnotherTypeFailsFromTheFooter() {
        new ParquetPersistence<>(QuantityAsDoubleSoA.class, this.dir)
            .save(QuantityAsDoubleSoA.of(new QuantityAsDouble(1, OrderStatus.SHIPPED, 2.5))).join();
        ParquetPersistence<OrderSoA> orders = new ParquetPersistence<>(OrderSoA.class, this.dir);
        QueryTrace trace = new QueryTrace();

        Throwable failure = Futures.failure(orders.select(OrderSoA.QUANTITY.gt(1), OrderIdsSoA.class, trace));

        assertThat(failure).isInstanceOfSatisfying(SchemaMismatchException.class, ex -> {
            assertThat(ex.column()).isEqualTo("quantity");
            assertThat(ex.found()).contains("DOUBLE");
            assertThat(ex.file()).contains(orders.file());
        });
        assertThat(trace.rowGroupsRead).isZero();
    }

    @Test
    void programmingErrorsFailAtTheCall() {
        ParquetPersistence<OrderSoA> orders = new ParquetPersistence<>(OrderSoA.class, this.dir);

        assertThatThrownBy(() -> orders.scan(Filter.all(), 0, batch -> { }))
            .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> orders.select(Filter.all(), SensorReadings.class))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("generated SoA type");
        assertThatThrownBy(() -> OrderSoA.ORDER_ID.eq((Long) null)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void consumerFailureStopsTheScanAsCancelled() {
        ParquetPersistence<OrderSoA> orders = new ParquetPersistence<>(OrderSoA.class, this.dir);
        orders.save(OrderSoA.from(SelectTest.randomOrders(1, 100))).join();
        IllegalStateException boom = new IllegalStateException("boom");

        Throwable failure = Futures.failure(orders.scan(Filter.all(), 10, batch -> {
            throw boom;
        }));

        assertThat(failure).isInstanceOf(PersistenceCancelledException.class).hasCause(boom);
    }

    private ParquetPersistence<OrderSoA> corruptDataset() throws Exception {
        ParquetPersistence<OrderSoA> orders = new ParquetPersistence<>(OrderSoA.class, this.dir);
        Files.write(orders.file(), "definitely not parquet".getBytes(StandardCharsets.UTF_8));
        return orders;
    }
}
