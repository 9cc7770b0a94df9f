/**
 * The peer engines of {@link io.soapersistence.benchmarks.PeerComparison}: parquet-avro, Carpet, DuckDB and Arrow C++,
 * each used the way its documentation shows, writing from and reading into {@link
 * io.soapersistence.benchmarks.OrderArrays}.
 */
package io.soapersistence.benchmarks.peers;
