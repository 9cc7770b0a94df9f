package io.soapersistence.processor;

import java.util.Map;

/**
 * Writes {@code equals}, {@code hashCode} and {@code toString}. Equality is by content: the size and the first
 * size values of every column, null masks included. Floating-point values compare by bits, as in
 * {@link java.util.Arrays#equals(double[], double[])}, so NaN equals NaN and -0.0 differs from 0.0.
 */
final class ObjectMethodsWriter {

    /** Values shown per column by {@code toString}. */
    static final int SHOWN_VALUES = 10;

    private static final Map<String, String> PRIMITIVE_HASH = Map.of("boolean", "Boolean", "byte", "Byte",
            "short", "Short", "char", "Character", "int", "Integer", "long", "Long", "float", "Float", "double",
            "Double");

    private final RecordModel model;

    private final SourceText out;

    ObjectMethodsWriter(RecordModel model, SourceText out) {
        this.model = model;
        this.out = out;
    }

    void write() {
        writeEquals();
        writeHashCode();
        writeToString();
    }

    private void writeEquals() {
        String soa = this.model.soaName();
        this.out.javadoc("Tells whether {@code obj} is an instance of this type holding the same rows. Floating-point",
                "values compare as {@link Double#compare(double, double)} does.", "",
                "@param obj the object to compare with", "@return {@code true} when both hold equal rows in order");
        this.out.line("@Override");
        this.out.open("public boolean equals(Object obj)");
        this.out.open("if (this == obj)");
        this.out.line("return true;");
        this.out.close();
        this.out.open("if (!(obj instanceof " + soa + " other) || this.size != other.size)");
        this.out.line("return false;");
        this.out.close();
        // Slots of null rows in primitive arrays always hold zero, so whole ranges compare without masking.
        for (ComponentModel component : this.model.components()) {
            for (String array : component.arrayFields()) {
                String comparator = component.kind() == ValueKind.BYTES ? ", Arrays::compare" : "";
                this.out.open("if (!Arrays.equals(this." + array + ", 0, this.size, other." + array
                        + ", 0, other.size" + comparator + "))");
                this.out.line("return false;");
                this.out.close();
            }
            if (component.hasNullMask()) {
                this.out.open("if (!this." + component.nullsField() + ".equals(other." + component.nullsField()
                        + "))");
                this.out.line("return false;");
                this.out.close();
            }
        }
        this.out.line("return true;");
        this.out.close().blank();
    }

    private void writeHashCode() {
        this.out.javadoc("A hash of the rows, consistent with {@link #equals(Object)}.", "", "@return the hash code");
        this.out.line("@Override");
        this.out.open("public int hashCode()");
        this.out.line("int hash = this.size;");
        for (ComponentModel component : this.model.components()) {
            for (String array : component.arrayFields()) {
                this.out.open("for (int i = 0; i < this.size; i++)");
                this.out.line("hash = 31 * hash + " + elementHash(component, "this." + array + "[i]") + ";");
                this.out.close();
            }
            if (component.hasNullMask()) {
                this.out.line("hash = 31 * hash + this." + component.nullsField() + ".hashCode();");
            }
        }
        this.out.line("return hash;");
        this.out.close().blank();
    }

    private static String elementHash(ComponentModel component, String element) {
        String storage = component.storageType();
        if (PRIMITIVE_HASH.containsKey(storage)) {
            return PRIMITIVE_HASH.get(storage) + ".hashCode(" + element + ")";
        }
        return (component.kind() == ValueKind.BYTES) ? "Arrays.hashCode(" + element + ")"
                : "Objects.hashCode(" + element + ")";
    }

    private void writeToString() {
        this.out.javadoc("Describes the size and the first " + SHOWN_VALUES + " values of every column, as in",
                "{@code " + SourceText.html(this.model.soaName()) + "[size=3]{id=[1, 2, 3], ...}}.", "",
                "@return the description");
        this.out.line("@Override");
        this.out.open("public String toString()");
        this.out.line("StringBuilder text = new StringBuilder(" + SourceText.quote(this.model.soaName() + "[size=")
                + ").append(this.size).append(\"]{\");");
        boolean first = true;
        for (ComponentModel component : this.model.components()) {
            if (!first) {
                this.out.line("text.append(\", \");");
            }
            first = false;
            String value = (component.kind() == ValueKind.BYTES) ? "Arrays.toString(" + component.name() + "(i))"
                    : component.name() + "(i)";
            this.out.line("Codec.appendColumn(text, " + SourceText.quote(component.name()) + ", this.size, i -> "
                    + value + ");");
        }
        this.out.line("return text.append('}').toString();");
        this.out.close().blank();
    }
}
