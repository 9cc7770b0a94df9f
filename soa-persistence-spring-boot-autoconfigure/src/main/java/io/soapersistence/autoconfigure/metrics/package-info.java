/**
 * Micrometer instrumentation of the auto-configured datasets: {@code soa.persistence.*} gauges and counters
 * (when a {@code MeterRegistry} bean exists) and one {@code soa.persistence.operation} observation per call
 * (when an {@code ObservationRegistry} bean exists).
 */
package io.soapersistence.autoconfigure.metrics;
