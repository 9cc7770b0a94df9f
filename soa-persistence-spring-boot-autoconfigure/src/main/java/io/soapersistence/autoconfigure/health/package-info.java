/**
 * Health of the auto-configured datasets: the {@code soa-persistence} contributor, with one component per
 * dataset, enabled by {@code management.health.soa-persistence.enabled}.
 */
package io.soapersistence.autoconfigure.health;
