/**
 * Benchmarks of soa-persistence through its public API: a deterministic orders dataset ({@link
 * io.soapersistence.benchmarks.OrderDataset}), JMH benchmarks of save, load, append, count and query, and {@link
 * io.soapersistence.benchmarks.PeerComparison}, which measures the same dataset against other Parquet engines in
 * one JVM.
 */
package io.soapersistence.benchmarks;
