package io.soapersistence.processor;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class SoAProcessorTest {

    private static final String IMPORTS = """
            package io.x;

            import io.soapersistence.Column;
            import io.soapersistence.Decimal;
            import io.soapersistence.SoA;
            import java.math.BigDecimal;
            import java.util.List;
            import java.util.Map;

            """;

    @TempDir
    Path output;

    private InMemoryCompiler.Result compile(String className, String body) {
        return new InMemoryCompiler(this.output).compile(List.of("-proc:only"), "io.x." + className, IMPORTS + body);
    }

    private static void assertFailsNaming(InMemoryCompiler.Result result, String... fragments) {
        assertThat(result.success()).as(result.all()).isFalse();
        assertThat(result.errors()).as(result.all()).anySatisfy(error -> assertThat(error).contains(fragments));
    }

    @Test
    void validRecordCompilesWithoutAnyWarningUnderStrictLint() {
        String source = """
                package io.x;

                import io.soapersistence.Column;
                import io.soapersistence.Decimal;
                import io.soapersistence.SoA;
                import java.math.BigDecimal;
                import java.time.Instant;
                import java.time.LocalDate;
                import java.time.LocalDateTime;
                import java.time.LocalTime;
                import java.util.UUID;

                /**
                 * A record of every supported type.
                 *
                 * @param a a
                 * @param b b
                 * @param c c
                 * @param d d
                 * @param e e
                 * @param f f
                 * @param g g
                 * @param h h
                 * @param i i
                 * @param j j
                 * @param k k
                 * @param l l
                 * @param m m
                 * @param n n
                 * @param o o
                 * @param p p
                 * @param q q
                 * @param r r
                 * @param s s
                 * @param t t
                 * @param u u
                 * @param v v
                 * @param w w
                 * @param x x
                 */
                @SoA(naming = SoA.Naming.SNAKE_CASE)
                public record Wide(boolean a, Boolean b, byte c, Short d, char e, Character f, int g, Integer h,
                        long i, Long j, float k, Double l, String m, Wide.Kind n, Instant o, LocalDate p,
                        LocalDateTime q, LocalTime r, @Decimal(precision = 10, scale = 3) BigDecimal s, UUID t,
                        byte[] u, @Column("quote\\"d") String v, double w, short x) {

                    /** A nested enum. */
                    public enum Kind {
                        /** One. */
                        ONE
                    }
                }
                """;
        InMemoryCompiler compiler = new InMemoryCompiler(this.output);
        InMemoryCompiler.Result result = compiler.compile(
                List.of("-Xlint:all,-processing", "-Werror", "-Xdoclint:all/protected"), "io.x.Wide", source);

        assertThat(result.success()).as(result.all()).isTrue();
        assertThat(result.warnings()).isEmpty();
        assertThat(compiler.generatedSource("io.x.WideSoA"))
                .contains("public final class WideSoA implements DirectColumns<WideSoA>, Iterable<io.x.Wide>")
                .contains("@Generated(\"io.soapersistence.processor.SoAProcessor\")")
                .contains("public static final String V = \"quote\\\"d\";");
    }

    @Test
    void nestedPackagePrivateRecordIsGenerated() {
        InMemoryCompiler compiler = new InMemoryCompiler(this.output);
        InMemoryCompiler.Result result = compiler.compile(List.of(), "io.x.Outer", IMPORTS + """
                class Outer {
                    @SoA
                    record Point(int x, int y) {
                    }
                }
                """);

        assertThat(result.success()).as(result.all()).isTrue();
        assertThat(compiler.generatedSource("io.x.PointSoA")).contains("Iterable<io.x.Outer.Point>");
    }

    @Test
    void rejectsAClass() {
        assertFailsNaming(compile("NotARecord", "@SoA class NotARecord { }"), "records only", "io.x.NotARecord");
    }

    @Test
    void rejectsAGenericRecord() {
        assertFailsNaming(compile("Box", "@SoA record Box<T>(int count) { }"), "generic record", "io.x.Box");
    }

    @Test
    void rejectsAPrivateRecord() {
        assertFailsNaming(compile("Outer", "class Outer { @SoA private record Hidden(int a) { } }"),
                "io.x.Outer.Hidden", "private");
    }

    @Test
    void rejectsARecordInsideAPrivateClass() {
        assertFailsNaming(compile("Outer", "class Outer { private static class In { @SoA record Deep(int a) { } } }"),
                "io.x.Outer.In.Deep", "private");
    }

    @Test
    void rejectsAnEnumTheGeneratedClassCannotSee() {
        assertFailsNaming(compile("Order", """
                @SoA record Order(Order.State state) {
                    private enum State { A }
                }
                """), "component 'state'", "io.x.Order", "io.x.Order.State", "private");
    }

    @ParameterizedTest
    @CsvSource(delimiter = ';', value = {
        "List<String>; java.util.List<java.lang.String>",
        "Object; java.lang.Object",
        "Map<String, Integer>; java.util.Map<java.lang.String,java.lang.Integer>",
        "int[]; int[]",
        "StringBuilder; java.lang.StringBuilder",
        "Order; io.x.Order"})
    void rejectsAnUnsupportedComponentType(String type, String printed) {
        InMemoryCompiler.Result result = compile("Order", "@SoA record Order(long id, " + type + " tags) { }");

        assertFailsNaming(result, "@SoA cannot map component 'tags' of io.x.Order: type " + printed
                + " is not supported (supported: primitives and boxes, String, enums");
    }

    @Test
    void rejectsABigDecimalWithoutDecimal() {
        assertFailsNaming(compile("Order", "@SoA record Order(BigDecimal price) { }"),
                "component 'price' of io.x.Order", "@Decimal");
    }

    @ParameterizedTest
    @CsvSource({"0, 0, precision 0", "39, 2, precision 39", "10, -1, scale -1", "5, 6, scale 6"})
    void rejectsADecimalOutOfRange(int precision, int scale, String problem) {
        InMemoryCompiler.Result result = compile("Order", "@SoA record Order(@Decimal(precision = " + precision
                + ", scale = " + scale + ") BigDecimal price) { }");

        assertFailsNaming(result, "component 'price' of io.x.Order", problem);
    }

    @Test
    void rejectsDecimalOnAnotherType() {
        assertFailsNaming(compile("Order", "@SoA record Order(@Decimal(precision = 5, scale = 2) double price) { }"),
                "component 'price' of io.x.Order", "@Decimal applies to java.math.BigDecimal only");
    }

    @Test
    void rejectsTwoComponentsWithTheSameColumn() {
        assertFailsNaming(compile("Order", "@SoA record Order(@Column(\"id\") long orderId, long id) { }"),
                "component 'id' of io.x.Order", "'id'", "component 'orderId'");
    }

    @Test
    void rejectsTwoComponentsWithTheSameSnakeCaseColumn() {
        assertFailsNaming(compile("Order", "@SoA(naming = SoA.Naming.SNAKE_CASE) record Order(long orderId, "
                + "long order_id) { }"), "component 'order_id' of io.x.Order", "'order_id'");
    }

    @Test
    void rejectsABlankColumnName() {
        assertFailsNaming(compile("Order", "@SoA record Order(@Column(\"  \") long id) { }"),
                "component 'id' of io.x.Order", "blank");
    }

    @ParameterizedTest
    @ValueSource(strings = {"size", "get", "add", "filter", "stream", "iterator", "isEmpty", "toArrow", "fromArrow",
        "arrowSchema", "filterIndexes", "addAll", "of", "from", "forEach"})
    void rejectsAComponentNamedLikeAGeneratedMember(String name) {
        assertFailsNaming(compile("Order", "@SoA record Order(long id, int " + name + ") { }"),
                "component '" + name + "' of io.x.Order", "clashes");
    }

    @ParameterizedTest
    @ValueSource(strings = {"schema", "defaultCapacity"})
    void rejectsAComponentWhoseColumnHandleWouldClashWithAGeneratedConstant(String name) {
        assertFailsNaming(compile("Order", "@SoA record Order(long id, int " + name + ") { }"),
                "component '" + name + "' of io.x.Order", "column handle");
    }

    @Test
    void reportsEveryProblemOfARecordAtOnce() {
        InMemoryCompiler.Result result = compile("Order", "@SoA record Order(Object a, BigDecimal b, int size) { }");

        assertThat(result.errors()).hasSize(3);
    }
}
