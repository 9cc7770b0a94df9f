package io.soapersistence.processor;

import java.util.List;

/**
 * Writes the Arrow side of the generated class: the {@code SCHEMA} constant, {@code arrowSchema()},
 * {@code toArrow} and {@code fromArrow}.
 */
final class ArrowWriter {

    private final RecordModel model;

    private final SourceText out;

    ArrowWriter(RecordModel model, SourceText out) {
        this.model = model;
        this.out = out;
    }

    /** The Arrow type of a component's column, as a Java expression. */
    static String arrowType(ComponentModel component) {
        return switch (component.kind()) {
            case BOOLEAN -> "ArrowType.Bool.INSTANCE";
            case BYTE -> "new ArrowType.Int(8, true)";
            case SHORT -> "new ArrowType.Int(16, true)";
            case CHAR -> "new ArrowType.Int(16, false)";
            case INT -> "new ArrowType.Int(32, true)";
            case LONG -> "new ArrowType.Int(64, true)";
            case FLOAT -> "new ArrowType.FloatingPoint(FloatingPointPrecision.SINGLE)";
            case DOUBLE -> "new ArrowType.FloatingPoint(FloatingPointPrecision.DOUBLE)";
            case STRING, ENUM -> "ArrowType.Utf8.INSTANCE";
            case INSTANT -> "new ArrowType.Timestamp(TimeUnit.MICROSECOND, \"UTC\")";
            case LOCAL_DATE_TIME -> "new ArrowType.Timestamp(TimeUnit.MICROSECOND, null)";
            case LOCAL_TIME -> "new ArrowType.Time(TimeUnit.MICROSECOND, 64)";
            case LOCAL_DATE -> "new ArrowType.Date(DateUnit.DAY)";
            case BIG_DECIMAL -> "new ArrowType.Decimal(" + component.precision() + ", " + component.scale() + ", 128)";
            case UUID -> "new ArrowType.FixedSizeBinary(16)";
            case BYTES -> "ArrowType.Binary.INSTANCE";
        };
    }

    void writeSchema() {
        this.out.javadoc("The Arrow schema: one field per component in declaration order, named after its column,",
                "nullable exactly when the component type is not primitive.");
        List<ComponentModel> components = this.model.components();
        if (components.isEmpty()) {
            this.out.line("public static final Schema SCHEMA = new Schema(List.<Field>of());").blank();
            return;
        }
        this.out.line("public static final Schema SCHEMA = new Schema(List.of(");
        for (int i = 0; i < components.size(); i++) {
            ComponentModel component = components.get(i);
            this.out.line("        new Field(" + component.columnConstant() + ", new FieldType(" + component.nullable()
                    + ", " + arrowType(component) + ", null" + fieldMetadata(component) + "), List.of())"
                    + (i + 1 < components.size() ? "," : "));"));
        }
        this.out.blank();
    }

    /**
     * UUID columns carry Arrow's canonical {@code arrow.uuid} extension name, which tells the Parquet writer to
     * annotate the column as UUID, so that DuckDB and Spark show UUIDs rather than 16 raw bytes.
     */
    private static String fieldMetadata(ComponentModel component) {
        return (component.kind() == ValueKind.UUID)
                ? ", java.util.Map.of(\"ARROW:extension:name\", \"arrow.uuid\", \"ARROW:extension:metadata\", \"\")"
                : "";
    }

    void writeConversions() {
        this.out.javadoc("The Arrow schema of this type.", "", "@return {@link #SCHEMA}");
        this.out.line("@Override");
        this.out.open("public Schema arrowSchema()");
        this.out.line("return SCHEMA;");
        this.out.close().blank();
        writeToArrow();
        writeFromArrow();
    }

    private void writeToArrow() {
        this.out.javadoc("Copies the rows into new Arrow vectors of {@link #SCHEMA}. The caller owns and closes the",
                "returned root.", "",
                "@param allocator where the vectors allocate their buffers",
                "@return a root holding {@link #size()} rows");
        this.out.line("@Override");
        this.out.open("public VectorSchemaRoot toArrow(BufferAllocator allocator)");
        this.out.line("Objects.requireNonNull(allocator, \"allocator\");");
        this.out.line("VectorSchemaRoot root = VectorSchemaRoot.create(SCHEMA, allocator);");
        this.out.open("try");
        for (ComponentModel component : this.model.components()) {
            String vector = component.name() + "Vector";
            String vectorClass = component.kind().vectorClass();
            this.out.line(vectorClass + " " + vector + " = (" + vectorClass + ") root.getVector("
                    + component.columnConstant() + ");");
            this.out.line(vector + ".setInitialCapacity(this.size);");
            this.out.line(vector + ".allocateNew();");
            this.out.open("for (int i = 0; i < this.size; i++)");
            if (component.hasNullMask()) {
                this.out.open("if (this." + component.nullsField() + ".get(i))");
                this.out.line(vector + ".setNull(i);");
                this.out.reopen("else");
                this.out.line(vector + ".setSafe(i, " + arrowValue(component) + ");");
                this.out.close();
            } else if (component.nullable()) {
                this.out.open("if (this." + component.valuesField() + "[i] == null)");
                this.out.line(vector + ".setNull(i);");
                this.out.reopen("else");
                this.out.line(vector + ".setSafe(i, " + arrowValue(component) + ");");
                this.out.close();
            } else {
                this.out.line(vector + ".setSafe(i, " + arrowValue(component) + ");");
            }
            this.out.close();
        }
        this.out.line("root.setRowCount(this.size);");
        this.out.line("return root;");
        this.out.reopen("catch (RuntimeException | Error e)");
        this.out.line("root.close();");
        this.out.line("throw e;");
        this.out.close();
        this.out.close().blank();
    }

