package io.soapersistence;

import java.util.List;

import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * A type that describes its columns as an Arrow {@link Schema}.
 * <p>
 * Generated SoA types implement it; so can a hand-written class. Field names are the column names in Parquet,
 * and a field's nullability decides whether the Parquet column is {@code OPTIONAL} or {@code REQUIRED}.
 */
public interface ArrowSchemaGen {

    /**
     * The Arrow schema of this type's columns.
     *
     * @return the schema, the same on every call
     */
    Schema arrowSchema();

    /**
     * The column names, in schema order.
     *
     * @return an unmodifiable list of names
     */
    default List<String> arrowFieldNames() {
        return arrowSchema().getFields().stream().map(Field::getName).toList();
    }

    /**
     * The column types, in schema order.
     *
     * @return an unmodifiable list of Arrow types
     */
    default List<ArrowType> arrowFieldTypes() {
        return arrowSchema().getFields().stream().map(Field::getType).toList();
    }
}
