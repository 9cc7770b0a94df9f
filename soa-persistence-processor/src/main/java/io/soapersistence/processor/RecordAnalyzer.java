package io.soapersistence.processor;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import javax.annotation.processing.Messager;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.NestingKind;
import javax.lang.model.element.PackageElement;
import javax.lang.model.element.RecordComponentElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.ArrayType;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.Elements;
import javax.tools.Diagnostic;

/**
 * Checks an {@code @SoA} element and turns it into a {@link RecordModel}, reporting every problem as a
 * compile error on the record or the component concerned.
 */
final class RecordAnalyzer {

    private static final String SUPPORTED = "supported: primitives and boxes, String, enums, Instant, LocalDate, "
            + "LocalDateTime, LocalTime, BigDecimal with @Decimal, UUID, byte[]";

    private static final Map<String, ValueKind> DECLARED_KINDS = Map.ofEntries(
            Map.entry("java.lang.Boolean", ValueKind.BOOLEAN), Map.entry("java.lang.Byte", ValueKind.BYTE),
            Map.entry("java.lang.Short", ValueKind.SHORT), Map.entry("java.lang.Character", ValueKind.CHAR),
            Map.entry("java.lang.Integer", ValueKind.INT), Map.entry("java.lang.Long", ValueKind.LONG),
            Map.entry("java.lang.Float", ValueKind.FLOAT), Map.entry("java.lang.Double", ValueKind.DOUBLE),
            Map.entry("java.lang.String", ValueKind.STRING), Map.entry("java.time.Instant", ValueKind.INSTANT),
            Map.entry("java.time.LocalDateTime", ValueKind.LOCAL_DATE_TIME),
            Map.entry("java.time.LocalTime", ValueKind.LOCAL_TIME),
            Map.entry("java.time.LocalDate", ValueKind.LOCAL_DATE),
            Map.entry("java.math.BigDecimal", ValueKind.BIG_DECIMAL), Map.entry("java.util.UUID", ValueKind.UUID));

    private static final Map<TypeKind, ValueKind> PRIMITIVE_KINDS = Map.of(TypeKind.BOOLEAN, ValueKind.BOOLEAN,
            TypeKind.BYTE, ValueKind.BYTE, TypeKind.SHORT, ValueKind.SHORT, TypeKind.CHAR, ValueKind.CHAR,
            TypeKind.INT, ValueKind.INT, TypeKind.LONG, ValueKind.LONG, TypeKind.FLOAT, ValueKind.FLOAT,
            TypeKind.DOUBLE, ValueKind.DOUBLE);

    private static final int MAX_DECIMAL_PRECISION = 38;

    private final Elements elements;

    private final Messager messager;

    RecordAnalyzer(Elements elements, Messager messager) {
        this.elements = elements;
        this.messager = messager;
    }

    /** Whether a component's type is not resolved yet, perhaps because another processor generates it. */
    static boolean hasUnresolvedTypes(Element element) {
        if (element.getKind() != ElementKind.RECORD) {
            return false;
        }
        return ((TypeElement) element).getRecordComponents().stream()
                .anyMatch(component -> component.asType().getKind() == TypeKind.ERROR);
    }

    /** The model of {@code element}, or empty after reporting why the SoA type cannot be generated. */
    Optional<RecordModel> analyze(Element element) {
        if (element.getKind() != ElementKind.RECORD) {
            String kind = element.getKind().toString().toLowerCase(Locale.ROOT).replace('_', ' ');
            String article = "aeiou".indexOf(kind.charAt(0)) >= 0 ? "an " : "a ";
            error(element, "@SoA applies to records only, but " + element + " is " + article + kind);
            return Optional.empty();
        }
        TypeElement record = (TypeElement) element;
        String recordName = record.getQualifiedName().toString();
        boolean valid = true;
        if (!record.getTypeParameters().isEmpty()) {
            error(record, "@SoA cannot map generic record " + recordName
                    + ": its generated SoA type needs concrete component types");
            valid = false;
        }
        PackageElement pkg = this.elements.getPackageOf(record);
        String inaccessible = inaccessibility(record, pkg);
        if (inaccessible != null) {
            error(record, "@SoA cannot map record " + recordName + ": it is " + inaccessible
                    + ", but the generated SoA type in the same package must access it");
            valid = false;
        }
        String naming = AnnotationValues.find(this.elements, record, AnnotationValues.SOA)
                .map(soa -> soa.enumValue("naming")).orElse("AS_DECLARED");

        List<ComponentModel> components = new ArrayList<>();
        Map<String, String> componentByColumn = new HashMap<>();
        Map<String, String> componentByConstant = new HashMap<>();
        for (RecordComponentElement component : record.getRecordComponents()) {
            Optional<ComponentModel> model = analyzeComponent(record, pkg, component, naming);
            if (model.isEmpty()) {
                valid = false;
                continue;
            }
            ComponentModel column = model.get();
            String clash = componentByColumn.putIfAbsent(column.columnName(), column.name());
            if (clash != null) {
                error(component, componentError(record, column.name(), "its column name '" + column.columnName()
                        + "' is already used by component '" + clash + "'"));
                valid = false;
            }
            if (ReservedNames.isReservedConstant(column.constantName())) {
                error(component, componentError(record, column.name(), "its column handle "
                        + column.constantName() + " would clash with a constant of the generated class; rename it"));
                valid = false;
            }
            String constantClash = componentByConstant.putIfAbsent(column.constantName(), column.name());
            if (constantClash != null) {
                error(component, componentError(record, column.name(), "its constant Columns."
                        + column.constantName() + " is already used by component '" + constantClash
                        + "'; rename one of them"));
                valid = false;
            }
            components.add(column);
        }
        if (!valid) {
            return Optional.empty();
        }
        String packageName = pkg.isUnnamed() ? "" : pkg.getQualifiedName().toString();
        return Optional.of(new RecordModel(packageName, recordName, record.getSimpleName() + "SoA",
                List.copyOf(components)));
    }

