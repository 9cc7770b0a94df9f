package io.soapersistence.benchmarks;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs the comparison's measurement code once on 20,000 rows: every engine must read back what was written. It
 * checks the correctness of the comparison, never its timings.
 */
class PeerComparisonSmokeTest {

    private static final int ROWS = 20_000;

    @Test
    @Timeout(60)
    void everyEngineReadsBackTheWrittenRows(@TempDir Path work) throws Exception {
        PeerComparison.Results results = PeerComparison
            .measure(new PeerComparison.Config(ROWS, 1, 0, work, true, true, 2));

        double writtenSum = OrderDataset.generate(ROWS, OrderDataset.DEFAULT_SEED).arrays().totalAmountSum();
        assertThat(results.writtenTotalAmountSum()).isEqualTo(writtenSum);
        assertThat(results.engines()).extracting(PeerComparison.EngineResult::name)
            .anyMatch(name -> name.startsWith("soa-persistence"))
            .anyMatch(name -> name.startsWith("parquet-avro"))
            .anyMatch(name -> name.startsWith("Carpet"))
            .anyMatch(name -> name.startsWith("DuckDB 2.0.0.1 (Arrow"))
            .anyMatch(name -> name.startsWith("DuckDB 2.0.0.1 (read: JDBC"))
            .anyMatch(name -> name.startsWith("Arrow C++"));
        for (PeerComparison.EngineResult engine : results.engines()) {
            assertThat(engine.readRows()).as(engine.name()).isEqualTo(ROWS);
            assertThat(engine.readTotalAmountSum()).as(engine.name()).isEqualTo(writtenSum);
            assertThat(engine.firstDifference()).as(engine.name()).isNull();
            if (engine.writeNanos() >= 0) {
                assertThat(engine.fileBytes()).as(engine.name()).isPositive();
            }
        }
        assertThat(results.rowsAfterAppend()).isEqualTo(ROWS + PeerComparison.APPEND_ROWS);
        assertThat(results.countedRows()).isEqualTo(ROWS);
        assertThat(results.queriedRows()).as("a 1% id range").isEqualTo(ROWS / 100);
        assertThat(results.multiFileAppendNanos()).isPositive();
        assertThat(results.appendNanos()).isPositive();
        assertThat(results.copyingAppendNanos()).isPositive();
        assertThat(results.afterSaveAppendNanos()).isPositive();
        assertThat(work.resolve("append-warm-up")).as("the warm-up's scratch dataset").doesNotExist();
        assertThat(results.heap()).isNotNull();
        assertThat(PeerComparison.render(results)).contains("Ratios", "Arrow C++", "identical");
    }

    @Test
    void theDatasetIsDeterministicAndHasItsNulls() {
        OrderArrays a = OrderDataset.generate(10_000, 7).arrays();
        OrderArrays b = OrderDataset.generate(10_000, 7).arrays();
        assertThat(a.firstDifference(b)).isNull();
        int discounts = 0;
        int coupons = 0;
        for (int i = 0; i < a.size; i++) {
            assertThat(a.orderId[i]).isEqualTo(i + 1L);
            assertThat(a.customerId[i]).isBetween(1L, 1_000L);
            discounts += a.discountPresent[i] ? 1 : 0;
            coupons += a.couponCode[i] != null ? 1 : 0;
        }
        assertThat(discounts).isBetween(6_500, 7_500);
        assertThat(coupons).isBetween(2_500, 3_500);
        assertThat(OrderDataset.toArrays(OrderDataset.toSoA(a)).firstDifference(a)).isNull();
    }
}
