package io.soapersistence.parquet;

import java.nio.file.Path;

import io.soapersistence.fixtures.OrderSoA;
import io.soapersistence.fixtures.RandomRows;

/**
 * A second process that saves a large dataset over the one in {@code args[0]} and prints how that ended:
 * {@code saved}, or {@code failed <exception class> <message>}. Run under a small file size limit.
 */
public final class OversizedSaver {

    private OversizedSaver() {
    }

    public static void main(String[] args) {
        Path directory = Path.of(args[0]);
        int rows = Integer.parseInt(args[1]);
        RandomRows random = new RandomRows(rows);
        OrderSoA data = new OrderSoA();
        for (int i = 1; i <= rows; i++) {
            data.add(random.order(i));
        }
        try {
            // Uncompressed: snappy-java and zstd-jni extract their native library to a temporary file, which the
            // file size limit would already stop (an UnsatisfiedLinkError) before the data file grows.
            new ParquetPersistence<>(OrderSoA.class, directory).withCompression(Compression.uncompressed())
                .save(data)
                .join();
            System.out.println("saved");
        }
        catch (RuntimeException ex) {
            Throwable cause = (ex.getCause() != null) ? ex.getCause() : ex;
            System.out.println("failed " + cause.getClass().getName() + " " + cause.getMessage());
        }
        System.out.flush();
    }
}
