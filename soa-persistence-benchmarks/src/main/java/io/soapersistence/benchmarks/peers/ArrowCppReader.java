package io.soapersistence.benchmarks.peers;

import java.nio.file.Path;

import io.soapersistence.benchmarks.OrderArrays;
import org.apache.arrow.dataset.file.FileFormat;
import org.apache.arrow.dataset.file.FileSystemDatasetFactory;
import org.apache.arrow.dataset.jni.NativeMemoryPool;
import org.apache.arrow.dataset.scanner.ScanOptions;
import org.apache.arrow.dataset.scanner.Scanner;
import org.apache.arrow.dataset.source.Dataset;
import org.apache.arrow.dataset.source.DatasetFactory;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.ipc.ArrowReader;

/**
 * Arrow C++ (pyarrow's engine) through arrow-dataset's JNI: a file system dataset, a scanner, and its batches
 * copied into the arrays. Read-only: it reads soa-persistence's file. The JVM needs
 * {@code --add-opens=java.base/java.nio=ALL-UNNAMED}: the C data interface wraps native memory in direct buffers
 * through a private java.nio constructor.
 */
public final class ArrowCppReader implements PeerEngine {

    /** Rows per scanned batch. */
    private static final long BATCH_ROWS = 128 * 1024;

    private final BufferAllocator allocator = new RootAllocator();

    @Override
    public String name() {
        return "Arrow C++ 18.3.0 (arrow-dataset JNI; reads our file)";
    }

    @Override
    public boolean writes() {
        return false;
    }

    @Override
    public void write(OrderArrays data, Path file) {
        throw new UnsupportedOperationException("arrow-dataset writes Parquet only from Arrow C++ streams");
    }

    @Override
    @SuppressWarnings("try") // arrow-dataset's close() methods declare Exception
    public OrderArrays read(Path file, int expectedRows) throws Exception {
        try (DatasetFactory factory = new FileSystemDatasetFactory(this.allocator, NativeMemoryPool.getDefault(),
                FileFormat.PARQUET, file.toAbsolutePath().toUri().toString());
                Dataset dataset = factory.finish();
                Scanner scanner = dataset.newScan(new ScanOptions(BATCH_ROWS));
                ArrowReader reader = scanner.scanBatches()) {
            return ArrowColumns.readAll(reader, expectedRows);
        }
    }

    @Override
    public void close() {
        this.allocator.close();
    }
}
