package io.soapersistence.processor;

import java.util.List;

/**
 * One validated record component and everything the generated code needs to know about it.
 *
 * @param name the component name, also the name of its accessors
 * @param columnName the Arrow and Parquet column name
 * @param constantName the name of its constant in the generated {@code Columns} class
 * @param kind how the value is stored and converted
 * @param nullable whether the component may be null (every non-primitive type)
 * @param enumType the enum's canonical name for {@link ValueKind#ENUM}, otherwise {@code null}
 * @param precision the declared decimal precision for {@link ValueKind#BIG_DECIMAL}, otherwise 0
 * @param scale the declared decimal scale for {@link ValueKind#BIG_DECIMAL}, otherwise 0
 */
record ComponentModel(String name, String columnName, String constantName, ValueKind kind, boolean nullable,
        String enumType, int precision, int scale) {

    /** The component's type as written in the generated source. */
    String javaType() {
        if (this.kind == ValueKind.ENUM) {
            return this.enumType;
        }
        return (!this.nullable && this.kind.primitiveType() != null) ? this.kind.primitiveType()
                : this.kind.referenceType();
    }

    /** The element type of the storage array. */
    String storageType() {
        return (this.kind == ValueKind.ENUM) ? this.enumType : this.kind.storageType();
    }

    /** Whether nulls are kept in a bit set beside a primitive array. */
    boolean hasNullMask() {
        return this.nullable && this.kind.primitiveStorage();
    }

    String valuesField() {
        return this.name + "Values";
    }

    String mostField() {
        return this.name + "Most";
    }

    String leastField() {
        return this.name + "Least";
    }

    String nullsField() {
        return this.name + "Nulls";
    }

    /** The {@code Columns} constant, as referenced in the generated code. */
    String columnConstant() {
        return "Columns." + this.constantName;
    }

    /** The storage arrays, named by field; only UUIDs need two. */
    List<String> arrayFields() {
        return (this.kind == ValueKind.UUID) ? List.of(mostField(), leastField()) : List.of(valuesField());
    }

    /** An array creation expression of {@code length} elements of {@code elementType}, which may be an array. */
    static String newArray(String elementType, String length) {
        if (elementType.endsWith("[]")) {
            String base = elementType.substring(0, elementType.length() - 2);
            return "new " + base + "[" + length + "][]";
        }
        return "new " + elementType + "[" + length + "]";
    }
}
