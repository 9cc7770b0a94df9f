package io.soapersistence.parquet;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;

import io.soapersistence.CorruptFileException;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.parquet.bytes.ByteBufferInputStream;
import org.apache.parquet.bytes.BytesUtils;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.column.Dictionary;
import org.apache.parquet.column.Encoding;
import org.apache.parquet.column.ValuesType;
import org.apache.parquet.column.page.DataPage;
import org.apache.parquet.column.page.DataPageV1;
import org.apache.parquet.column.page.DataPageV2;
import org.apache.parquet.column.page.DictionaryPage;
import org.apache.parquet.column.page.PageReader;
import org.apache.parquet.column.values.ValuesReader;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.LogicalTypeAnnotation.TimeLogicalTypeAnnotation;
import org.apache.parquet.schema.LogicalTypeAnnotation.TimestampLogicalTypeAnnotation;
import org.apache.parquet.schema.PrimitiveType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;

/**
 * Decodes the pages of one column chunk straight into a {@link DecodedColumn}'s array, page by page: PLAIN
 * pages of fixed-width values without nulls are one bulk little-endian copy, a dictionary is decoded once
 * into the target array type so that dictionary pages only gather values (or, for strings, references) by
 * ids decoded a page at a time, definition levels are decoded a page at a time too, and every other
 * encoding goes through parquet-java's own value readers.
 */
final class ChunkDecoder {

    private final ColumnDescriptor column;

    private final PrimitiveType type;

    private final DecodedColumn target;

    private final Path file;

    private final int maxDefinition;

    /** Values per second in the file and in the target, for time columns stored in other units. */
    private final long fileScale;

    private final long targetScale;

    private int[] definitions = new int[0];

    /** A page's dictionary ids, then the dictionary entry of each of its rows. */
    private int[] ids = new int[0];

    private int[] entryOfRow = new int[0];

    /**
     * The decoded dictionary, one entry longer than the file's: the last entry holds the empty value (zero,
     * false or null) that null rows take, so that a page is gathered without a branch per row.
     */
    private DecodedColumn dictionary;

    private int dictionaryEntries;

    ChunkDecoder(ColumnDescriptor column, DecodedColumn target, Path file) {
        this.column = column;
        this.type = column.getPrimitiveType();
        this.target = target;
        this.file = file;
        this.maxDefinition = column.getMaxDefinitionLevel();
        this.fileScale = fileScale(this.type);
        this.targetScale = targetScale(target);
    }

    /** Decodes every page of a chunk into rows {@code [offset, offset + rows)}. */
    void decode(PageReader pages, int offset, int rows) throws IOException {
        DictionaryPage dictionaryPage = pages.readDictionaryPage();
        this.dictionary = (dictionaryPage != null) ? decodeDictionary(dictionaryPage) : null;
        int row = offset;
        int end = offset + rows;
        DataPage page;
        while ((page = pages.readPage()) != null) {
            int count = page.getValueCount();
            if (count < 0 || row + count > end) {
                throw corrupt("pages hold more values than the row group's " + rows + " rows");
            }
            decodePage(page, count, row);
            row += count;
        }
        if (row != end) {
            throw corrupt("pages hold " + (row - offset) + " values for " + rows + " rows");
        }
    }

    /**
     * Decodes the pages a filtered read kept, each placed at its first row, into a column that spans only
     * those pages: the rows between them are never allocated.
     *
     * @return the column, whose index 0 holds row {@link DecodedColumn#base} of the row group
     */
    static DecodedColumn decodeKeptPages(ColumnDescriptor column, Field field, PageReader pages, int rows, Path file)
            throws IOException {
        DictionaryPage dictionaryPage = pages.readDictionaryPage();
        List<DataPage> kept = new ArrayList<>();
        List<Integer> firstRows = new ArrayList<>();
        int row = 0;
        int low = Integer.MAX_VALUE;
        int high = 0;
        DataPage page;
        while ((page = pages.readPage()) != null) {
            int count = page.getValueCount();
            long first = page.getFirstRowIndex().orElse((long) row);
            if (count < 0 || first < 0 || first + count > rows) {
                throw new CorruptFileException(file, "column '" + column.getPath()[0] + "': a page of " + count
                        + " values at row " + first + " exceeds the row group's " + rows + " rows", null);
            }
            kept.add(page);
            firstRows.add((int) first);
            low = Math.min(low, (int) first);
            high = Math.max(high, (int) first + count);
            row = (int) first + count;
        }
        int base = kept.isEmpty() ? 0 : low;
        DecodedColumn target = new DecodedColumn(field, Math.max(0, high - base), base);
        ChunkDecoder decoder = new ChunkDecoder(column, target, file);
        decoder.dictionary = (dictionaryPage != null) ? decoder.decodeDictionary(dictionaryPage) : null;
        for (int i = 0; i < kept.size(); i++) {
            decoder.decodePage(kept.get(i), kept.get(i).getValueCount(), firstRows.get(i) - base);
        }
        return target;
    }

