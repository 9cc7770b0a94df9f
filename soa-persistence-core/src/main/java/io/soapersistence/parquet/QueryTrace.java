package io.soapersistence.parquet;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What one query read, for tests that prove pruning by counting: row groups before and after pruning, rows the
 * column index left as candidates, and values decoded per column. Written by the thread running the query.
 */
final class QueryTrace {

    /** A trace nobody reads. */
    static QueryTrace discard() {
        return new QueryTrace();
    }

    int rowGroupsInFile;

    /** Row groups left after statistics, dictionaries and bloom filters. */
    int rowGroupsAfterPruning;

    /** Row groups whose pages were read; the column index may rule out more. */
    int rowGroupsRead;

    /** Rows the column index could not rule out, in the row groups read. */
    long candidateRows;

    long matchedRows;

    final Map<String, Long> valuesDecoded = new LinkedHashMap<>();

    long valuesDecoded(String column) {
        return this.valuesDecoded.getOrDefault(column, 0L);
    }

    @Override
    public String toString() {
        return "QueryTrace[row groups " + this.rowGroupsInFile + " -> " + this.rowGroupsAfterPruning + " -> "
                + this.rowGroupsRead + " read, candidate rows " + this.candidateRows + ", matched "
                + this.matchedRows + ", values decoded " + this.valuesDecoded + "]";
    }
}
