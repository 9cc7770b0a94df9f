package io.soapersistence.parquet;

import java.io.IOException;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Column tasks on the shared pool: results in column order, failures as thrown, and discarded work released. */
class ColumnParallelismTest {

    @Test
    void submittedColumnsAreAwaitedInColumnOrder() throws Exception {
        ColumnParallelism.Submitted<String> submitted = ColumnParallelism.submit(5, column -> "column " + column);

        assertThat(submitted.await()).containsExactly("column 0", "column 1", "column 2", "column 3", "column 4");
    }

    @Test
    void theFirstFailureIsRethrownAsItWasThrown() {
        ColumnParallelism.Submitted<Integer> submitted = ColumnParallelism.submit(4, column -> {
            if (column == 2) {
                throw new IOException("column 2 failed");
            }
            return column;
        });

        assertThatThrownBy(submitted::await).isExactlyInstanceOf(IOException.class).hasMessage("column 2 failed");
    }

    @Test
    void discardedResultsAreReleasedOnceTheirTasksAreDone() throws Exception {
        CountDownLatch running = new CountDownLatch(2);
        CountDownLatch proceed = new CountDownLatch(1);
        ColumnParallelism.Submitted<Integer> submitted = ColumnParallelism.submit(2, column -> {
            running.countDown();
            proceed.await();
            return column;
        });
        assertThat(running.await(10, TimeUnit.SECONDS)).as("both tasks started").isTrue();
        Set<Integer> released = ConcurrentHashMap.newKeySet();
        CountDownLatch bothReleased = new CountDownLatch(2);

        submitted.discard(result -> {
            released.add(result);
            bothReleased.countDown();
        });
        proceed.countDown();

        assertThat(bothReleased.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(released).containsExactlyInAnyOrder(0, 1);
    }

    @Test
    void forEachColumnRunsEveryColumn() throws Exception {
        List<Integer> squares = ColumnParallelism.forEachColumn(4, column -> column * column);

        assertThat(squares).containsExactly(0, 1, 4, 9);
    }
}
