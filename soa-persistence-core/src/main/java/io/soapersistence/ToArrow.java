package io.soapersistence;

import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;

/**
 * A columnar dataset that converts to and from an Arrow {@link VectorSchemaRoot}.
 * <p>
 * Implementations need a public no-argument constructor, which persistence uses to obtain an empty instance
 * that knows the schema. {@link #fromArrow(VectorSchemaRoot)} must find columns by name, never by position,
 * carry nulls, and report problems as {@link ColumnNotFoundException}, {@link SchemaMismatchException} or
 * {@link TypeConversionException}.
 *
 * @param <T> the implementing type itself
 */
public interface ToArrow<T extends ToArrow<T>> extends ArrowSchemaGen {

    /**
     * The number of rows.
     *
     * @return the row count, zero or more
     */
    int size();

    /**
     * Copies this dataset into new Arrow vectors. The caller owns and closes the returned root.
     *
     * @param allocator where the vectors allocate their buffers
     * @return a root with {@link #arrowSchema()} and {@link #size()} rows
     */
    VectorSchemaRoot toArrow(BufferAllocator allocator);

    /**
     * Builds a new dataset of this type from Arrow vectors, matching columns by name. Columns of the root that
     * this type does not know are ignored. The root stays owned by the caller.
     *
     * @param root the vectors to copy from
     * @return a new instance holding {@code root.getRowCount()} rows
     * @throws ColumnNotFoundException if a column of this type is missing from the root
     * @throws SchemaMismatchException if a column has another Arrow type than expected
     * @throws TypeConversionException if a value cannot be represented, such as an unknown enum constant
     */
    T fromArrow(VectorSchemaRoot root);
}
