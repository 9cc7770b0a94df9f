package io.soapersistence.parquet;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.ArrayList;
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
import org.apache.parquet.column.values.rle.RunLengthBitPackingHybridDecoder;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.LogicalTypeAnnotation.TimeLogicalTypeAnnotation;
import org.apache.parquet.schema.LogicalTypeAnnotation.TimestampLogicalTypeAnnotation;
import org.apache.parquet.schema.PrimitiveType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;

/**
 * Decodes the pages of one column chunk straight into a {@link DecodedColumn}'s array, page by page: PLAIN
 * pages of fixed-width values without nulls are one bulk little-endian copy, a dictionary is decoded once
 * into the target array type so that dictionary pages only copy references, and every other encoding goes
 * through parquet-java's own value readers.
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

    private DecodedColumn dictionary;

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
     * Decodes the pages a filtered row group kept, each at its first row index within the row group's
     * {@code rows}; rows of skipped pages stay unset.
     *
     * @return how many values were decoded
     */
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
        RunLengthBitPackingHybridDecoder levels = new RunLengthBitPackingHybridDecoder(
                BytesUtils.getWidthFromMaxInt(this.maxDefinition), page.getDefinitionLevels().toInputStream());
        int[] definitions = definitionBuffer(count);
        int defined = 0;
        for (int i = 0; i < count; i++) {
            definitions[i] = levels.readInt();
            if (definitions[i] == this.maxDefinition) {
                defined++;
            }
        }
        return defined;
    }

    private int[] definitionBuffer(int count) {
        if (this.definitions.length < count) {
            this.definitions = new int[count];
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
            ValuesReader ids = encoding.getDictionaryBasedValuesReader(this.column, ValuesType.VALUES, null);
            ids.initFromPage(count, in);
            for (int i = 0; i < count; i++) {
                if (allDefined || this.definitions[i] == this.maxDefinition) {
                    copyFromDictionary(ids.readValueDictionaryId(), row + i);
                }
                else {
                    this.target.nulls.set(row + i);
                }
            }
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

    private void copyFromDictionary(int id, int row) {
        DecodedColumn values = this.dictionary;
        if (id < 0 || id >= values.size) {
            throw corrupt("dictionary id " + id + " outside a dictionary of " + values.size + " values");
        }
        DecodedColumn target = this.target;
        switch (target.kind) {
            case BOOLEAN -> target.booleans[row] = values.booleans[id];
            case BYTE -> target.bytes[row] = values.bytes[id];
            case SHORT -> target.shorts[row] = values.shorts[id];
            case CHAR -> target.chars[row] = values.chars[id];
            case INT -> target.ints[row] = values.ints[id];
            case LONG -> target.longs[row] = values.longs[id];
            case FLOAT -> target.floats[row] = values.floats[id];
            case DOUBLE -> target.doubles[row] = values.doubles[id];
            case STRING, DECIMAL, BINARY -> target.objects[row] = values.objects[id];
            case UUID -> {
                target.longs[row] = values.longs[id];
                target.least[row] = values.least[id];
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
        DecodedColumn values = new DecodedColumn(this.target.field, entries);
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
