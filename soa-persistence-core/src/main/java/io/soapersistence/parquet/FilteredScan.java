package io.soapersistence.parquet;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PrimitiveIterator;
import java.util.function.IntPredicate;

import io.soapersistence.ColumnNotFoundException;
import io.soapersistence.CorruptFileException;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.parquet.ParquetReadOptions;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.column.page.PageReadStore;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.filter2.compat.FilterCompat;
import org.apache.parquet.filter2.predicate.FilterPredicate;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.metadata.BlockMetaData;
import org.apache.parquet.hadoop.metadata.ParquetMetadata;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType;
import org.apache.parquet.schema.Type;

/**
 * Runs a {@link QueryPlan} over a file one row group at a time. Row groups are ruled out by statistics,
 * dictionaries and bloom filters, pages by the column index; of each row group read, the filter's columns are
 * decoded first, every candidate row is re-checked on them, and the other projected columns are decoded only
 * when some row matched. Columns the plan does not name are never read.
 */
final class FilteredScan {

    /** Receives the matching rows of one row group. */
    @FunctionalInterface
    interface Sink {

        void accept(MatchedRows rows) throws Exception;
    }

    private final QueryPlan plan;

    private final Path file;

    private final QueryTrace trace;

    private final List<ColumnDescriptor> descriptors = new ArrayList<>();

    private final BitSet filterFields = new BitSet();

    private FilteredScan(QueryPlan plan, Path file, QueryTrace trace) {
        this.plan = plan;
        this.file = file;
        this.trace = trace;
        collectFields(plan.filter());
    }

    /**
     * Scans the file whose footer is {@code footer}. Column types are checked against the footer before any
     * page is read.
     *
     * @throws ColumnNotFoundException if the file lacks a column the plan needs
     * @throws io.soapersistence.SchemaMismatchException if a file column cannot be read into its field
     */
    static void run(ChannelInputFile input, ParquetMetadata footer, QueryPlan plan, Path file, QueryTrace trace,
            Sink sink) throws Exception {
        new FilteredScan(plan, file, trace).run(input, footer, sink);
    }

    private void collectFields(RowFilter filter) {
        if (filter instanceof RowFilter.Leaf leaf) {
            this.filterFields.set(leaf.field());
        }
        else if (filter instanceof RowFilter.All all) {
            all.filters().forEach(this::collectFields);
        }
        else if (filter instanceof RowFilter.Any any) {
            any.filters().forEach(this::collectFields);
        }
        else {
            collectFields(((RowFilter.Negation) filter).filter());
        }
    }

    private void run(ChannelInputFile input, ParquetMetadata footer, Sink sink) throws Exception {
        MessageType fileSchema = footer.getFileMetaData().getSchema();
        List<PrimitiveType> fileColumns = new ArrayList<>();
        for (Field field : this.plan.fields()) {
            // null: a nullable field the file predates, null in every row.
            fileColumns.add(ParquetSchemaMapping.resolve(fileSchema, field, this.file));
        }
        List<Type> present = new ArrayList<>();
        for (PrimitiveType column : fileColumns) {
            if (column != null) {
                present.add(column);
            }
        }
        MessageType requested = new MessageType(fileSchema.getName(), present);
        int next = 0;
        List<ColumnDescriptor> columns = requested.getColumns();
        for (PrimitiveType column : fileColumns) {
            this.descriptors.add((column == null) ? null : columns.get(next++));
        }
        FilterPredicate pushed = FilterPushdown.of(this.plan.filter(), fileColumns);
        this.trace.rowGroupsInFile = footer.getBlocks().size();
        try (ParquetFileReader reader = new ParquetFileReader(input, footer, readOptions(pushed), input.newStream())) {
            reader.setRequestedSchema(requested);
            this.trace.rowGroupsAfterPruning = reader.getRowGroups().size();
            Map<Long, Integer> rowsByOffset = new HashMap<>();
            for (BlockMetaData block : reader.getRowGroups()) {
                if (block.getRowCount() < 0 || block.getRowCount() > Integer.MAX_VALUE - 8) {
                    throw new CorruptFileException(this.file, "a row group declares " + block.getRowCount()
                            + " rows", null);
                }
                rowsByOffset.put(block.getRowIndexOffset(), (int) block.getRowCount());
            }
            PageReadStore rowGroup;
            while ((rowGroup = reader.readNextFilteredRowGroup()) != null) {
                this.trace.rowGroupsRead++;
                try {
                    // Guessing a row group's size would invent rows past its end: without its offset, stop.
                    Integer rows = rowGroup.getRowIndexOffset().map(rowsByOffset::get).orElse(null);
                    if (rows == null) {
                        throw new CorruptFileException(this.file, "a row group whose first row is unknown", null);
                    }
                    MatchedRows matched = readRowGroup(rowGroup, rows);
                    if (matched != null) {
                        this.trace.matchedRows += matched.size();
                        sink.accept(matched);
                    }
                }
                finally {
                    rowGroup.close();
                }
            }
        }
    }

