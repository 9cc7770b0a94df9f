package io.soapersistence.sample;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.IntPredicate;
import java.util.stream.IntStream;

import io.soapersistence.parquet.ParquetPersistence;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Service;

/**
 * The order store: a thin layer over the {@code ParquetPersistence<OrderSoA>} bean of the starter.
 * <p>
 * Every method returns at once. File I/O runs on the persistence executor, and CPU work on whole datasets
 * (generating, filtering, summing) runs on Spring Boot's {@code applicationTaskExecutor}, so that no servlet
 * container thread waits for either.
 */
@Service
public class OrderService {

    private final ParquetPersistence<OrderSoA> orders;

    private final Executor executor;

    /**
     * Creates the service.
     *
     * @param orders the dataset, injected by generic type
     * @param executor where CPU work on whole datasets runs
     */
    public OrderService(ParquetPersistence<OrderSoA> orders,
            @Qualifier("applicationTaskExecutor") Executor executor) {
        this.orders = orders;
        this.executor = executor;
    }

    /**
     * Appends orders, atomically: all of them or none.
     *
     * @param rows the validated orders, not empty
     * @return a future of the number of orders appended and the new total
     */
    public CompletableFuture<AppendResult> append(List<Order> rows) {
        OrderSoA batch = OrderSoA.from(rows);
        return this.orders.append(batch).thenCompose(done -> this.orders.count())
            .thenApply(total -> new AppendResult(batch.size(), total));
    }

    /**
     * Appends {@code count} synthetic orders, numbered after the stored row count.
     *
     * @param count how many, 1 or more
     * @param seed the random seed
     * @return a future of the number of orders appended and the new total
     */
    public CompletableFuture<AppendResult> generate(int count, long seed) {
        return this.orders.count()
            .thenApplyAsync(stored -> OrderGenerator.generate(stored + 1, count, seed, Instant.now()),
                    this.executor)
            .thenCompose(batch -> this.orders.append(batch).thenCompose(done -> this.orders.count())
                .thenApply(total -> new AppendResult(batch.size(), total)));
    }

    /**
     * Counts the stored orders from the Parquet footer, without reading data.
     *
     * @return a future of the count
     */
    public CompletableFuture<Long> count() {
        return this.orders.count();
    }

    /**
     * Finds orders matching every filter of {@code query}, in storage order, at most {@code query.limit()}.
     *
     * @param query the filters
     * @return a future of the matching orders
     */
    public CompletableFuture<List<Order>> find(OrderQuery query) {
        return loadAll().thenApplyAsync(soa -> IntStream.range(0, soa.size())
            .filter(matcher(soa, query))
            .limit(query.limit())
            .mapToObj(soa::get)
            .toList(), this.executor);
    }

    /**
     * Counts and sums the orders per status, column by column on the structure of arrays.
     *
     * @return a future of the summary
     */
    public CompletableFuture<OrderSummary> summary() {
        return loadAll().thenApplyAsync(soa -> {
            Map<OrderStatus, OrderSummary.StatusTotals> byStatus = new EnumMap<>(OrderStatus.class);
            for (OrderStatus status : OrderStatus.values()) {
                OrderSoA ofStatus = soa.filterIndexes(i -> soa.status(i) == status);
                byStatus.put(status, new OrderSummary.StatusTotals(ofStatus.size(), cents(ofStatus.totalAmountSum())));
            }
            return new OrderSummary(soa.size(), cents(soa.totalAmountSum()), byStatus);
        }, this.executor);
    }

    /**
     * Removes every order.
     *
     * @return a future completing when the data file is gone
     */
    public CompletableFuture<Void> clear() {
        return this.orders.clear();
    }

    private CompletableFuture<OrderSoA> loadAll() {
        return this.orders.load().thenApply(loaded -> loaded.orElseGet(OrderSoA::new));
    }

    /** One predicate over the columns, by index: no Order object is built for rows that do not match. */
    private static IntPredicate matcher(OrderSoA soa, OrderQuery query) {
        IntPredicate matcher = i -> true;
        if (query.status() != null) {
            OrderStatus status = query.status();
            matcher = matcher.and(i -> soa.status(i) == status);
        }
        if (query.minAmount() != null) {
            double minAmount = query.minAmount();
            matcher = matcher.and(i -> soa.totalAmount(i) >= minAmount);
        }
        if (query.customerId() != null) {
            long customerId = query.customerId();
            matcher = matcher.and(i -> soa.customerId(i) == customerId);
        }
        if (query.from() != null) {
            matcher = matcher.and(i -> !soa.orderTimestamp(i).isBefore(query.from()));
        }
        if (query.to() != null) {
            matcher = matcher.and(i -> soa.orderTimestamp(i).isBefore(query.to()));
        }
        return matcher;
    }

    private static BigDecimal cents(double amount) {
        return BigDecimal.valueOf(amount).setScale(2, RoundingMode.HALF_EVEN);
    }

    /**
     * The outcome of an append.
     *
     * @param appended the number of orders added
     * @param count the number of orders stored afterwards
     */
    public record AppendResult(long appended, long count) {
    }
}
