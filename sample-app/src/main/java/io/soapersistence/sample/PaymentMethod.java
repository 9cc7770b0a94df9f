package io.soapersistence.sample;

/** How an order is paid. Stored in Parquet as its name. */
public enum PaymentMethod {
    CARD, PAYPAL, BANK_TRANSFER, CASH_ON_DELIVERY
}
