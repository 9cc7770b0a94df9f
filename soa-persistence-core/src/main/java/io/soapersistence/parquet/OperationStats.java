package io.soapersistence.parquet;

/** What a running operation learned about its effect, filled in by the operation as it goes. */
final class OperationStats {

    long rowsWritten;

    long bytesWritten;

    DatasetInfo dataset;
}
