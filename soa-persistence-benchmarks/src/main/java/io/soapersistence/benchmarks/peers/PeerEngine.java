package io.soapersistence.benchmarks.peers;

import java.nio.file.Path;

import io.soapersistence.benchmarks.OrderArrays;

/** A Parquet engine measured against soa-persistence: arrays in, a SNAPPY Parquet file, arrays out. */
public interface PeerEngine extends AutoCloseable {

    /**
     * The name printed in the table.
     *
     * @return the engine and how it is used
     */
    String name();

    /**
     * Whether this engine writes; a read-only engine reads the file of {@link #readsFileOf()}.
     *
     * @return {@code true} if {@link #write} is supported
     */
    default boolean writes() {
        return true;
    }

    /**
     * For a read-only engine, the engine whose file it reads; {@code null} for soa-persistence's file.
     *
     * @return the engine name, or {@code null}
     */
    default String readsFileOf() {
        return null;
    }

    /**
     * Writes every row of {@code data} to {@code file}, replacing it, with SNAPPY compression.
     *
     * @param data the rows
     * @param file the target file
     * @throws Exception on any failure
     */
    void write(OrderArrays data, Path file) throws Exception;

    /**
     * Reads every row of {@code file} into new arrays.
     *
     * @param file the file
     * @param expectedRows a capacity hint, the same for every engine, so that none pays for growing arrays
     * @return the rows
     * @throws Exception on any failure
     */
    OrderArrays read(Path file, int expectedRows) throws Exception;

    /** Releases native resources; unchecked, so that callers need no InterruptedException handling. */
    @Override
    default void close() {
    }
}
