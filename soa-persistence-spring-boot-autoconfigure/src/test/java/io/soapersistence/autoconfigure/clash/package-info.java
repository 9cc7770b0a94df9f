/**
 * A second {@code Order}, whose {@code OrderSoA} gets the same dataset name as the fixtures' one.
 */
package io.soapersistence.autoconfigure.clash;
