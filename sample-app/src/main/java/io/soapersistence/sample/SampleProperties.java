package io.soapersistence.sample;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Settings of the sample application, under {@code sample.*}.
 *
 * @param maxRequestSize the largest request body accepted; larger bodies get 413 Content Too Large
 */
@ConfigurationProperties("sample")
public record SampleProperties(@DefaultValue("10MB") DataSize maxRequestSize) {

    /**
     * Checks the settings.
     *
     * @param maxRequestSize the largest request body accepted, positive
     */
    public SampleProperties {
        if (maxRequestSize.toBytes() <= 0) {
            throw new IllegalArgumentException("sample.max-request-size must be positive, but was " + maxRequestSize);
        }
    }
}
