package io.soapersistence.processor;

import java.util.Map;
import java.util.Optional;

import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.RecordComponentElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.util.Elements;

/**
 * Reads annotations by qualified name, since the processor does not depend on the API that declares them.
 */
final class AnnotationValues {

    static final String SOA = "io.soapersistence.SoA";

    static final String COLUMN = "io.soapersistence.Column";

    static final String DECIMAL = "io.soapersistence.Decimal";

    private final Elements elements;

    private final AnnotationMirror mirror;

    private AnnotationValues(Elements elements, AnnotationMirror mirror) {
        this.elements = elements;
        this.mirror = mirror;
    }

    /** The annotation named {@code annotationType} on {@code element}, if present. */
    static Optional<AnnotationValues> find(Elements elements, Element element, String annotationType) {
        for (AnnotationMirror candidate : element.getAnnotationMirrors()) {
            TypeElement type = (TypeElement) candidate.getAnnotationType().asElement();
            if (type.getQualifiedName().contentEquals(annotationType)) {
                return Optional.of(new AnnotationValues(elements, candidate));
            }
        }
        return Optional.empty();
    }

    /**
     * The annotation on a record component. Javac propagates an annotation targeting record components to the
     * component itself; one written on an explicitly declared accessor is found there.
     */
    static Optional<AnnotationValues> findOnComponent(Elements elements, RecordComponentElement component,
            String annotationType) {
        Optional<AnnotationValues> found = find(elements, component, annotationType);
        ExecutableElement accessor = component.getAccessor();
        if (found.isEmpty() && accessor != null) {
            found = find(elements, accessor, annotationType);
        }
        return found;
    }

    /** The value of {@code name}, with the annotation's default applied. */
    Object value(String name) {
        Map<? extends ExecutableElement, ? extends AnnotationValue> values =
                this.elements.getElementValuesWithDefaults(this.mirror);
        for (Map.Entry<? extends ExecutableElement, ? extends AnnotationValue> entry : values.entrySet()) {
            if (entry.getKey().getSimpleName().contentEquals(name)) {
                return entry.getValue().getValue();
            }
        }
        throw new IllegalArgumentException("@" + this.mirror.getAnnotationType() + " has no element " + name);
    }

    int intValue(String name) {
        return (Integer) value(name);
    }

    String stringValue(String name) {
        return (String) value(name);
    }

    /** The simple name of an enum constant value. */
    String enumValue(String name) {
        return ((VariableElement) value(name)).getSimpleName().toString();
    }
}