    private void decodePage(DataPage page, int count, int row) throws IOException {
        if (page instanceof DataPageV1 v1) {
            ByteBufferInputStream in = v1.getBytes().toInputStream();
            v1.getRlEncoding().getValuesReader(this.column, ValuesType.REPETITION_LEVEL).initFromPage(count, in);
            int defined = readDefinitions(v1.getDlEncoding(), count, in);
            decodeValues(v1.getValueEncoding(), count, defined, in, row);
        }
        else {
            DataPageV2 v2 = (DataPageV2) page;
            int defined = readDefinitionsV2(v2, count);
            decodeValues(v2.getDataEncoding(), count, defined, v2.getData().toInputStream(), row);
        }
    }

    private CorruptFileException corrupt(String problem) {
        return new CorruptFileException(this.file, "column '" + this.column.getPath()[0] + "': " + problem, null);
    }

    /** Reads V1 definition levels; returns how many values are defined (not null). */
    private int readDefinitions(Encoding encoding, int count, ByteBufferInputStream in) throws IOException {
        if (this.maxDefinition > 0 && encoding == Encoding.RLE) {
            if (in.available() < 4) {
                throw corrupt("a page ends before its definition levels");
            }
            int length = BytesUtils.readIntLittleEndian(in);
            if (length < 0 || length > in.available()) {
                throw corrupt("definition levels of " + length + " bytes in a page of " + in.available());
            }
            return decodeDefinitions(in.slice(length), count);
        }
        ValuesReader levels = encoding.getValuesReader(this.column, ValuesType.DEFINITION_LEVEL);
        levels.initFromPage(count, in);
        if (this.maxDefinition == 0) {
            return count;
        }
        int[] definitions = definitionBuffer(count);
        int defined = 0;
        for (int i = 0; i < count; i++) {
            definitions[i] = levels.readInteger();
            if (definitions[i] == this.maxDefinition) {
                defined++;
            }
        }
        return defined;
    }

    private int readDefinitionsV2(DataPageV2 page, int count) throws IOException {
        if (this.maxDefinition == 0) {
            return count;
        }
        ByteBufferInputStream levels = page.getDefinitionLevels().toInputStream();
        return decodeDefinitions(levels.slice(levels.available()), count);
    }

    /** Decodes RLE / bit-packed definition levels into {@link #definitions}; returns how many are defined. */
    private int decodeDefinitions(ByteBuffer levels, int count) throws IOException {
        int[] definitions = definitionBuffer(count);
        byte[] bytes = bytesOf(levels);
        int from = levels.hasArray() ? levels.arrayOffset() + levels.position() : 0;
        try {
            RleHybridDecoder.decode(bytes, from, from + levels.remaining(),
                    BytesUtils.getWidthFromMaxInt(this.maxDefinition), definitions, count);
        }
        catch (IOException ex) {
            throw corrupt("definition levels: " + ex.getMessage());
        }
        int max = this.maxDefinition;
        int defined = 0;
        for (int i = 0; i < count; i++) {
            defined += (definitions[i] == max) ? 1 : 0;
        }
        return defined;
    }

    /** The array behind a heap buffer, or a copy of a direct one's bytes (then starting at index 0). */
    private static byte[] bytesOf(ByteBuffer buffer) {
        if (buffer.hasArray()) {
            return buffer.array();
        }
        byte[] copy = new byte[buffer.remaining()];
        buffer.duplicate().get(copy);
        return copy;
    }

    private int[] definitionBuffer(int count) {
        if (this.definitions.length < RleHybridDecoder.capacityFor(count)) {
            this.definitions = new int[RleHybridDecoder.capacityFor(count)];
        }
        return this.definitions;
    }

