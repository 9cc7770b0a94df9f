package io.soapersistence.autoconfigure.clash;

import io.soapersistence.SoA;

/** Another order type, for the dataset-name clash test. */
@SoA
public record Order(long id) {
}
