package io.soapersistence.autoconfigure.metrics;

import io.micrometer.observation.Observation;
import io.soapersistence.parquet.Operation;
import io.soapersistence.parquet.OperationOutcome;

/**
 * What an observation of one persistence operation knows: the dataset, the operation and, once it ended, its
 * outcome.
 */
public class SoaPersistenceObservationContext extends Observation.Context {

    private final String dataset;

    private final Operation operation;

    private OperationOutcome outcome;

    /**
     * Creates a context.
     *
     * @param dataset the dataset name
     * @param operation the operation
     */
    public SoaPersistenceObservationContext(String dataset, Operation operation) {
        this.dataset = dataset;
        this.operation = operation;
    }

    /**
     * The dataset name.
     *
     * @return the name
     */
    public String getDataset() {
        return this.dataset;
    }

    /**
     * The operation.
     *
     * @return the operation
     */
    public Operation getOperation() {
        return this.operation;
    }

    /**
     * How the operation ended.
     *
     * @return the outcome, or {@code null} while it runs
     */
    public OperationOutcome getOutcome() {
        return this.outcome;
    }

    /**
     * Records how the operation ended.
     *
     * @param outcome the outcome
     */
    public void setOutcome(OperationOutcome outcome) {
        this.outcome = outcome;
    }
}
