package io.soapersistence.parquet;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.channels.FileChannel;

/**
 * Forces a file's written bytes to the disk while later ones are still being written, so that the disk writes
 * during the write rather than after it and the force before the rename has little left to do. Two
 * {@link IoThreads} threads force, so that one can start writing the next bytes while the other still waits for
 * the journal commit and cache flush that end its force: on the benchmark machine, copying and forcing 38 MB
 * took medians of 30.7 and 32.3 ms with one forcing thread and 26.6 and 28.7 ms with two (16 runs each,
 * alternated); three and four were no faster.
 * <p>
 * The threads start once {@link #AHEAD} bytes are written: a shorter file is forced once, when it is closed.
 */
final class ForceAhead {

    /**
     * Bytes written before a force is worth a thread: forcing from the first 4 MiB rather than the second made a
     * 38 MB append about a millisecond faster (median of 25, measured alternately).
     */
    static final long AHEAD = 4L << 20;

    private static final int THREADS = 2;

    private final FileChannel channel;

    private final String name;

    private final Object lock = new Object();

    private long written;

    private long claimed;

    private int forcing;

    private boolean started;

    private boolean ended;

    private boolean cancelled;

    private Throwable failure;

    /** Forces {@code channel}, which {@code name} names in errors; the caller keeps it open until the end. */
    ForceAhead(FileChannel channel, String name) {
        this.channel = channel;
        this.name = name;
    }

    /** Counts {@code bytes} more written to the file, and hands them to a forcing thread once enough are. */
    void written(long bytes) throws IOException {
        synchronized (this.lock) {
            rethrowFailure();
            this.written += bytes;
            if (!this.started && this.written >= AHEAD && !this.cancelled) {
                this.started = true;
                for (int t = 0; t < THREADS; t++) {
                    // Counted once handed over, so finish and cancel wait for exactly the threads that run; a thread
                    // cannot count itself out before then, as it needs the lock this method holds.
                    IoThreads.run(this::forceWritten);
                    this.forcing++;
                }
            }
            this.lock.notifyAll();
        }
    }

    /**
     * Lets the forcing threads end the forces they are in and waits for them to stop. The caller forces the file
     * once more afterwards, for its length and the bytes no thread claimed.
     */
    void finish() throws IOException {
        synchronized (this.lock) {
            this.ended = true;
            this.lock.notifyAll();
            while (this.forcing > 0) {
                try {
                    this.lock.wait();
                }
                catch (InterruptedException ex) {
                    Thread.currentThread().interrupt();
                    this.cancelled = true;
                    this.lock.notifyAll();
                    InterruptedIOException interrupted = new InterruptedIOException("interrupted while forcing "
                            + this.name);
                    interrupted.initCause(ex);
                    throw interrupted;
                }
            }
            rethrowFailure();
        }
    }

    /** Stops forcing after the current force and waits for the threads to leave the file. */
    void cancel() {
        synchronized (this.lock) {
            this.cancelled = true;
            this.lock.notifyAll();
            IoThreads.awaitUninterruptibly(this.lock, () -> this.forcing == 0);
        }
    }

    private void forceWritten() {
        try {
            while (claim()) {
                this.channel.force(false);
            }
        }
        catch (Throwable ex) {
            synchronized (this.lock) {
                if (this.failure == null && !this.cancelled) {
                    this.failure = ex;
                }
            }
        }
        finally {
            synchronized (this.lock) {
                this.forcing--;
                this.lock.notifyAll();
            }
        }
    }

    /**
     * Claims the written bytes that no force has claimed yet, or returns false when nothing is left that is worth
     * forcing ahead: the rest is forced by the caller's last force.
     */
    private boolean claim() throws InterruptedException {
        synchronized (this.lock) {
            while (!this.cancelled && this.failure == null) {
                long unclaimed = this.written - this.claimed;
                if (unclaimed >= AHEAD && !this.ended) {
                    this.claimed = this.written;
                    return true;
                }
                if (this.ended) {
                    return false;
                }
                this.lock.wait();
            }
            return false;
        }
    }

    private void rethrowFailure() throws IOException {
        Failures.rethrowOnCaller(this.failure);
    }
}
