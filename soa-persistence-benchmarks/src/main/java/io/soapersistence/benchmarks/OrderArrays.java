package io.soapersistence.benchmarks;

import java.util.Arrays;
import java.util.Objects;

/**
 * The orders dataset as plain arrays, the form every peer engine writes from and reads into. A mutable holder
 * for benchmark code: readers ensure capacity, fill the arrays from {@link #size} on, then advance {@code size}.
 * A null discount has {@code discountPresent[i] == false} (its {@code discount[i]} is 0); a null coupon code is a
 * {@code null} element.
 */
public final class OrderArrays {

    /** The number of rows; the arrays may be longer. */
    public int size;

    /** order_id. */
    public long[] orderId;

    /** customer_id. */
    public long[] customerId;

    /** total_amount. */
    public double[] totalAmount;

    /** quantity. */
    public int[] quantity;

    /** created_at as microseconds since the epoch, UTC. */
    public long[] createdAtMicros;

    /** status. */
    public OrderStatus[] status;

    /** discount, where present. */
    public double[] discount;

    /** Whether discount is not null. */
    public boolean[] discountPresent;

    /** coupon_code, null where absent. */
    public String[] couponCode;

    /**
     * Creates empty arrays with room for {@code capacity} rows.
     *
     * @param capacity rows to allocate
     */
    public OrderArrays(int capacity) {
        this.orderId = new long[capacity];
        this.customerId = new long[capacity];
        this.totalAmount = new double[capacity];
        this.quantity = new int[capacity];
        this.createdAtMicros = new long[capacity];
        this.status = new OrderStatus[capacity];
        this.discount = new double[capacity];
        this.discountPresent = new boolean[capacity];
        this.couponCode = new String[capacity];
    }

    /**
     * Grows every array, by at least half, so that {@code rows} rows fit.
     *
     * @param rows the number of rows that must fit
     */
    public void ensureCapacity(int rows) {
        if (rows <= this.orderId.length) {
            return;
        }
        int capacity = Math.max(rows, this.orderId.length + (this.orderId.length >> 1));
        this.orderId = Arrays.copyOf(this.orderId, capacity);
        this.customerId = Arrays.copyOf(this.customerId, capacity);
        this.totalAmount = Arrays.copyOf(this.totalAmount, capacity);
        this.quantity = Arrays.copyOf(this.quantity, capacity);
        this.createdAtMicros = Arrays.copyOf(this.createdAtMicros, capacity);
        this.status = Arrays.copyOf(this.status, capacity);
        this.discount = Arrays.copyOf(this.discount, capacity);
        this.discountPresent = Arrays.copyOf(this.discountPresent, capacity);
        this.couponCode = Arrays.copyOf(this.couponCode, capacity);
    }

    /**
     * Appends one row, growing the arrays when full; for row-at-a-time readers.
     *
     * @param orderIdValue order_id
     * @param customerIdValue customer_id
     * @param totalAmountValue total_amount
     * @param quantityValue quantity
     * @param createdAtMicrosValue created_at in microseconds
     * @param statusValue status
     * @param discountValue discount, or {@code null}
     * @param couponCodeValue coupon_code, or {@code null}
     */
    public void add(long orderIdValue, long customerIdValue, double totalAmountValue, int quantityValue,
            long createdAtMicrosValue, OrderStatus statusValue, Double discountValue, String couponCodeValue) {
        int i = this.size;
        if (i == this.orderId.length) {
            ensureCapacity(i + 1);
        }
        this.orderId[i] = orderIdValue;
        this.customerId[i] = customerIdValue;
        this.totalAmount[i] = totalAmountValue;
        this.quantity[i] = quantityValue;
        this.createdAtMicros[i] = createdAtMicrosValue;
        this.status[i] = statusValue;
        if (discountValue != null) {
            this.discount[i] = discountValue;
            this.discountPresent[i] = true;
        }
        this.couponCode[i] = couponCodeValue;
        this.size = i + 1;
    }

    /**
     * The discount of a row, boxed.
     *
     * @param row the row
     * @return the discount, or {@code null}
     */
    public Double discountOrNull(int row) {
        return this.discountPresent[row] ? this.discount[row] : null;
    }

    /**
     * The sum of total_amount in row order: identical values give an identical sum.
     *
     * @return the sum
     */
    public double totalAmountSum() {
        double sum = 0;
        for (int i = 0; i < this.size; i++) {
            sum += this.totalAmount[i];
        }
        return sum;
    }

    /**
     * Compares every value of every row.
     *
     * @param other the arrays to compare with
     * @return {@code null} when equal, else a description of the first difference
     */
    public String firstDifference(OrderArrays other) {
        if (this.size != other.size) {
            return "size " + this.size + " != " + other.size;
        }
        for (int i = 0; i < this.size; i++) {
            String column = null;
            if (this.orderId[i] != other.orderId[i]) {
                column = "order_id " + this.orderId[i] + " != " + other.orderId[i];
            }
            else if (this.customerId[i] != other.customerId[i]) {
                column = "customer_id " + this.customerId[i] + " != " + other.customerId[i];
            }
            else if (Double.compare(this.totalAmount[i], other.totalAmount[i]) != 0) {
                column = "total_amount " + this.totalAmount[i] + " != " + other.totalAmount[i];
            }
            else if (this.quantity[i] != other.quantity[i]) {
                column = "quantity " + this.quantity[i] + " != " + other.quantity[i];
            }
            else if (this.createdAtMicros[i] != other.createdAtMicros[i]) {
                column = "created_at " + this.createdAtMicros[i] + " != " + other.createdAtMicros[i];
            }
            else if (this.status[i] != other.status[i]) {
                column = "status " + this.status[i] + " != " + other.status[i];
            }
            else if (!Objects.equals(discountOrNull(i), other.discountOrNull(i))) {
                column = "discount " + discountOrNull(i) + " != " + other.discountOrNull(i);
            }
            else if (!Objects.equals(this.couponCode[i], other.couponCode[i])) {
                column = "coupon_code " + this.couponCode[i] + " != " + other.couponCode[i];
            }
            if (column != null) {
                return "row " + i + ": " + column;
            }
        }
        return null;
    }
}
