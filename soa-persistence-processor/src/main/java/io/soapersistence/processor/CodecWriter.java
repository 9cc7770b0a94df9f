package io.soapersistence.processor;

import java.util.EnumSet;
import java.util.Set;

/**
 * Writes the nested {@code Codec} class: the static conversions and checks the generated code shares, only
 * those the record's component kinds need. Kept in a nested class so that their names can never clash with a
 * component's accessors.
 */
final class CodecWriter {

    private final RecordModel model;

    private final SourceText out;

    private final Set<ValueKind> kinds = EnumSet.noneOf(ValueKind.class);

    CodecWriter(RecordModel model, SourceText out) {
        this.model = model;
        this.out = out;
        model.components().forEach(component -> this.kinds.add(component.kind()));
    }

    void write() {
        this.out.open("private static final class Codec");
        this.out.line("private static final long MICROS_PER_SECOND = 1_000_000L;").blank();
        this.out.line("private static final long MICROS_PER_DAY = 86_400_000_000L;").blank();
        this.out.open("private Codec()");
        this.out.close().blank();
        writeShared();
        if (this.kinds.contains(ValueKind.INSTANT)) {
            writeInstant();
        }
        if (this.kinds.contains(ValueKind.LOCAL_DATE_TIME)) {
            writeLocalDateTime();
        }
        if (this.kinds.contains(ValueKind.LOCAL_TIME)) {
            writeLocalTime();
        }
        if (this.kinds.contains(ValueKind.LOCAL_DATE)) {
            writeLocalDate();
        }
        if (this.kinds.contains(ValueKind.BIG_DECIMAL)) {
            writeDecimal();
        }
        if (this.kinds.contains(ValueKind.ENUM)) {
            writeEnum();
        }
        if (this.kinds.contains(ValueKind.UUID)) {
            writeUuid();
        }
        if (this.kinds.contains(ValueKind.BYTES)) {
            writeBytes();
        }
        this.out.close();
    }

    private void writeShared() {
        this.out.open("static <V extends FieldVector> V vector(VectorSchemaRoot root, Field field, Class<V> type)");
        this.out.line("FieldVector vector = root.getVector(field.getName());");
        this.out.open("if (vector == null)");
        this.out.line("throw new ColumnNotFoundException(null, field.getName());");
        this.out.close();
        this.out.line("ArrowType found = vector.getField().getType();");
        this.out.open("if (!field.getType().equals(found) || !type.isInstance(vector))");
        this.out.line("throw new SchemaMismatchException(null, field.getName(), field.getType().toString(), "
                + "found.toString());");
        this.out.close();
        this.out.line("return type.cast(vector);");
        this.out.close().blank();

        this.out.open("static TypeConversionException nullInRequiredColumn(String column, int row)");
        this.out.line("return new TypeConversionException(null, column, \"null at row \" + row + \" of a column whose "
                + "component is primitive\");");
        this.out.close().blank();

        this.out.open("static void appendColumn(StringBuilder text, String name, int size, IntFunction<?> value)");
        this.out.line("text.append(name).append(\"=[\");");
        this.out.line("int shown = Math.min(size, " + ObjectMethodsWriter.SHOWN_VALUES + ");");
        this.out.open("for (int i = 0; i < shown; i++)");
        this.out.line("text.append(i == 0 ? \"\" : \", \").append(value.apply(i));");
        this.out.close();
        this.out.line("text.append(size > shown ? \", ...]\" : \"]\");");
        this.out.close().blank();
    }

    private void writeInstant() {
        // Flooring keeps instants before 1970 truncated towards the past, as Arrow and Parquet expect.
        this.out.open("static long epochMicros(Instant value, String column)");
        this.out.open("try");
        this.out.line("return Math.addExact(Math.multiplyExact(value.getEpochSecond(), MICROS_PER_SECOND), "
                + "value.getNano() / 1_000L);");
        this.out.reopen("catch (ArithmeticException e)");
        this.out.line("throw new TypeConversionException(null, column, \"instant \" + value "
                + "+ \" is outside the range of epoch microseconds in a 64-bit integer\");");
        this.out.close();
        this.out.close().blank();

        this.out.open("static Instant instant(long micros)");
        this.out.line("return Instant.ofEpochSecond(Math.floorDiv(micros, MICROS_PER_SECOND), "
                + "Math.floorMod(micros, MICROS_PER_SECOND) * 1_000L);");
        this.out.close().blank();
    }

