package io.soapersistence.parquet;

import java.util.Locale;

/**
 * The operations of {@link ParquetPersistence}, as reported to a {@link PersistenceListener}.
 */
public enum Operation {

    /** {@code save}. */
    SAVE(true),
    /** {@code saveBatches}. */
    SAVE_BATCHES(true),
    /** {@code append}. */
    APPEND(true),
    /** {@code appendBatches}. */
    APPEND_BATCHES(true),
    /** {@code load}. */
    LOAD(false),
    /** {@code loadBatches}. */
    LOAD_BATCHES(false),
    /** {@code query}. */
    QUERY(false),
    /** {@code count}. */
    COUNT(false),
    /** {@code isEmpty}. */
    IS_EMPTY(false),
    /** {@code clear}. */
    CLEAR(true),
    /** {@code info}. */
    INFO(false),
    /** {@code compact}. */
    COMPACT(true),
    /** {@code select}. */
    SELECT(false),
    /** {@code scan}. */
    SCAN(false);

    private final boolean write;

    Operation(boolean write) {
        this.write = write;
    }

    /**
     * Whether the operation changes stored data.
     *
     * @return {@code true} for save, append and clear and their batch variants
     */
    public boolean isWrite() {
        return this.write;
    }

    /**
     * A lower-case name for metrics and logs: {@code save}, {@code save_batches}, ...
     *
     * @return the name
     */
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }
}
