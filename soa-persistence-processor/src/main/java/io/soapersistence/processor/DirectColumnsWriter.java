package io.soapersistence.processor;

import java.util.ArrayList;
import java.util.List;

/**
 * Writes {@code exportColumns} and {@code importColumns}, through which storage engines read and adopt the
 * storage arrays directly, skipping Arrow.
 */
final class DirectColumnsWriter {

    private final RecordModel model;

    private final SourceText out;

    DirectColumnsWriter(RecordModel model, SourceText out) {
        this.model = model;
        this.out = out;
    }

    void write() {
        List<ComponentModel> components = this.model.components();
        this.out.javadoc("Hands every storage array to a storage engine, without copying.", "",
                "@param sink the engine's receiver");
        this.out.line("@Override");
        this.out.open("public void exportColumns(ColumnSink sink)");
        for (int i = 0; i < components.size(); i++) {
            this.out.line(exportCall(i, components.get(i)));
        }
        this.out.close().blank();

        String soa = this.model.soaName();
        this.out.javadoc("Creates an instance that adopts the engine's decoded arrays as its storage.", "",
                "@param source the decoded columns", "@return a new instance of {@code source.size()} rows");
        this.out.line("@Override");
        this.out.open("public " + soa + " importColumns(ColumnSource source)");
        this.out.line("int rows = source.size();");
        this.out.line(soa + " soa = new " + soa + "(0);");
        for (int i = 0; i < components.size(); i++) {
            ComponentModel component = components.get(i);
            for (String line : importLines(i, component)) {
                this.out.line(line);
            }
        }
        this.out.line("soa.size = rows;");
        this.out.line("soa.capacity = rows;");
        this.out.line("return soa;");
        this.out.close().blank();
    }

    private static String nulls(ComponentModel component) {
        return component.hasNullMask() ? "this." + component.nullsField() : "null";
    }

    private static String exportCall(int index, ComponentModel component) {
        String values = "this." + component.valuesField();
        return switch (component.kind()) {
            case BOOLEAN -> "sink.booleans(" + index + ", " + values + ", " + nulls(component) + ");";
            case BYTE -> "sink.bytes(" + index + ", " + values + ", " + nulls(component) + ");";
            case SHORT -> "sink.shorts(" + index + ", " + values + ", " + nulls(component) + ");";
            case CHAR -> "sink.chars(" + index + ", " + values + ", " + nulls(component) + ");";
            case INT, LOCAL_DATE -> "sink.ints(" + index + ", " + values + ", " + nulls(component) + ");";
            case LONG, INSTANT, LOCAL_DATE_TIME, LOCAL_TIME -> "sink.longs(" + index + ", " + values + ", "
                    + nulls(component) + ");";
            case FLOAT -> "sink.floats(" + index + ", " + values + ", " + nulls(component) + ");";
            case DOUBLE -> "sink.doubles(" + index + ", " + values + ", " + nulls(component) + ");";
            case STRING -> "sink.strings(" + index + ", " + values + ");";
            case ENUM -> "sink.enums(" + index + ", " + values + ");";
            case BIG_DECIMAL -> "sink.decimals(" + index + ", " + values + ");";
            case UUID -> "sink.uuids(" + index + ", this." + component.mostField() + ", this."
                    + component.leastField() + ", " + nulls(component) + ");";
            case BYTES -> "sink.binaries(" + index + ", " + values + ");";
        };
    }

    private static List<String> importLines(int index, ComponentModel component) {
        String target = "soa." + component.valuesField() + " = ";
        String read = switch (component.kind()) {
            case BOOLEAN -> "source.booleans(" + index + ")";
            case BYTE -> "source.bytes(" + index + ")";
            case SHORT -> "source.shorts(" + index + ")";
            case CHAR -> "source.chars(" + index + ")";
            case INT, LOCAL_DATE -> "source.ints(" + index + ")";
            case LONG, INSTANT, LOCAL_DATE_TIME, LOCAL_TIME -> "source.longs(" + index + ")";
            case FLOAT -> "source.floats(" + index + ")";
            case DOUBLE -> "source.doubles(" + index + ")";
            case STRING -> "source.strings(" + index + ")";
            case ENUM -> "source.enums(" + index + ", " + component.enumType() + ".class)";
            case BIG_DECIMAL -> "source.decimals(" + index + ")";
            case BYTES -> "source.binaries(" + index + ")";
            case UUID -> null;
        };
        List<String> lines = new ArrayList<>();
        if (read != null) {
            lines.add(target + read + ";");
        }
        else {
            lines.add("soa." + component.mostField() + " = source.uuidMost(" + index + ");");
            lines.add("soa." + component.leastField() + " = source.uuidLeast(" + index + ");");
        }
        if (component.hasNullMask()) {
            lines.add("soa." + component.nullsField() + ".or(source.nulls(" + index + "));");
        }
        return lines;
    }
}
