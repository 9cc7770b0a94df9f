package io.soapersistence.parquet;

import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.column.Encoding;
import org.apache.parquet.column.ParquetProperties;
import org.apache.parquet.column.values.RequiresFallback;
import org.apache.parquet.column.values.ValuesWriter;
import org.apache.parquet.column.values.dictionary.DictionaryValuesWriter.PlainBinaryDictionaryValuesWriter;
import org.apache.parquet.column.values.factory.DefaultValuesWriterFactory;
import org.apache.parquet.column.values.factory.ValuesWriterFactory;
import org.apache.parquet.column.values.fallback.FallbackValuesWriter;

/**
 * parquet-column's default values writers, with each dictionary writer's fallback wrapper replaced by a
 * {@link DictionaryWithFallbackWriter} and the binary dictionary writer by an
 * {@link IdentityCachedBinaryDictionaryWriter}: the same bytes for less work per value.
 * <p>
 * One instance per {@link ParquetProperties}: building properties initializes the factory they hold, and
 * parquet-java's own default is a single static instance that every build re-initializes.
 */
final class DictionaryValuesWriterFactory implements ValuesWriterFactory {

    private final DefaultValuesWriterFactory defaults = new DefaultValuesWriterFactory();

    private ParquetProperties properties;

    @Override
    public void initialize(ParquetProperties properties) {
        this.properties = properties;
        this.defaults.initialize(properties);
    }

    @Override
    public ValuesWriter newValuesWriter(ColumnDescriptor descriptor) {
        ValuesWriter writer = this.defaults.newValuesWriter(descriptor);
        if (writer instanceof FallbackValuesWriter<?, ?> fallback) {
            return wrap(fallback);
        }
        return writer;
    }

    private <I extends ValuesWriter & RequiresFallback> ValuesWriter wrap(FallbackValuesWriter<I, ?> fallback) {
        int maxDictionaryBytes = this.properties.getDictionaryPageSizeThreshold();
        if (fallback.initialWriter.getClass() == PlainBinaryDictionaryValuesWriter.class) {
            // Version 1 pages label data and dictionary pages PLAIN_DICTIONARY; other versions keep parquet's.
            Encoding encoding = fallback.initialWriter.getEncoding();
            if (encoding == Encoding.PLAIN_DICTIONARY) {
                fallback.initialWriter.close();
                return new DictionaryWithFallbackWriter<>(new IdentityCachedBinaryDictionaryWriter(maxDictionaryBytes,
                        encoding, encoding, this.properties.getAllocator()), fallback.fallBackWriter,
                        maxDictionaryBytes);
            }
        }
        return new DictionaryWithFallbackWriter<>(fallback.initialWriter, fallback.fallBackWriter,
                maxDictionaryBytes);
    }
}
