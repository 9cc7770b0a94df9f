package io.soapersistence.autoconfigure.metrics;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationConvention;

/**
 * Names and tags the observations of persistence operations. Declare a bean of this type to replace
 * {@link DefaultSoaPersistenceObservationConvention}.
 */
public interface SoaPersistenceObservationConvention extends ObservationConvention<SoaPersistenceObservationContext> {

    @Override
    default boolean supportsContext(Observation.Context context) {
        return context instanceof SoaPersistenceObservationContext;
    }
}
