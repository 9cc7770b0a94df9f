package io.soapersistence.autoconfigure.invalid;

/** A class that does not implement ToArrow. */
public class NotAnSoA {
}
