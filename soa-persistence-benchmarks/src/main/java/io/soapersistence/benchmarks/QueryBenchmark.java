package io.soapersistence.benchmarks;

import java.util.Optional;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/**
 * {@code query} with a predicate, which today runs on the whole loaded dataset (load cost plus one pass over a
 * column). When the engine gains a filter API with pushdown, add its benchmark here next to this one.
 */
@State(Scope.Benchmark)
public class QueryBenchmark extends PersistenceBenchmarkBase {

    /**
     * Whether any order exceeds 4,000 (a pass over total_amount after the load).
     *
     * @return the dataset if it matched
     */
    /**
     * A 1% range of the sorted order ids, selected with pushdown: most row groups and pages are never read.
     *
     * @return the matching rows
     */
    @Benchmark
    public OrderRowSoA selectOnePercentIdRange() {
        long from = this.rows / 2 + 1;
        return this.persistence.select(OrderRowSoA.ORDER_ID.between(from, from + this.rows / 100 - 1)).join();
    }

    @Benchmark
    public Optional<OrderRowSoA> queryLargeOrders() {
        return this.persistence.query(orders -> {
            for (int i = 0; i < orders.size(); i++) {
                if (orders.totalAmount(i) > 4_000) {
                    return true;
                }
            }
            return false;
        }).join();
    }
}