    private static ParquetReadOptions readOptions(FilterPredicate pushed) {
        ParquetReadOptions.Builder builder = ParquetReadOptions.builder(new PlainParquetConfiguration())
            .withCodecFactory(StandaloneCodecFactory.forReading());
        if (pushed == null) {
            return builder.useColumnIndexFilter(false).build();
        }
        return builder.withRecordFilter(FilterCompat.get(pushed))
            .useStatsFilter(true)
            .useDictionaryFilter(true)
            .useBloomFilter(true)
            .useColumnIndexFilter(true)
            .build();
    }

    /** Decodes, re-checks and gathers one row group; {@code null} when no row matched. */
    private MatchedRows readRowGroup(PageReadStore rowGroup, int rows) throws Exception {
        int[] candidates = candidates(rowGroup, rows);
        this.trace.candidateRows += candidates.length;
        List<Field> fields = this.plan.fields();
        DecodedColumn[] decoded = new DecodedColumn[fields.size()];
        decode(rowGroup, rows, decoded, this.filterFields.stream().toArray());
        IntPredicate test = RowMatcher.compile(this.plan.filter(), decoded);
        int[] matched = new int[candidates.length];
        int count = 0;
        for (int row : candidates) {
            if (test.test(row)) {
                matched[count++] = row;
            }
        }
        if (count == 0) {
            return null;
        }
        BitSet rest = new BitSet();
        rest.set(0, this.plan.projected());
        rest.andNot(this.filterFields);
        decode(rowGroup, rows, decoded, rest.stream().toArray());
        return MatchedRows.gather(decoded, this.plan.projected(), Arrays.copyOf(matched, count));
    }

    private void decode(PageReadStore rowGroup, int rows, DecodedColumn[] decoded, int[] fieldIndexes)
            throws Exception {
        List<Field> fields = this.plan.fields();
        List<Long> counts = ColumnParallelism.forEachColumn(fieldIndexes.length, i -> {
            int field = fieldIndexes[i];
            ColumnDescriptor descriptor = this.descriptors.get(field);
            if (descriptor == null) {
                DecodedColumn absent = new DecodedColumn(fields.get(field), rows);
                absent.nulls.set(0, rows);
                decoded[field] = absent;
                return 0L;
            }
            decoded[field] = ChunkDecoder.decodeKeptPages(descriptor, fields.get(field),
                    rowGroup.getPageReader(descriptor), rows, this.file);
            return (long) decoded[field].size;
        });
        for (int i = 0; i < fieldIndexes.length; i++) {
            this.trace.valuesDecoded.merge(fields.get(fieldIndexes[i]).getName(), counts.get(i), Long::sum);
        }
    }

    /** The row indexes the column index left in the row group, or all of them. */
    private static int[] candidates(PageReadStore rowGroup, int rows) {
        PrimitiveIterator.OfLong indexes = rowGroup.getRowIndexes().orElse(null);
        if (indexes == null) {
            int[] all = new int[rows];
            for (int i = 0; i < rows; i++) {
                all[i] = i;
            }
            return all;
        }
        int[] result = new int[Math.toIntExact(rowGroup.getRowCount())];
        int count = 0;
        while (indexes.hasNext() && count < result.length) {
            result[count++] = Math.toIntExact(indexes.nextLong());
        }
        return (count == result.length) ? result : Arrays.copyOf(result, count);
    }
}
