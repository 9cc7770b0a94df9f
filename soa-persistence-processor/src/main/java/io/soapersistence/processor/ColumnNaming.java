package io.soapersistence.processor;

import java.util.Locale;

/**
 * Derives column names and constant names from component names.
 */
final class ColumnNaming {

    private ColumnNaming() {
    }

    /**
     * Lower snake case: {@code totalAmount} becomes {@code total_amount}. An acronym stays one word, so
     * {@code HTTPCode} and {@code httpCode} both become {@code http_code} and {@code orderID} becomes
     * {@code order_id}.
     */
    static String snakeCase(String name) {
        StringBuilder snake = new StringBuilder(name.length() + 4);
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (Character.isUpperCase(c) && i > 0 && startsWord(name, i)) {
                snake.append('_');
            }
            snake.append(c);
        }
        return snake.toString().toLowerCase(Locale.ROOT);
    }

    /** The name of the constant in the generated {@code Columns} class: {@code totalAmount} -> TOTAL_AMOUNT. */
    static String constantName(String componentName) {
        return snakeCase(componentName).toUpperCase(Locale.ROOT);
    }

    private static boolean startsWord(String name, int upperIndex) {
        char previous = name.charAt(upperIndex - 1);
        if (previous == '_') {
            return false;
        }
        if (Character.isLowerCase(previous) || Character.isDigit(previous)) {
            return true;
        }
        // Inside an acronym, the last capital starts the next word: the C of "HTTPCode".
        boolean nextIsLower = upperIndex + 1 < name.length() && Character.isLowerCase(name.charAt(upperIndex + 1));
        return Character.isUpperCase(previous) && nextIsLower;
    }
}