    private void writeLocalDateTime() {
        this.out.open("static long localMicros(LocalDateTime value, String column)");
        this.out.open("try");
        this.out.line("return Math.addExact(Math.multiplyExact(value.toEpochSecond(ZoneOffset.UTC), "
                + "MICROS_PER_SECOND), value.getNano() / 1_000L);");
        this.out.reopen("catch (ArithmeticException e)");
        this.out.line("throw new TypeConversionException(null, column, \"date-time \" + value "
                + "+ \" is outside the range of microseconds since 1970 in a 64-bit integer\");");
        this.out.close();
        this.out.close().blank();

        this.out.open("static LocalDateTime localDateTime(long micros)");
        this.out.line("return LocalDateTime.ofEpochSecond(Math.floorDiv(micros, MICROS_PER_SECOND), "
                + "(int) Math.floorMod(micros, MICROS_PER_SECOND) * 1_000, ZoneOffset.UTC);");
        this.out.close().blank();
    }

    private void writeLocalTime() {
        this.out.open("static long microsOfDay(long micros, String column, int row)");
        this.out.open("if (micros < 0 || micros >= MICROS_PER_DAY)");
        this.out.line("throw new TypeConversionException(null, column, \"time of day \" + micros "
                + "+ \" microseconds at row \" + row + \" is outside one day\");");
        this.out.close();
        this.out.line("return micros;");
        this.out.close().blank();
    }

    private void writeLocalDate() {
        this.out.open("static int epochDay(LocalDate value, String column)");
        this.out.line("long day = value.toEpochDay();");
        this.out.open("if (day < Integer.MIN_VALUE || day > Integer.MAX_VALUE)");
        this.out.line("throw new TypeConversionException(null, column, \"date \" + value "
                + "+ \" is outside the range of epoch days in a 32-bit integer\");");
        this.out.close();
        this.out.line("return (int) day;");
        this.out.close().blank();
    }

    private void writeDecimal() {
        this.out.open("static BigDecimal decimal(BigDecimal value, int precision, int scale, String column)");
        this.out.open("if (value == null)");
        this.out.line("return null;");
        this.out.close();
        this.out.line("BigDecimal scaled;");
        this.out.open("try");
        this.out.line("scaled = value.setScale(scale, RoundingMode.UNNECESSARY);");
        this.out.reopen("catch (ArithmeticException e)");
        this.out.line("throw new TypeConversionException(null, column, \"value \" + value.toPlainString() "
                + "+ \" has more than \" + scale + \" fraction digits, so it does not fit DECIMAL(\" + precision "
                + "+ \", \" + scale + \")\");");
        this.out.close();
        this.out.open("if (scaled.precision() > precision)");
        this.out.line("throw new TypeConversionException(null, column, \"value \" + value.toPlainString() "
                + "+ \" exceeds precision \" + precision + \" of DECIMAL(\" + precision + \", \" + scale + \")\");");
        this.out.close();
        this.out.line("return scaled;");
        this.out.close().blank();
    }

    private void writeEnum() {
        this.out.open("static <E extends Enum<E>> E enumConstant(Class<E> type, String name, String column, int row)");
        this.out.open("try");
        this.out.line("return Enum.valueOf(type, name);");
        this.out.reopen("catch (IllegalArgumentException e)");
        this.out.line("throw new TypeConversionException(null, column, \"unknown constant '\" + name + \"' of enum \" "
                + "+ type.getCanonicalName() + \" at row \" + row);");
        this.out.close();
        this.out.close().blank();
    }

    private void writeUuid() {
        this.out.open("static byte[] uuidBytes(long most, long least)");
        this.out.line("return ByteBuffer.allocate(16).putLong(most).putLong(least).array();");
        this.out.close().blank();
    }

    private void writeBytes() {
        this.out.open("static byte[] copyOf(byte[] value)");
        this.out.line("return (value == null) ? null : value.clone();");
        this.out.close().blank();
    }
}
