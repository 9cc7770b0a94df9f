package io.soapersistence.sample;

import java.util.List;

/** Posted orders that fail validation; rendered as 400 problem details listing every violation. */
final class InvalidOrdersException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final transient List<Violation> violations;

    InvalidOrdersException(String message, List<Violation> violations) {
        super(message);
        this.violations = List.copyOf(violations);
    }

    List<Violation> violations() {
        return this.violations;
    }

    /**
     * One invalid field.
     *
     * @param index the position of the order in the posted array
     * @param field the JSON field name, or {@code null} when the whole element is invalid
     * @param message what is wrong
     */
    record Violation(int index, String field, String message) {

        /**
         * The RFC 6901 JSON pointer to the invalid value in the request body, such as {@code /3/quantity}.
         *
         * @return the pointer
         */
        String pointer() {
            return this.field == null ? "/" + this.index : "/" + this.index + "/" + this.field;
        }
    }
}