    private void decodeValues(Encoding encoding, int count, int defined, ByteBufferInputStream in, int row)
            throws IOException {
        boolean allDefined = defined == count;
        if (encoding.usesDictionary()) {
            if (this.dictionary == null) {
                throw corrupt("a dictionary-encoded page without a dictionary page");
            }
            int[] entries = readDictionaryIds(in, defined);
            if (!allDefined) {
                entries = entryOfRow(entries, count);
                markNulls(count, row);
            }
            gather(entries, count, row);
            return;
        }
        if (encoding == Encoding.PLAIN && allDefined && bulkCopy(in, count, row)) {
            return;
        }
        ValuesReader values = encoding.getValuesReader(this.column, ValuesType.VALUES);
        values.initFromPage(count, in);
        ValueSetter setter = setter(this.target);
        for (int i = 0; i < count; i++) {
            if (allDefined || this.definitions[i] == this.maxDefinition) {
                setter.set(values, row + i);
            }
            else {
                this.target.nulls.set(row + i);
            }
        }
    }

    /** Copies a PLAIN page of fixed-width values that need no conversion in one call; false if it cannot. */
    private boolean bulkCopy(ByteBufferInputStream in, int count, int row) throws IOException {
        if (this.fileScale != this.targetScale) {
            return false;
        }
        PrimitiveTypeName physical = this.type.getPrimitiveTypeName();
        DecodedColumn.Kind kind = this.target.kind;
        if (physical == PrimitiveTypeName.INT64 && kind == DecodedColumn.Kind.LONG) {
            in.slice(count * 8).order(ByteOrder.LITTLE_ENDIAN).asLongBuffer().get(this.target.longs, row, count);
        }
        else if (physical == PrimitiveTypeName.DOUBLE && kind == DecodedColumn.Kind.DOUBLE) {
            in.slice(count * 8).order(ByteOrder.LITTLE_ENDIAN).asDoubleBuffer().get(this.target.doubles, row, count);
        }
        else if (physical == PrimitiveTypeName.INT32 && kind == DecodedColumn.Kind.INT) {
            in.slice(count * 4).order(ByteOrder.LITTLE_ENDIAN).asIntBuffer().get(this.target.ints, row, count);
        }
        else if (physical == PrimitiveTypeName.FLOAT && kind == DecodedColumn.Kind.FLOAT) {
            in.slice(count * 4).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(this.target.floats, row, count);
        }
        else {
            return false;
        }
        return true;
    }

    /** Decodes a dictionary-encoded page's ids, one per defined value, and checks each against the dictionary. */
    private int[] readDictionaryIds(ByteBufferInputStream in, int defined) throws IOException {
        int[] ids = this.ids;
        if (ids.length < RleHybridDecoder.capacityFor(defined)) {
            ids = new int[RleHybridDecoder.capacityFor(defined)];
            this.ids = ids;
        }
        if (defined == 0) {
            return ids;
        }
        ByteBuffer data = in.slice(in.available());
        if (!data.hasRemaining()) {
            throw corrupt("a dictionary-encoded page without ids");
        }
        byte[] bytes = bytesOf(data);
        int from = data.hasArray() ? data.arrayOffset() + data.position() : 0;
        try {
            RleHybridDecoder.decode(bytes, from + 1, from + data.remaining(), bytes[from] & 0xFF, ids, defined);
        }
        catch (IOException ex) {
            throw corrupt("dictionary ids: " + ex.getMessage());
        }
        int last = this.dictionaryEntries - 1;
        int outside = 0;
        for (int i = 0; i < defined; i++) {
            outside |= ids[i] | (last - ids[i]);
        }
        if (outside < 0) {
            for (int i = 0; i < defined; i++) {
                if (ids[i] < 0 || ids[i] > last) {
                    throw corrupt("dictionary id " + Integer.toUnsignedString(ids[i]) + " outside a dictionary of "
                            + this.dictionaryEntries + " values");
                }
            }
        }
        return ids;
    }

