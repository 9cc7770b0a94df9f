package io.soapersistence.processor;

/**
 * The statements and expressions that move one component's values between a record, the storage arrays of
 * the generated class, and Java values. Storage fields are referenced unqualified, so the code belongs in an
 * instance method of the generated class.
 */
final class ColumnCode {

    private ColumnCode() {
    }

    /** The local holding the component value taken from the record in {@code add}. */
    static String valueLocal(ComponentModel component) {
        return component.name() + "Value";
    }

    /** The local holding the converted storage value of a temporal component in {@code add}. */
    private static String storedLocal(ComponentModel component) {
        return component.name() + "Stored";
    }

    /**
     * Declares the locals of one component from {@code row}. Everything that can fail (a conversion out of
     * range, an undeclared decimal scale) happens here, before any array is written, so a failed add leaves
     * the instance unchanged.
     */
    static void prepare(SourceText out, ComponentModel component, String row) {
        String value = valueLocal(component);
        String read = row + "." + component.name() + "()";
        String column = component.columnConstant();
        switch (component.kind()) {
            case BIG_DECIMAL -> out.line("BigDecimal " + value + " = Codec.decimal(" + read + ", "
                    + component.precision() + ", " + component.scale() + ", " + column + ");");
            case INSTANT, LOCAL_DATE_TIME, LOCAL_TIME, LOCAL_DATE -> {
                out.line(component.javaType() + " " + value + " = " + read + ";");
                out.line(component.storageType() + " " + storedLocal(component) + " = (" + value
                        + " == null) ? 0 : " + toStorage(component, value) + ";");
            }
            default -> out.line(component.javaType() + " " + value + " = " + read + ";");
        }
    }

    private static String toStorage(ComponentModel component, String value) {
        String column = component.columnConstant();
        return switch (component.kind()) {
            case INSTANT -> "Codec.epochMicros(" + value + ", " + column + ")";
            case LOCAL_DATE_TIME -> "Codec.localMicros(" + value + ", " + column + ")";
            case LOCAL_TIME -> value + ".toNanoOfDay() / 1_000L";
            case LOCAL_DATE -> "Codec.epochDay(" + value + ", " + column + ")";
            default -> throw new IllegalArgumentException(component.kind().toString());
        };
    }

    /** Stores the locals declared by {@link #prepare} at {@code index}; never fails. */
    static void store(SourceText out, ComponentModel component, String index) {
        String value = valueLocal(component);
        if (component.hasNullMask()) {
            out.open("if (" + value + " == null)");
            out.line("this." + component.nullsField() + ".set(" + index + ");");
            out.reopen("else");
            storeNonNull(out, component, index);
            out.close();
        } else if (component.kind() == ValueKind.BYTES) {
            out.line("this." + component.valuesField() + "[" + index + "] = Codec.copyOf(" + value + ");");
        } else {
            storeNonNull(out, component, index);
        }
    }

    private static void storeNonNull(SourceText out, ComponentModel component, String index) {
        String value = valueLocal(component);
        switch (component.kind()) {
            case UUID -> {
                out.line("this." + component.mostField() + "[" + index + "] = " + value
                        + ".getMostSignificantBits();");
                out.line("this." + component.leastField() + "[" + index + "] = " + value
                        + ".getLeastSignificantBits();");
            }
            case INSTANT, LOCAL_DATE_TIME, LOCAL_TIME, LOCAL_DATE ->
                out.line("this." + component.valuesField() + "[" + index + "] = " + storedLocal(component) + ";");
            default -> out.line("this." + component.valuesField() + "[" + index + "] = " + value + ";");
        }
    }

    /** An expression of the component's type: the value at {@code index}, null where a null was stored. */
    static String read(ComponentModel component, String index) {
        String values = "this." + component.valuesField() + "[" + index + "]";
        String nonNull = switch (component.kind()) {
            case INSTANT -> "Codec.instant(" + values + ")";
            case LOCAL_DATE_TIME -> "Codec.localDateTime(" + values + ")";
            case LOCAL_TIME -> "LocalTime.ofNanoOfDay(" + values + " * 1_000L)";
            case LOCAL_DATE -> "LocalDate.ofEpochDay(" + values + ")";
            case UUID -> "new UUID(this." + component.mostField() + "[" + index + "], this."
                    + component.leastField() + "[" + index + "])";
            case BYTES -> "Codec.copyOf(" + values + ")";
            default -> values;
        };
        if (!component.hasNullMask()) {
            return nonNull;
        }
        return "this." + component.nullsField() + ".get(" + index + ") ? null : " + nonNull;
    }

    /** Whether {@link #read} copies or converts, so that a column must be built element by element. */
    static boolean readConverts(ComponentModel component) {
        return component.hasNullMask() || component.kind() == ValueKind.BYTES || component.storageType() == null
                || !component.storageType().equals(component.javaType());
    }
}
