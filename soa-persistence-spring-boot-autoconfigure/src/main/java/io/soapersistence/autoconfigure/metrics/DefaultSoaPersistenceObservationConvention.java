package io.soapersistence.autoconfigure.metrics;

import io.micrometer.common.KeyValues;

/**
 * The default convention: observations named {@code soa.persistence.operation} with the low-cardinality keys
 * {@code dataset}, {@code operation} ({@code save}, {@code append}, ...) and {@code outcome} ({@code success},
 * {@code failure}, or {@code unknown} while the operation runs).
 */
public class DefaultSoaPersistenceObservationConvention implements SoaPersistenceObservationConvention {

    /** The observation name, and so the name of the timer Micrometer derives from it. */
    public static final String NAME = "soa.persistence.operation";

    @Override
    public String getName() {
        return NAME;
    }

    @Override
    public String getContextualName(SoaPersistenceObservationContext context) {
        return "soa-persistence " + context.getOperation().key() + " " + context.getDataset();
    }

    @Override
    public KeyValues getLowCardinalityKeyValues(SoaPersistenceObservationContext context) {
        return KeyValues.of("dataset", context.getDataset(), "operation", context.getOperation().key(), "outcome",
                outcome(context));
    }

    private static String outcome(SoaPersistenceObservationContext context) {
        if (context.getOutcome() == null) {
            return "unknown";
        }
        return context.getOutcome().succeeded() ? "success" : "failure";
    }
}
