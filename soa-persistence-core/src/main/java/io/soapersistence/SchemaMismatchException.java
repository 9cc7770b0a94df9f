package io.soapersistence;

import java.nio.file.Path;

/**
 * A column exists but does not have the expected type, or stored data and new data disagree on the schema.
 */
public class SchemaMismatchException extends PersistenceException {

    private static final long serialVersionUID = 1L;

    private final String column;

    private final String expected;

    private final String found;

    /**
     * Creates an exception.
     *
     * @param file the file concerned, or {@code null}
     * @param column the column concerned, or {@code null} when the whole schema differs
     * @param expected what the SoA type declares
     * @param found what the file or the Arrow data holds
     */
    public SchemaMismatchException(Path file, String column, String expected, String found) {
        this(file, column, expected, found, null);
    }

    private SchemaMismatchException(Path file, String column, String expected, String found, Throwable cause) {
        this(file, column, expected, found, describe(column, expected, found), cause);
    }

    /**
     * Creates an exception with its own message, for subtypes.
     *
     * @param file the file concerned, or {@code null}
     * @param column the column concerned, or {@code null} when the whole schema differs
     * @param expected what the SoA type declares, or {@code null} when unknown
     * @param found what the file or the Arrow data holds
     * @param message the message, without the file
     * @param cause the cause, or {@code null}
     */
    protected SchemaMismatchException(Path file, String column, String expected, String found, String message,
            Throwable cause) {
        super(file, message, cause);
        this.column = column;
        this.expected = expected;
        this.found = found;
    }

    private static String describe(String column, String expected, String found) {
        String subject = (column != null) ? "column '" + column + "'" : "schema";
        return "schema mismatch in " + subject + ": expected " + expected + " but found " + found;
    }

    /**
     * The column concerned.
     *
     * @return the column name, or {@code null} when the whole schema differs
     */
    public String column() {
        return this.column;
    }

    /**
     * What the SoA type declares.
     *
     * @return the expected type or schema
     */
    public String expected() {
        return this.expected;
    }

    /**
     * What was found instead.
     *
     * @return the found type or schema
     */
    public String found() {
        return this.found;
    }

    @Override
    public SchemaMismatchException atFile(Path file) {
        return new SchemaMismatchException(file, this.column, this.expected, this.found, this);
    }
}
