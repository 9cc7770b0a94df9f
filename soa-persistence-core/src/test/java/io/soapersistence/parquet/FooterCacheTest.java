package io.soapersistence.parquet;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;

import io.soapersistence.fixtures.OrderSoA;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/** The footer cache never files what one version of a file says under another version's identity. */
class FooterCacheTest {

    @TempDir
    Path dir;

    @Test
    void aFooterReadBeforeAWriterPublishedIsNotRememberedForTheNewFile() throws IOException {
        ParquetPersistence<OrderSoA> persistence = new ParquetPersistence<>(OrderSoA.class, this.dir);
        persistence.save(CrashState.batch(1, 10)).join();
        Path file = persistence.file();
        BasicFileAttributes before = Files.readAttributes(file, BasicFileAttributes.class);
        DatasetInfo old = DatasetInfo.absent(file);

        // A reader stats and opens the old version; a writer publishes before the reader files the footer.
        persistence.save(CrashState.batch(1, 20)).join();
        FooterCache.rememberIfUnchanged(file, old, before);

        BasicFileAttributes now = Files.readAttributes(file, BasicFileAttributes.class);
        assertThat(FooterCache.lookup(file, now)).as("what the writer remembered").isNotSameAs(old);
        assertThat(persistence.count().join()).isEqualTo(20);

        FooterCache.rememberIfUnchanged(file, old, now);
        assertThat(FooterCache.lookup(file, now)).as("a footer read from the version the stat describes")
            .isSameAs(old);
    }
}
