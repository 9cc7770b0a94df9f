package io.soapersistence.autoconfigure.metrics;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import io.soapersistence.autoconfigure.DatasetPersistenceListener;
import io.soapersistence.parquet.Operation;
import io.soapersistence.parquet.ParquetPersistence;
import io.soapersistence.parquet.PersistenceListener;

/**
 * Observes every operation as {@code soa.persistence.operation}. The observation starts on the caller's thread,
 * so it becomes a child of the caller's current observation (and span), and stops on the executor thread when
 * the operation ends, with the failure as its error.
 */
public class SoaPersistenceObservationListener implements DatasetPersistenceListener {

    private static final SoaPersistenceObservationConvention DEFAULT_CONVENTION =
            new DefaultSoaPersistenceObservationConvention();

    private final ObservationRegistry registry;

    private final SoaPersistenceObservationConvention convention;

    /**
     * Creates a listener.
     *
     * @param registry where observations are reported
     * @param convention a custom convention, or {@code null} for the default
     */
    public SoaPersistenceObservationListener(ObservationRegistry registry,
            SoaPersistenceObservationConvention convention) {
        this.registry = registry;
        this.convention = convention;
    }

    @Override
    public PersistenceListener.Completion started(String dataset, ParquetPersistence<?> persistence,
            Operation operation) {
        if (operation == Operation.INFO) {
            // Health checks and the endpoint read footers on every request: timing them would drown the
            // application's own operations in probe traffic.
            return (outcome) -> { };
        }
        SoaPersistenceObservationContext context = new SoaPersistenceObservationContext(dataset, operation);
        Observation observation = Observation
            .createNotStarted(this.convention, DEFAULT_CONVENTION, () -> context, this.registry)
            .start();
        return (outcome) -> {
            context.setOutcome(outcome);
            if (outcome.failure() != null) {
                observation.error(outcome.failure());
            }
            observation.stop();
        };
    }
}
