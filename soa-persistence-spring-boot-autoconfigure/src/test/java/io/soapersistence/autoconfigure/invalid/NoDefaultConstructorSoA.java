package io.soapersistence.autoconfigure.invalid;

import io.soapersistence.ToArrow;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.Schema;

/** Implements ToArrow but cannot be instantiated empty. */
public final class NoDefaultConstructorSoA implements ToArrow<NoDefaultConstructorSoA> {

    /**
     * Creates an instance.
     *
     * @param size ignored
     */
    public NoDefaultConstructorSoA(int size) {
    }

    @Override
    public Schema arrowSchema() {
        throw new UnsupportedOperationException();
    }

    @Override
    public int size() {
        return 0;
    }

    @Override
    public VectorSchemaRoot toArrow(BufferAllocator allocator) {
        throw new UnsupportedOperationException();
    }

    @Override
    public NoDefaultConstructorSoA fromArrow(VectorSchemaRoot root) {
        throw new UnsupportedOperationException();
    }
}
