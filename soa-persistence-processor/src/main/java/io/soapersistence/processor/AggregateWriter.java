package io.soapersistence.processor;

/**
 * Writes the per-column aggregates {@code xSum()}, {@code xMin()} and {@code xMax()} of numeric components.
 * Nulls are skipped; floating-point minimum and maximum follow {@link Math#min(double, double)}, like
 * {@code DoubleStream}, so a NaN wins and -0.0 is below 0.0.
 */
final class AggregateWriter {

    private final RecordModel model;

    private final SourceText out;

    AggregateWriter(RecordModel model, SourceText out) {
        this.model = model;
        this.out = out;
    }

    void write() {
        for (ComponentModel component : this.model.components()) {
            switch (component.kind().aggregate()) {
                case INTEGRAL -> writeIntegral(component, "OptionalInt", "int");
                case LONG -> writeIntegral(component, "OptionalLong", "long");
                case FLOATING -> writeFloating(component);
                case DECIMAL -> writeDecimal(component);
                case NONE -> {
                    // not numeric: no aggregates
                }
            }
        }
    }

    private void writeIntegral(ComponentModel component, String optional, String type) {
        String values = "this." + component.valuesField();
        boolean exact = component.kind() == ValueKind.LONG;
        if (exact) {
            this.out.javadoc("The sum of the non-null {@code " + component.name() + "} values.", "",
                    "@return the sum, zero when there are none",
                    "@throws ArithmeticException if the sum overflows a {@code long}");
        } else {
            this.out.javadoc("The sum of the non-null {@code " + component.name() + "} values.", "",
                    "@return the sum, zero when there are none");
        }
        this.out.open("public long " + component.name() + "Sum()");
        this.out.line("long sum = 0L;");
        openPresentLoop(component);
        this.out.line(exact ? "sum = Math.addExact(sum, " + values + "[i]);" : "sum += " + values + "[i];");
        closePresentLoop(component);
        this.out.line("return sum;");
        this.out.close().blank();
        for (String bound : new String[] {"Min", "Max"}) {
            this.out.javadoc("The " + (bound.equals("Min") ? "smallest" : "largest") + " non-null {@code "
                    + component.name() + "} value.", "", "@return the value, empty when there are none");
            this.out.open("public " + optional + " " + component.name() + bound + "()");
            this.out.line("boolean found = false;");
            this.out.line(type + " bound = 0;");
            openPresentLoop(component);
            String comparison = bound.equals("Min") ? " < " : " > ";
            this.out.open("if (!found || " + values + "[i]" + comparison + "bound)");
            this.out.line("bound = " + values + "[i];");
            this.out.line("found = true;");
            this.out.close();
            closePresentLoop(component);
            this.out.line("return found ? " + optional + ".of(bound) : " + optional + ".empty();");
            this.out.close().blank();
        }
    }

    private void writeFloating(ComponentModel component) {
        String values = "this." + component.valuesField();
        this.out.javadoc("The sum of the non-null {@code " + component.name() + "} values, in {@code double}.", "",
                "@return the sum, zero when there are none, NaN when a value is NaN");
        this.out.open("public double " + component.name() + "Sum()");
        this.out.line("double sum = 0.0;");
        openPresentLoop(component);
        this.out.line("sum += " + values + "[i];");
        closePresentLoop(component);
        this.out.line("return sum;");
        this.out.close().blank();
        for (String bound : new String[] {"Min", "Max"}) {
            boolean min = bound.equals("Min");
            this.out.javadoc("The " + (min ? "smallest" : "largest") + " non-null {@code " + component.name()
                    + "} value, as {@link Math#" + (min ? "min" : "max") + "(double, double)} orders them.", "",
                    "@return the value, NaN when a value is NaN, empty when there are none");
            this.out.open("public OptionalDouble " + component.name() + bound + "()");
            this.out.line("boolean found = false;");
            this.out.line("double bound = Double." + (min ? "POSITIVE" : "NEGATIVE") + "_INFINITY;");
            openPresentLoop(component);
            this.out.line("bound = Math." + (min ? "min" : "max") + "(bound, " + values + "[i]);");
            this.out.line("found = true;");
            closePresentLoop(component);
            this.out.line("return found ? OptionalDouble.of(bound) : OptionalDouble.empty();");
            this.out.close().blank();
        }
    }

    private void writeDecimal(ComponentModel component) {
        String values = "this." + component.valuesField();
        this.out.javadoc("The sum of the non-null {@code " + component.name() + "} values.", "",
                "@return the exact sum at the declared scale; zero at that scale when there are none");
        this.out.open("public BigDecimal " + component.name() + "Sum()");
        this.out.line("BigDecimal sum = BigDecimal.valueOf(0, " + component.scale() + ");");
        this.out.open("for (int i = 0; i < this.size; i++)");
        this.out.open("if (" + values + "[i] != null)");
        this.out.line("sum = sum.add(" + values + "[i]);");
        this.out.close();
        this.out.close();
        this.out.line("return sum;");
        this.out.close().blank();
        for (String bound : new String[] {"Min", "Max"}) {
            this.out.javadoc("The " + (bound.equals("Min") ? "smallest" : "largest") + " non-null {@code "
                    + component.name() + "} value.", "", "@return the value, empty when there are none");
            this.out.open("public Optional<BigDecimal> " + component.name() + bound + "()");
            this.out.line("BigDecimal bound = null;");
            this.out.open("for (int i = 0; i < this.size; i++)");
            String comparison = bound.equals("Min") ? " < 0" : " > 0";
            this.out.open("if (" + values + "[i] != null && (bound == null || " + values + "[i].compareTo(bound)"
                    + comparison + "))");
            this.out.line("bound = " + values + "[i];");
            this.out.close();
            this.out.close();
            this.out.line("return Optional.ofNullable(bound);");
            this.out.close().blank();
        }
    }

    private void openPresentLoop(ComponentModel component) {
        this.out.open("for (int i = 0; i < this.size; i++)");
        if (component.hasNullMask()) {
            this.out.open("if (!this." + component.nullsField() + ".get(i))");
        }
    }

    private void closePresentLoop(ComponentModel component) {
        if (component.hasNullMask()) {
            this.out.close();
        }
        this.out.close();
    }
}
