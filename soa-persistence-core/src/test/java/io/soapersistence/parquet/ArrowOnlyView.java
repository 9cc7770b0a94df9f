package io.soapersistence.parquet;

import io.soapersistence.ToArrow;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * A generated SoA type seen only through {@link ToArrow}: hiding its direct column access makes the engine take
 * the Arrow path that hand-written types take.
 *
 * @param <S> the generated type
 * @param <V> the view type itself
 */
abstract class ArrowOnlyView<S extends ToArrow<S>, V extends ArrowOnlyView<S, V>> implements ToArrow<V> {

    final S data;

    ArrowOnlyView(S data) {
        this.data = data;
    }

    /** A view of the same kind over {@code data}. */
    abstract V wrap(S data);

    @Override
    public int size() {
        return this.data.size();
    }

    @Override
    public Schema arrowSchema() {
        return this.data.arrowSchema();
    }

    @Override
    public VectorSchemaRoot toArrow(BufferAllocator allocator) {
        return this.data.toArrow(allocator);
    }

    @Override
    public V fromArrow(VectorSchemaRoot root) {
        return wrap(this.data.fromArrow(root));
    }
}
