package io.soapersistence.processor;

/**
 * Writes the nested {@code Columns} class: one constant per component holding its column name, so that
 * callers and query code never spell column names by hand.
 */
final class ColumnsWriter {

    private final RecordModel model;

    private final SourceText out;

    ColumnsWriter(RecordModel model, SourceText out) {
        this.model = model;
        this.out = out;
    }

    void write() {
        this.out.javadoc("The column names of {@link " + this.model.soaName() + "}, one constant per component.");
        this.out.open("public static final class Columns");
        for (ComponentModel component : this.model.components()) {
            this.out.javadoc("The column of component {@code " + component.name() + "}.");
            this.out.line("public static final String " + component.constantName() + " = "
                    + SourceText.quote(component.columnName()) + ";").blank();
        }
        this.out.open("private Columns()");
        this.out.close();
        this.out.close().blank();
    }
}
