/**
 * Auto-configuration for soa-persistence: {@link io.soapersistence.autoconfigure.SoaPersistenceProperties}
 * under {@code soa.persistence}, discovery of SoA types (by scanning, through
 * {@link io.soapersistence.autoconfigure.EnableSoaPersistence}, or by name in configuration), and one
 * {@link io.soapersistence.parquet.ParquetPersistence} bean per type, all running on the
 * {@code soaPersistenceExecutor}.
 */
package io.soapersistence.autoconfigure;
