package io.soapersistence.processor;

import java.util.Set;
import java.util.TreeSet;

/**
 * Component names the generated class cannot take. Each component {@code x} gets an element accessor
 * {@code x(int)}; a component named like a fixed member of the SoA type (or of {@code Object},
 * {@code Iterable}, {@code ToArrow}) would clash with it or overload it confusingly, so it is rejected.
 */
final class ReservedNames {

    private static final Set<String> NAMES = Set.of(
            // members of the generated class
            "add", "addAll", "of", "from", "get", "size", "isEmpty", "iterator", "stream", "filter",
            "filterIndexes", "toArrow", "fromArrow", "arrowSchema", "grow",
            // inherited from ArrowSchemaGen and Iterable
            "arrowFieldNames", "arrowFieldTypes", "forEach", "spliterator",
            // inherited from Object
            "equals", "hashCode", "toString", "getClass", "wait", "notify", "notifyAll", "clone", "finalize");

    /** Constants of the generated class that the per-component column handles must not shadow. */
    private static final Set<String> CONSTANTS = Set.of("SCHEMA", "DEFAULT_CAPACITY");

    private ReservedNames() {
    }

    static boolean isReserved(String componentName) {
        return NAMES.contains(componentName);
    }

    static boolean isReservedConstant(String constantName) {
        return CONSTANTS.contains(constantName);
    }

    /** The reserved names, sorted, for error messages. */
    static String list() {
        return String.join(", ", new TreeSet<>(NAMES));
    }
}
