package io.soapersistence.parquet;

import java.nio.file.Path;
import java.util.List;

import org.apache.arrow.vector.types.pojo.Field;

/**
 * The projected columns of the rows a query kept, copied out of a row group's decoded arrays so that the row
 * group's memory can go.
 */
final class MatchedRows {

    private final DecodedColumn[] columns;

    private final int size;

    private MatchedRows(DecodedColumn[] columns, int size) {
        this.columns = columns;
        this.size = size;
    }

    /** Rows {@code rows} of the first {@code projected} of {@code decoded}. */
    static MatchedRows gather(DecodedColumn[] decoded, int projected, int[] rows) {
        DecodedColumn[] columns = new DecodedColumn[projected];
        for (int c = 0; c < projected; c++) {
            DecodedColumn from = decoded[c];
            DecodedColumn to = new DecodedColumn(from.field, rows.length);
            // Matches come in runs of consecutive rows (a range query yields one run): one copy per run.
            int i = 0;
            while (i < rows.length) {
                int run = 1;
                while (i + run < rows.length && rows[i + run] == rows[i] + run) {
                    run++;
                }
                copy(from, rows[i] - from.base, to, i, run);
                i += run;
            }
            columns[c] = to;
        }
        return new MatchedRows(columns, rows.length);
    }

    /** Every row of {@code parts}, in order, as one set of columns. */
    static MatchedRows concat(List<MatchedRows> parts, List<Field> fields) {
        long total = parts.stream().mapToLong(MatchedRows::size).sum();
        if (total > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException(total + " matching rows, more than one SoA can index");
        }
        DecodedColumn[] columns = new DecodedColumn[fields.size()];
        for (int c = 0; c < columns.length; c++) {
            columns[c] = new DecodedColumn(fields.get(c), (int) total);
        }
        int at = 0;
        for (MatchedRows part : parts) {
            for (int c = 0; c < columns.length; c++) {
                copy(part.columns[c], 0, columns[c], at, part.size);
            }
            at += part.size;
        }
        return new MatchedRows(columns, (int) total);
    }

    /** Rows {@code [from, from + length)} as rows of their own. */
    MatchedRows slice(int from, int length) {
        DecodedColumn[] sliced = new DecodedColumn[this.columns.length];
        for (int c = 0; c < sliced.length; c++) {
            sliced[c] = new DecodedColumn(this.columns[c].field, length);
            copy(this.columns[c], from, sliced[c], 0, length);
        }
        return new MatchedRows(sliced, length);
    }

    int size() {
        return this.size;
    }

    /** The rows as a source a generated SoA type adopts; checks non-nullable fields hold no null. */
    DecodedColumns toSource(Path file) {
        DecodedColumns source = new DecodedColumns(this.columns, this.size, file);
        source.checkNonNullable();
        return source;
    }

    private static void copy(DecodedColumn from, int fromIndex, DecodedColumn to, int toIndex, int length) {
        copyArray(from.booleans, fromIndex, to.booleans, toIndex, length);
        copyArray(from.bytes, fromIndex, to.bytes, toIndex, length);
        copyArray(from.shorts, fromIndex, to.shorts, toIndex, length);
        copyArray(from.chars, fromIndex, to.chars, toIndex, length);
        copyArray(from.ints, fromIndex, to.ints, toIndex, length);
        copyArray(from.longs, fromIndex, to.longs, toIndex, length);
        copyArray(from.floats, fromIndex, to.floats, toIndex, length);
        copyArray(from.doubles, fromIndex, to.doubles, toIndex, length);
        copyArray(from.objects, fromIndex, to.objects, toIndex, length);
        copyArray(from.least, fromIndex, to.least, toIndex, length);
        for (int i = from.nulls.nextSetBit(fromIndex); i >= 0 && i < fromIndex + length; i = from.nulls.nextSetBit(i + 1)) {
            to.nulls.set(toIndex + i - fromIndex);
        }
    }

    private static void copyArray(Object from, int fromIndex, Object to, int toIndex, int length) {
        if (from != null) {
            System.arraycopy(from, fromIndex, to, toIndex, length);
        }
    }
}
