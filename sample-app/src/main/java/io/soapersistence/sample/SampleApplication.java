package io.soapersistence.sample;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * A web application that stores e-commerce orders as Parquet through the soa-persistence starter.
 * <p>
 * The starter registers one {@code ParquetPersistence<OrderSoA>} bean (configured in {@code application.yml}
 * as dataset {@code orders}), metrics, a health contributor and the {@code soapersistence} endpoint; this
 * application adds only the REST API in {@link OrderController}.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class SampleApplication {

    /**
     * Starts the application.
     *
     * @param args command line arguments, such as {@code --server.port=9090}
     */
    public static void main(String[] args) {
        SpringApplication.run(SampleApplication.class, args);
    }
}
