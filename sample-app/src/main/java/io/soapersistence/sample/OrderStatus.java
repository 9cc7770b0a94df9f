package io.soapersistence.sample;

/** The life cycle of an order. Stored in Parquet as its name (a dictionary-encoded string column). */
public enum OrderStatus {
    PENDING, CONFIRMED, SHIPPED, DELIVERED, CANCELLED
}
