package io.soapersistence.parquet;

import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;

/**
 * The one Arrow root allocator of the library. Each operation takes a child and closes it, so a leaked buffer
 * fails that operation loudly instead of growing off-heap memory.
 */
final class Allocators {

    private static final BufferAllocator ROOT = new RootAllocator(Long.MAX_VALUE);

    private Allocators() {
    }

    static BufferAllocator forOperation(String name) {
        return ROOT.newChildAllocator(name, 0, Long.MAX_VALUE);
    }
}
