package io.soapersistence.parquet;

import org.apache.parquet.bytes.BytesInput;
import org.apache.parquet.column.Encoding;
import org.apache.parquet.column.page.DictionaryPage;
import org.apache.parquet.column.values.RequiresFallback;
import org.apache.parquet.column.values.ValuesWriter;
import org.apache.parquet.io.api.Binary;

/**
 * parquet-column's {@code FallbackValuesWriter}, writing exactly what it writes, without asking the dictionary
 * after every value whether it has grown too big. A dictionary grows by at most the plain size of the values
 * written into it, so it cannot pass its limit before that many bytes of values have been written since it was
 * last reset; only from then on is it asked after every value. The question took a tenth of the time spent
 * encoding a 20,000-row append (two calls through interfaces per value), and such a dictionary is never asked.
 *
 * @param <I> the dictionary writer
 */
final class DictionaryWithFallbackWriter<I extends ValuesWriter & RequiresFallback> extends ValuesWriter {

    private final I initialWriter;

    private final ValuesWriter fallBackWriter;

    private final long maxDictionaryByteSize;

    private ValuesWriter currentWriter;

    private boolean fellBackAlready;

    private boolean initialUsedAndHadDictionary;

    /** Plain size of the values of the current page: what page sizes and the first page's check compare. */
    private long rawDataByteSize;

    /** Plain size of the values written since the dictionary was last reset: a bound on the dictionary's size. */
    private long bytesSinceDictionaryReset;

    private boolean firstPage = true;

    DictionaryWithFallbackWriter(I initialWriter, ValuesWriter fallBackWriter, long maxDictionaryByteSize) {
        this.initialWriter = initialWriter;
        this.fallBackWriter = fallBackWriter;
        this.maxDictionaryByteSize = maxDictionaryByteSize;
        this.currentWriter = initialWriter;
    }

    @Override
    public long getBufferedSize() {
        return this.rawDataByteSize;
    }

    @Override
    public BytesInput getBytes() {
        if (!this.fellBackAlready && this.firstPage) {
            // The first page decides whether the dictionary pays off at all.
            BytesInput bytes = this.initialWriter.getBytes();
            if (!this.initialWriter.isCompressionSatisfying(this.rawDataByteSize, bytes.size())) {
                fallBack();
            }
            else {
                return bytes;
            }
        }
        return this.currentWriter.getBytes();
    }

    @Override
    public Encoding getEncoding() {
        Encoding encoding = this.currentWriter.getEncoding();
        if (!this.fellBackAlready && !this.initialUsedAndHadDictionary) {
            this.initialUsedAndHadDictionary = encoding.usesDictionary();
        }
        return encoding;
    }

    @Override
    public void reset() {
        this.rawDataByteSize = 0;
        this.firstPage = false;
        this.currentWriter.reset();
        if (this.currentWriter != this.initialWriter) {
            this.initialWriter.reset();
        }
    }

    @Override
    public void close() {
        this.initialWriter.close();
        this.fallBackWriter.close();
    }

    @Override
    public DictionaryPage toDictPageAndClose() {
        return this.initialUsedAndHadDictionary ? this.initialWriter.toDictPageAndClose()
                : this.currentWriter.toDictPageAndClose();
    }

    @Override
    public void resetDictionary() {
        this.currentWriter.resetDictionary();
        if (this.currentWriter != this.initialWriter) {
            this.initialWriter.resetDictionary();
        }
        this.currentWriter = this.initialWriter;
        this.fellBackAlready = false;
        this.initialUsedAndHadDictionary = false;
        this.firstPage = true;
        this.bytesSinceDictionaryReset = 0;
    }

    @Override
    public long getAllocatedSize() {
        return this.currentWriter.getAllocatedSize();
    }

    @Override
    public String memUsageString(String prefix) {
        return prefix + " DictionaryWithFallbackWriter{\n" + this.initialWriter.memUsageString(prefix + " initial:")
                + "\n" + this.fallBackWriter.memUsageString(prefix + " fallback:") + "\n" + prefix + "}\n";
    }

    private void wrote(long plainBytes) {
        this.rawDataByteSize += plainBytes;
        this.bytesSinceDictionaryReset += plainBytes;
        if (this.bytesSinceDictionaryReset > this.maxDictionaryByteSize && !this.fellBackAlready
                && this.initialWriter.shouldFallBack()) {
            fallBack();
        }
    }

    private void fallBack() {
        this.fellBackAlready = true;
        this.initialWriter.fallBackAllValuesTo(this.fallBackWriter);
        this.currentWriter = this.fallBackWriter;
    }

    @Override
    public void writeByte(int value) {
        this.currentWriter.writeByte(value);
        wrote(1);
    }

    @Override
    public void writeBytes(Binary v) {
        // Plain encoding stores a four-byte length before the bytes.
        this.currentWriter.writeBytes(v);
        wrote(v.length() + 4L);
    }

    @Override
    public void writeInteger(int v) {
        this.currentWriter.writeInteger(v);
        wrote(4);
    }

    @Override
    public void writeLong(long v) {
        this.currentWriter.writeLong(v);
        wrote(8);
    }

    @Override
    public void writeFloat(float v) {
        this.currentWriter.writeFloat(v);
        wrote(4);
    }

    @Override
    public void writeDouble(double v) {
        this.currentWriter.writeDouble(v);
        wrote(8);
    }
}
