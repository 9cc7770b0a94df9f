package io.soapersistence.processor;

/**
 * Java source under construction, with block indentation handled by {@link #open} and {@link #close}.
 */
final class SourceText {

    private static final String INDENT = "    ";

    private final StringBuilder text = new StringBuilder(16_384);

    private int depth;

    /** Appends one line at the current indentation. */
    SourceText line(String line) {
        if (!line.isEmpty()) {
            this.text.append(INDENT.repeat(this.depth)).append(line);
        }
        this.text.append('\n');
        return this;
    }

    SourceText blank() {
        return line("");
    }

    /** Appends {@code header + " {"} and indents what follows. */
    SourceText open(String header) {
        line(header + " {");
        this.depth++;
        return this;
    }

    /** Ends the innermost block. */
    SourceText close() {
        return close("}");
    }

    /** Ends the innermost block with {@code closing}, such as {@code "} else {"} or {@code "});"}. */
    SourceText close(String closing) {
        this.depth--;
        return line(closing);
    }

    /** Ends the innermost block and opens the next at the same level, as in {@code "} else {"}. */
    SourceText reopen(String header) {
        this.depth--;
        line("} " + header + " {");
        this.depth++;
        return this;
    }

    /** A Javadoc comment of the given lines. */
    SourceText javadoc(String... lines) {
        line("/**");
        for (String comment : lines) {
            line(comment.isEmpty() ? " *" : " * " + comment);
        }
        return line(" */");
    }

    /** A Java string literal of {@code value}. */
    static String quote(String value) {
        StringBuilder literal = new StringBuilder(value.length() + 2).append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> literal.append("\\\"");
                case '\\' -> literal.append("\\\\");
                case '\n' -> literal.append("\\n");
                case '\r' -> literal.append("\\r");
                case '\t' -> literal.append("\\t");
                default -> {
                    if (c < 0x20 || c == 0x7f) {
                        literal.append(String.format("\\u%04x", (int) c));
                    } else {
                        literal.append(c);
                    }
                }
            }
        }
        return literal.append('"').toString();
    }

    /** Escapes text for use inside Javadoc. */
    static String html(String value) {
        return value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("@", "&#64;")
                .replace("*/", "*&#47;");
    }

    @Override
    public String toString() {
        return this.text.toString();
    }
}
