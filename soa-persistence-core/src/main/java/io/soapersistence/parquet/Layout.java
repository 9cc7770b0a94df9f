package io.soapersistence.parquet;

/**
 * How a dataset's rows are spread over files in its directory.
 */
public enum Layout {

    /**
     * One file, {@code {directory}/data.parquet}: the simplest thing for other tools to open. The first append
     * after a save copies the stored column chunks byte for byte into a new file, so its cost grows with the
     * dataset's bytes; it keeps the replaced file as a hidden spare copy, and each later append extends the spare
     * with only what it lacks and publishes it (see {@link ParquetPersistence#withSpareCopy(boolean)}).
     */
    SINGLE_FILE,

    /**
     * Several files, {@code {directory}/part-<generation>-<sequence>.parquet}, that pandas, Polars, DuckDB and
     * Spark read as one dataset. An append writes one new file and touches no stored byte, so its cost does
     * not grow with the dataset; once the files exceed the compaction threshold they are merged into one by
     * chunk copy. A save or compaction starts a new generation and then deletes the older one.
     */
    MULTI_FILE
}
