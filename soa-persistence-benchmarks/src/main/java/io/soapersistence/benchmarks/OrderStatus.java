package io.soapersistence.benchmarks;

/** The five states of an order; stored as their names. */
public enum OrderStatus {
    PENDING, CONFIRMED, SHIPPED, DELIVERED, CANCELLED;

    private static final OrderStatus[] VALUES = values();

    /**
     * The status of an ordinal, without the copy that {@link #values()} makes.
     *
     * @param ordinal from 0 to 4
     * @return the status
     */
    public static OrderStatus ofOrdinal(int ordinal) {
        return VALUES[ordinal];
    }
}