    private Optional<ComponentModel> analyzeComponent(TypeElement record, PackageElement pkg,
            RecordComponentElement component, String naming) {
        String name = component.getSimpleName().toString();
        TypeMirror type = component.asType();
        boolean valid = true;
        if (ReservedNames.isReserved(name)) {
            error(component, componentError(record, name, "the name clashes with a member of the generated "
                    + record.getSimpleName() + "SoA; rename the component (reserved names: "
                    + ReservedNames.list() + ")"));
            valid = false;
        }

        ValueKind kind = kindOf(type);
        if (kind == null) {
            error(component, componentError(record, name, "type " + type + " is not supported (" + SUPPORTED + ")"));
            return Optional.empty();
        }
        String enumType = null;
        if (kind == ValueKind.ENUM) {
            TypeElement enumElement = (TypeElement) ((DeclaredType) type).asElement();
            enumType = enumElement.getQualifiedName().toString();
            String inaccessible = inaccessibility(enumElement, pkg);
            if (inaccessible != null) {
                error(component, componentError(record, name, "enum " + enumType + " is " + inaccessible
                        + ", but the generated SoA type must access it"));
                valid = false;
            }
        }

        int precision = 0;
        int scale = 0;
        Optional<AnnotationValues> decimal =
                AnnotationValues.findOnComponent(this.elements, component, AnnotationValues.DECIMAL);
        if (kind == ValueKind.BIG_DECIMAL) {
            if (decimal.isEmpty()) {
                error(component, componentError(record, name,
                        "java.math.BigDecimal needs @Decimal(precision, scale), the column's scale cannot be guessed"));
                valid = false;
            } else {
                precision = decimal.get().intValue("precision");
                scale = decimal.get().intValue("scale");
                if (precision < 1 || precision > MAX_DECIMAL_PRECISION) {
                    error(component, componentError(record, name, "@Decimal precision " + precision
                            + " is outside 1.." + MAX_DECIMAL_PRECISION));
                    valid = false;
                } else if (scale < 0 || scale > precision) {
                    error(component, componentError(record, name, "@Decimal scale " + scale + " is outside 0.."
                            + precision + " (the precision)"));
                    valid = false;
                }
            }
        } else if (decimal.isPresent()) {
            error(component, componentError(record, name,
                    "@Decimal applies to java.math.BigDecimal only, not to " + type));
            valid = false;
        }

        String columnName = (naming.equals("SNAKE_CASE")) ? ColumnNaming.snakeCase(name) : name;
        Optional<AnnotationValues> column =
                AnnotationValues.findOnComponent(this.elements, component, AnnotationValues.COLUMN);
        if (column.isPresent()) {
            columnName = column.get().stringValue("value");
            if (columnName.isBlank()) {
                error(component, componentError(record, name, "@Column name must not be blank"));
                valid = false;
            }
        }
        if (!valid) {
            return Optional.empty();
        }
        boolean nullable = !type.getKind().isPrimitive();
        return Optional.of(new ComponentModel(name, columnName, ColumnNaming.constantName(name), kind, nullable,
                enumType, precision, scale));
    }

    private static ValueKind kindOf(TypeMirror type) {
        if (type.getKind().isPrimitive()) {
            return PRIMITIVE_KINDS.get(type.getKind());
        }
        if (type.getKind() == TypeKind.ARRAY) {
            return (((ArrayType) type).getComponentType().getKind() == TypeKind.BYTE) ? ValueKind.BYTES : null;
        }
        if (type.getKind() != TypeKind.DECLARED) {
            return null;
        }
        TypeElement element = (TypeElement) ((DeclaredType) type).asElement();
        if (element.getKind() == ElementKind.ENUM) {
            return ValueKind.ENUM;
        }
        return DECLARED_KINDS.get(element.getQualifiedName().toString());
    }

    /**
     * Why code in {@code pkg} cannot name {@code type}, or {@code null} when it can: the type and every type
     * enclosing it must be non-private, and package-private ones must live in {@code pkg}.
     */
    private String inaccessibility(TypeElement type, PackageElement pkg) {
        if (type.getNestingKind() == NestingKind.LOCAL || type.getNestingKind() == NestingKind.ANONYMOUS) {
            return "declared locally";
        }
        for (Element current = type; current instanceof TypeElement; current = current.getEnclosingElement()) {
            if (current.getModifiers().contains(Modifier.PRIVATE)) {
                return (current == type) ? "private" : "nested in private " + current;
            }
            // Protected counts as package-private here: the generated class is no subclass.
            boolean isPublic = current.getModifiers().contains(Modifier.PUBLIC);
            if (!isPublic && !this.elements.getPackageOf(current).equals(pkg)) {
                return "not public in another package";
            }
        }
        return null;
    }

    private static String componentError(TypeElement record, String component, String problem) {
        return "@SoA cannot map component '" + component + "' of " + record.getQualifiedName() + ": " + problem;
    }

    private void error(Element element, String message) {
        this.messager.printMessage(Diagnostic.Kind.ERROR, message, element);
    }
}