    /**
     * The dictionary entry of every row of a page with nulls: the next id for a defined row, the empty last
     * entry for a null one. Computed without a branch, because nulls fall at random and a mispredicted branch
     * per row cost more than the rest of the page's decoding.
     */
    private int[] entryOfRow(int[] ids, int count) {
        int[] entries = this.entryOfRow;
        if (entries.length < count) {
            entries = new int[count];
            this.entryOfRow = entries;
        }
        int[] levels = this.definitions;
        int max = this.maxDefinition;
        int empty = this.dictionaryEntries;
        int next = 0;
        // After the last defined row, ids[next] is past the decoded ids but inside the array (see capacityFor);
        // it is multiplied by zero.
        for (int i = 0; i < count; i++) {
            int defined = (levels[i] == max) ? 1 : 0;
            entries[i] = ids[next] * defined + empty * (1 - defined);
            next += defined;
        }
        return entries;
    }

    /** Marks the null rows of a page, 64 levels at a time so that only the nulls themselves cost a step. */
    private void markNulls(int count, int row) {
        int[] levels = this.definitions;
        int max = this.maxDefinition;
        BitSet nulls = this.target.nulls;
        for (int start = 0; start < count; start += 64) {
            int n = Math.min(64, count - start);
            long word = 0;
            for (int k = 0; k < n; k++) {
                word |= (long) ((levels[start + k] == max) ? 0 : 1) << k;
            }
            while (word != 0) {
                nulls.set(row + start + Long.numberOfTrailingZeros(word));
                word &= word - 1;
            }
        }
    }

    /** Copies each row's dictionary entry into the target. */
    private void gather(int[] entries, int count, int row) {
        DecodedColumn from = this.dictionary;
        DecodedColumn to = this.target;
        switch (to.kind) {
            case BOOLEAN -> {
                for (int i = 0; i < count; i++) {
                    to.booleans[row + i] = from.booleans[entries[i]];
                }
            }
            case BYTE -> {
                for (int i = 0; i < count; i++) {
                    to.bytes[row + i] = from.bytes[entries[i]];
                }
            }
            case SHORT -> {
                for (int i = 0; i < count; i++) {
                    to.shorts[row + i] = from.shorts[entries[i]];
                }
            }
            case CHAR -> {
                for (int i = 0; i < count; i++) {
                    to.chars[row + i] = from.chars[entries[i]];
                }
            }
            case INT -> {
                for (int i = 0; i < count; i++) {
                    to.ints[row + i] = from.ints[entries[i]];
                }
            }
            case LONG -> {
                for (int i = 0; i < count; i++) {
                    to.longs[row + i] = from.longs[entries[i]];
                }
            }
            case FLOAT -> {
                for (int i = 0; i < count; i++) {
                    to.floats[row + i] = from.floats[entries[i]];
                }
            }
            case DOUBLE -> {
                for (int i = 0; i < count; i++) {
                    to.doubles[row + i] = from.doubles[entries[i]];
                }
            }
            case STRING, DECIMAL, BINARY -> {
                for (int i = 0; i < count; i++) {
                    to.objects[row + i] = from.objects[entries[i]];
                }
            }
            case UUID -> {
                for (int i = 0; i < count; i++) {
                    to.longs[row + i] = from.longs[entries[i]];
                    to.least[row + i] = from.least[entries[i]];
                }
            }
        }
    }

    /**
     * Decodes every dictionary entry once, into the target's array type: dictionary pages then copy values or,
     * for strings, share one instance per distinct value.
     */
    private DecodedColumn decodeDictionary(DictionaryPage page) throws IOException {
        Dictionary decoded = page.getEncoding().initDictionary(this.column, page);
        int entries = decoded.getMaxId() + 1;
        this.dictionaryEntries = entries;
        DecodedColumn values = new DecodedColumn(this.target.field, entries + 1);
        ValuesReader reader = new DictionaryEntries(decoded);
        ValueSetter setter = setter(values);
        for (int id = 0; id < entries; id++) {
            setter.set(reader, id);
        }
        return values;
    }

    /** Reads one value and stores it at an index of a column. */
    @FunctionalInterface
    private interface ValueSetter {

        void set(ValuesReader reader, int index);
    }

