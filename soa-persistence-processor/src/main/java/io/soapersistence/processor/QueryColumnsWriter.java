package io.soapersistence.processor;

/**
 * Writes one typed column handle per component, such as {@code ORDER_ID} (a {@code LongColumn}), from which
 * callers build query filters without spelling column names or operand types by hand. Query types are named
 * in full, so that they never clash with the record's own imports.
 */
final class QueryColumnsWriter {

    private static final String QUERY = "io.soapersistence.query.";

    private final RecordModel model;

    private final SourceText out;

    QueryColumnsWriter(RecordModel model, SourceText out) {
        this.model = model;
        this.out = out;
    }

    void write() {
        for (ComponentModel component : this.model.components()) {
            String[] handle = handle(component);
            this.out.javadoc("Filters on component {@code " + component.name() + "}, stored as column {@code "
                    + component.columnName() + "}.");
            this.out.line("public static final " + handle[0] + " " + component.constantName() + " = " + handle[1]
                    + ";").blank();
        }
    }

    /** The handle's declared type and its creation expression. */
    private static String[] handle(ComponentModel component) {
        String name = component.columnConstant();
        return switch (component.kind()) {
            case BYTE, SHORT, CHAR, INT -> typed("IntColumn", "IntColumn.of(" + name + ")");
            case LONG -> typed("LongColumn", "LongColumn.of(" + name + ")");
            case FLOAT, DOUBLE -> typed("DoubleColumn", "DoubleColumn.of(" + name + ")");
            case BOOLEAN -> typed("Column<Boolean>", "Column.ofBoolean(" + name + ")");
            case UUID -> typed("Column<UUID>", "Column.ofUuid(" + name + ")");
            case BYTES -> typed("Column<byte[]>", "Column.ofBytes(" + name + ")");
            case STRING -> typed("ComparableColumn<String>", "ComparableColumn.ofString(" + name + ")");
            case INSTANT -> typed("ComparableColumn<Instant>", "ComparableColumn.ofInstant(" + name + ")");
            case LOCAL_DATE -> typed("ComparableColumn<LocalDate>", "ComparableColumn.ofLocalDate(" + name + ")");
            case LOCAL_DATE_TIME -> typed("ComparableColumn<LocalDateTime>",
                    "ComparableColumn.ofLocalDateTime(" + name + ")");
            case LOCAL_TIME -> typed("ComparableColumn<LocalTime>", "ComparableColumn.ofLocalTime(" + name + ")");
            case BIG_DECIMAL -> typed("ComparableColumn<BigDecimal>", "ComparableColumn.ofDecimal(" + name + ")");
            case ENUM -> typed("EnumColumn<" + component.enumType() + ">",
                    "EnumColumn.of(" + name + ", " + component.enumType() + ".class)");
        };
    }

    private static String[] typed(String type, String creation) {
        return new String[] {QUERY + type, QUERY + creation};
    }
}
