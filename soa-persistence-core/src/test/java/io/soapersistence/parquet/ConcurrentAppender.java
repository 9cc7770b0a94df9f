package io.soapersistence.parquet;

import java.nio.file.Path;

import io.soapersistence.fixtures.OrderSoA;

/**
 * A second process appending to a dataset for {@link ConcurrencyTest}: appends batches {@code first ..
 * first + count - 1} of {@code rows} rows each (see {@link ConcurrencyTest#batch}), one append per batch, and
 * prints {@code done}.
 * <p>
 * Arguments: dataset directory, layout, first batch number, batch count, rows per batch.
 */
public final class ConcurrentAppender {

    private ConcurrentAppender() {
    }

    public static void main(String[] args) {
        ParquetPersistence<OrderSoA> persistence = new ParquetPersistence<>(OrderSoA.class, Path.of(args[0]))
            .withLayout(Layout.valueOf(args[1]))
            .withCompactionThreshold(4);
        long first = Long.parseLong(args[2]);
        int count = Integer.parseInt(args[3]);
        int rows = Integer.parseInt(args[4]);
        for (long batch = first; batch < first + count; batch++) {
            persistence.append(ConcurrencyTest.batch(batch, rows)).join();
        }
        System.out.println("done");
    }
}
