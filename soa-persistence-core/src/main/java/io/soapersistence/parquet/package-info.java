/**
 * Apache Parquet persistence for SoA types: {@link io.soapersistence.parquet.ParquetPersistence} stores one
 * dataset in {@code {directory}/data.parquet} with atomic, crash-safe writes, column-at-a-time encoding and
 * footer-only counts; {@link io.soapersistence.parquet.Compression} selects the codec, and
 * {@link io.soapersistence.parquet.PersistenceListener} reports every operation for metrics and tracing.
 */
package io.soapersistence.parquet;
