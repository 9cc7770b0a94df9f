package io.soapersistence.processor;

/**
 * The Java types a component may have, each with how the generated class stores it and which Arrow vector
 * carries it. Type names are the simple names the generated file imports.
 */
enum ValueKind {

    BOOLEAN("boolean", "Boolean", "boolean", "BitVector", Aggregate.NONE),
    BYTE("byte", "Byte", "byte", "TinyIntVector", Aggregate.INTEGRAL),
    SHORT("short", "Short", "short", "SmallIntVector", Aggregate.INTEGRAL),
    CHAR("char", "Character", "char", "UInt2Vector", Aggregate.NONE),
    INT("int", "Integer", "int", "IntVector", Aggregate.INTEGRAL),
    LONG("long", "Long", "long", "BigIntVector", Aggregate.LONG),
    FLOAT("float", "Float", "float", "Float4Vector", Aggregate.FLOATING),
    DOUBLE("double", "Double", "double", "Float8Vector", Aggregate.FLOATING),
    STRING(null, "String", "String", "VarCharVector", Aggregate.NONE),
    /** The reference and storage type is the enum's canonical name, known per component only. */
    ENUM(null, null, null, "VarCharVector", Aggregate.NONE),
    /** Epoch microseconds. */
    INSTANT(null, "Instant", "long", "TimeStampMicroTZVector", Aggregate.NONE),
    /** Microseconds since 1970-01-01T00:00, no zone. */
    LOCAL_DATE_TIME(null, "LocalDateTime", "long", "TimeStampMicroVector", Aggregate.NONE),
    /** Microseconds of the day. */
    LOCAL_TIME(null, "LocalTime", "long", "TimeMicroVector", Aggregate.NONE),
    /** Epoch days. */
    LOCAL_DATE(null, "LocalDate", "int", "DateDayVector", Aggregate.NONE),
    /** Normalized to the declared scale. */
    BIG_DECIMAL(null, "BigDecimal", "BigDecimal", "DecimalVector", Aggregate.DECIMAL),
    /** Two arrays: the most and the least significant bits. */
    UUID(null, "UUID", "long", "FixedSizeBinaryVector", Aggregate.NONE),
    /** Defensive copies in and out, so stored arrays are never mutated and may be shared between instances. */
    BYTES(null, "byte[]", "byte[]", "VarBinaryVector", Aggregate.NONE);

    /** Which per-column aggregates a kind gets, and their result types. */
    enum Aggregate {
        NONE, INTEGRAL, LONG, FLOATING, DECIMAL
    }

    private final String primitiveType;

    private final String referenceType;

    private final String storageType;

    private final String vectorClass;

    private final Aggregate aggregate;

    ValueKind(String primitiveType, String referenceType, String storageType, String vectorClass,
            Aggregate aggregate) {
        this.primitiveType = primitiveType;
        this.referenceType = referenceType;
        this.storageType = storageType;
        this.vectorClass = vectorClass;
        this.aggregate = aggregate;
    }

    /** The primitive type, or {@code null} for reference-only kinds. */
    String primitiveType() {
        return this.primitiveType;
    }

    /** The boxed or reference type, or {@code null} for {@link #ENUM}. */
    String referenceType() {
        return this.referenceType;
    }

    /** The element type of the storage array, or {@code null} for {@link #ENUM}. */
    String storageType() {
        return this.storageType;
    }

    /** Whether the storage array is primitive, so that nulls need a separate mask. */
    boolean primitiveStorage() {
        return this != STRING && this != ENUM && this != BIG_DECIMAL && this != BYTES;
    }

    String vectorClass() {
        return this.vectorClass;
    }

    Aggregate aggregate() {
        return this.aggregate;
    }
}