    /** The argument of {@code setSafe} for the non-null stored value at row {@code i}. */
    private static String arrowValue(ComponentModel component) {
        String value = "this." + component.valuesField() + "[i]";
        return switch (component.kind()) {
            case BOOLEAN -> value + " ? 1 : 0";
            case STRING -> value + ".getBytes(StandardCharsets.UTF_8)";
            case ENUM -> value + ".name().getBytes(StandardCharsets.UTF_8)";
            case UUID -> "Codec.uuidBytes(this." + component.mostField() + "[i], this." + component.leastField()
                    + "[i])";
            default -> value;
        };
    }

    private void writeFromArrow() {
        String soa = this.model.soaName();
        this.out.javadoc("Builds a new instance from {@code root}, matching columns by name; other columns of the",
                "root are ignored and the root stays owned by the caller.", "",
                "@param root the vectors to copy from",
                "@return a new instance holding the root's rows",
                "@throws io.soapersistence.ColumnNotFoundException if a column of {@link #SCHEMA} is missing",
                "@throws io.soapersistence.SchemaMismatchException if a column has another Arrow type",
                "@throws io.soapersistence.TypeConversionException if a value cannot be represented: a null in a",
                "    primitive column, an unknown enum constant, a decimal or time of day out of range");
        this.out.line("@Override");
        this.out.open("public " + soa + " fromArrow(VectorSchemaRoot root)");
        this.out.line("Objects.requireNonNull(root, \"root\");");
        this.out.line("int rowCount = root.getRowCount();");
        List<ComponentModel> components = this.model.components();
        // Every column is checked before any value is copied, so schema problems surface first.
        for (int k = 0; k < components.size(); k++) {
            ComponentModel component = components.get(k);
            String vectorClass = component.kind().vectorClass();
            this.out.line(vectorClass + " " + component.name() + "Vector = Codec.vector(root, SCHEMA.getFields().get("
                    + k + "), " + vectorClass + ".class);");
        }
        this.out.line(soa + " result = new " + soa + "(rowCount);");
        for (ComponentModel component : components) {
            writeColumnFromArrow(component);
        }
        this.out.line("result.size = rowCount;");
        this.out.line("return result;");
        this.out.close().blank();
    }

    private void writeColumnFromArrow(ComponentModel component) {
        String vector = component.name() + "Vector";
        this.out.open("for (int i = 0; i < rowCount; i++)");
        if (!component.nullable()) {
            this.out.open("if (" + vector + ".isNull(i))");
            this.out.line("throw Codec.nullInRequiredColumn(" + component.columnConstant() + ", i);");
            this.out.close();
        } else if (component.hasNullMask()) {
            this.out.open("if (" + vector + ".isNull(i))");
            this.out.line("result." + component.nullsField() + ".set(i);");
            this.out.line("continue;");
            this.out.close();
        } else {
            this.out.open("if (" + vector + ".isNull(i))");
            this.out.line("continue;");
            this.out.close();
        }
        String target = "result." + component.valuesField() + "[i] = ";
        String column = component.columnConstant();
        switch (component.kind()) {
            case BOOLEAN -> this.out.line(target + vector + ".get(i) != 0;");
            case STRING -> this.out.line(target + "new String(" + vector + ".get(i), StandardCharsets.UTF_8);");
            case ENUM -> this.out.line(target + "Codec.enumConstant(" + component.enumType() + ".class, new String("
                    + vector + ".get(i), StandardCharsets.UTF_8), " + column + ", i);");
            case LOCAL_TIME -> this.out.line(target + "Codec.microsOfDay(" + vector + ".get(i), " + column + ", i);");
            case BIG_DECIMAL -> this.out.line(target + "Codec.decimal(" + vector + ".getObject(i), "
                    + component.precision() + ", " + component.scale() + ", " + column + ");");
            case UUID -> {
                this.out.line("ByteBuffer bytes = ByteBuffer.wrap(" + vector + ".get(i));");
                this.out.line("result." + component.mostField() + "[i] = bytes.getLong();");
                this.out.line("result." + component.leastField() + "[i] = bytes.getLong();");
            }
            default -> this.out.line(target + vector + ".get(i);");
        }
        this.out.close();
    }
}
