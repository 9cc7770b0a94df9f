package io.soapersistence.parquet;

import java.nio.file.Path;

import io.soapersistence.fixtures.OrderSoA;
import io.soapersistence.fixtures.RandomRows;

/**
 * A second process that saves a large dataset over the one in {@code args[0]} and prints how that ended:
 * {@code saved}, or {@code failed <exception class> <message>}. Run under a small file size limit;
 * {@code args[2]} {@code snappy} compresses, anything else writes uncompressed.
 */
public final class OversizedSaver {

    private OversizedSaver() {
    }

    public static void main(String[] args) {
        Path directory = Path.of(args[0]);
        int rows = Integer.parseInt(args[1]);
        Compression compression = (args.length > 2 && args[2].equals("snappy")) ? Compression.snappy()
                : Compression.uncompressed();
        RandomRows random = new RandomRows(rows);
        OrderSoA data = new OrderSoA();
        for (int i = 1; i <= rows; i++) {
            data.add(random.order(i));
        }
        try {
            // Uncompressed unless asked: snappy-java and zstd-jni extract their native library to a temporary
            // file, which the file size limit already stops before the data file grows.
            new ParquetPersistence<>(OrderSoA.class, directory).withCompression(compression)
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