    private ValueSetter setter(DecodedColumn to) {
        PrimitiveTypeName physical = this.type.getPrimitiveTypeName();
        return switch (to.kind) {
            case BOOLEAN -> (r, i) -> to.booleans[i] = r.readBoolean();
            case BYTE -> (r, i) -> to.bytes[i] = (byte) r.readInteger();
            case SHORT -> (r, i) -> to.shorts[i] = (short) r.readInteger();
            case CHAR -> (r, i) -> to.chars[i] = (char) r.readInteger();
            case INT -> (this.fileScale == this.targetScale) ? (r, i) -> to.ints[i] = r.readInteger()
                    : (r, i) -> to.ints[i] = (int) rescale(readAsLong(r, physical));
            case LONG -> (this.fileScale == this.targetScale && physical != PrimitiveTypeName.INT96)
                    ? (r, i) -> to.longs[i] = readAsLong(r, physical)
                    : (r, i) -> to.longs[i] = rescale(readAsLong(r, physical));
            case FLOAT -> (r, i) -> to.floats[i] = r.readFloat();
            case DOUBLE -> (physical == PrimitiveTypeName.FLOAT) ? (r, i) -> to.doubles[i] = r.readFloat()
                    : (r, i) -> to.doubles[i] = r.readDouble();
            case STRING -> (r, i) -> to.objects[i] = r.readBytes().toStringUsingUTF8();
            case BINARY -> (r, i) -> to.objects[i] = r.readBytes().getBytes();
            case DECIMAL -> {
                int scale = ((ArrowType.Decimal) to.field.getType()).getScale();
                yield switch (physical) {
                    case INT32 -> (r, i) -> to.objects[i] = BigDecimal.valueOf(r.readInteger(), scale);
                    case INT64 -> (r, i) -> to.objects[i] = BigDecimal.valueOf(r.readLong(), scale);
                    default -> (r, i) -> to.objects[i] = new BigDecimal(new BigInteger(r.readBytes().getBytes()), scale);
                };
            }
            case UUID -> (r, i) -> {
                ByteBuffer bytes = r.readBytes().toByteBuffer();
                to.longs[i] = bytes.getLong(bytes.position());
                to.least[i] = bytes.getLong(bytes.position() + 8);
            };
        };
    }

    private long readAsLong(ValuesReader reader, PrimitiveTypeName physical) {
        return switch (physical) {
            case INT64 -> reader.readLong();
            case INT32 -> reader.readInteger();
            case INT96 -> TimeUnits.int96Nanos(reader.readBytes());
            default -> throw new IllegalStateException("no integer in " + physical);
        };
    }

    private long rescale(long value) {
        return TimeUnits.rescale(value, this.fileScale, this.targetScale);
    }

    private static long fileScale(PrimitiveType type) {
        if (type.getPrimitiveTypeName() == PrimitiveTypeName.INT96) {
            return TimeUnits.NANOS_PER_SECOND;
        }
        LogicalTypeAnnotation annotation = type.getLogicalTypeAnnotation();
        if (annotation instanceof TimestampLogicalTypeAnnotation timestamp) {
            return TimeUnits.perSecond(timestamp.getUnit());
        }
        if (annotation instanceof TimeLogicalTypeAnnotation time) {
            return TimeUnits.perSecond(time.getUnit());
        }
        return 1;
    }

    private static long targetScale(DecodedColumn target) {
        ArrowType type = target.field.getType();
        if (type instanceof ArrowType.Timestamp timestamp) {
            return TimeUnits.perSecond(timestamp.getUnit());
        }
        if (type instanceof ArrowType.Time time) {
            return TimeUnits.perSecond(time.getUnit());
        }
        return 1;
    }

    /** Presents the entries of a decoded dictionary, in id order, as a reader of values. */
    private static final class DictionaryEntries extends ValuesReader {

        private final Dictionary dictionary;

        private int next;

        DictionaryEntries(Dictionary dictionary) {
            this.dictionary = dictionary;
        }

        @Override
        public void skip() {
            this.next++;
        }

        @Override
        public boolean readBoolean() {
            return this.dictionary.decodeToBoolean(this.next++);
        }

        @Override
        public Binary readBytes() {
            return this.dictionary.decodeToBinary(this.next++);
        }

        @Override
        public float readFloat() {
            return this.dictionary.decodeToFloat(this.next++);
        }

        @Override
        public double readDouble() {
            return this.dictionary.decodeToDouble(this.next++);
        }

        @Override
        public int readInteger() {
            return this.dictionary.decodeToInt(this.next++);
        }

        @Override
        public long readLong() {
            return this.dictionary.decodeToLong(this.next++);
        }
    }
}
