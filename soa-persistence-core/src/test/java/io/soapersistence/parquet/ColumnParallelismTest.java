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
        // On two pool threads, so that both columns run while nobody awaits them.
        ColumnParallelism.Submitted<Integer> submitted = ColumnParallelism.submit(2, column -> {
            running.countDown();
            proceed.await();
            return column;
        }, 2);
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
    void theAwaitingThreadRunsColumnsThatNoWorkerHasStarted() throws Exception {
        BusyPool pool = BusyPool.occupy();
        try {
            ColumnParallelism.Submitted<Thread> submitted = ColumnParallelism.submit(3,
                    column -> Thread.currentThread());

            assertThat(submitted.await()).containsOnly(Thread.currentThread());
        }
        finally {
            pool.release();
        }
    }

    @Test
    void anErrorInAColumnReachesTheAwaitingThread() {
        ColumnParallelism.Submitted<Integer> submitted = ColumnParallelism.submit(3, column -> {
            if (column == 1) {
                throw new StackOverflowError("column 1");
            }
            return column;
        });

        assertThatThrownBy(submitted::await).isExactlyInstanceOf(StackOverflowError.class).hasMessage("column 1");
    }

    @Test
    void discardingBeforeAnyColumnStartedReleasesNothingAndRunsNothing() throws Exception {
        BusyPool pool = BusyPool.occupy();
        Set<Integer> ran = ConcurrentHashMap.newKeySet();
        Set<Integer> released = ConcurrentHashMap.newKeySet();
        ColumnParallelism.Submitted<Integer> submitted = ColumnParallelism.submit(4, column -> {
            ran.add(column);
            return column;
        });

        submitted.discard(released::add);
        pool.release();

        // Every column was claimed by the discard before a pool thread was free to start one.
        assertThat(ran).isEmpty();
        assertThat(released).isEmpty();
    }

    @Test
    void everyPoolThreadStartsOnAColumnWhileNobodyAwaits() throws Exception {
        // Only the first pool thread is handed the work; each one started wakes the next. occupy() fails unless
        // every pool thread is running a column at once, before anything awaits the results.
        BusyPool pool = BusyPool.occupy();

        pool.release();
    }

    /** Every pool thread held by a column that waits until released. */
    private record BusyPool(CountDownLatch proceed, ColumnParallelism.Submitted<Integer> blocking) {

        static BusyPool occupy() throws InterruptedException {
            int cores = ColumnParallelism.cores();
            CountDownLatch busy = new CountDownLatch(cores);
            CountDownLatch proceed = new CountDownLatch(1);
            ColumnParallelism.Submitted<Integer> blocking = ColumnParallelism.submit(cores, column -> {
                busy.countDown();
                proceed.await();
                return column;
            }, cores);
            assertThat(busy.await(10, TimeUnit.SECONDS)).as("every pool thread is busy").isTrue();
            return new BusyPool(proceed, blocking);
        }

        void release() throws Exception {
            this.proceed.countDown();
            assertThat(this.blocking.await()).hasSize(ColumnParallelism.cores());
        }
    }

    @Test
    void forEachColumnRunsEveryColumn() throws Exception {
        List<Integer> squares = ColumnParallelism.forEachColumn(4, column -> column * column);

        assertThat(squares).containsExactly(0, 1, 4, 9);
    }
}
