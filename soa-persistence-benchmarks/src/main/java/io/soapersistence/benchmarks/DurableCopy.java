package io.soapersistence.benchmarks;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * Puts a saved file back before an append is timed. The copy is forced to disk, as the saved file it stands
 * for was by its save: otherwise the timed append's fsync would also meet tens of megabytes of the copy's
 * dirty pages, a cost no real append onto a saved file pays.
 */
final class DurableCopy {

    private DurableCopy() {
    }

    static void replace(Path source, Path target) throws IOException {
        Files.copy(source, target, StandardCopyOption.REPLACE_EXISTING);
        try (FileChannel channel = FileChannel.open(target, StandardOpenOption.WRITE)) {
            channel.force(true);
        }
    }
}
