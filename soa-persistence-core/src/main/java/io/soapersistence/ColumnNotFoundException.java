package io.soapersistence;

import java.nio.file.Path;

/**
 * A column the SoA type needs is absent from the file or the Arrow data: the schema mismatch whose found type
 * is {@value #MISSING}. A nullable component missing from a file is not an error; loads read it as null.
 */
public class ColumnNotFoundException extends SchemaMismatchException {

    private static final long serialVersionUID = 1L;

    /** What {@link #found()} reports for a column that is not there. */
    public static final String MISSING = "missing";

    /**
     * Creates an exception.
     *
     * @param file the file concerned, or {@code null}
     * @param column the missing column
     */
    public ColumnNotFoundException(Path file, String column) {
        this(file, column, null, null);
    }

    /**
     * Creates an exception that says which type the missing column should have had.
     *
     * @param file the file concerned, or {@code null}
     * @param column the missing column
     * @param expected what the SoA type declares, or {@code null} when unknown
     */
    public ColumnNotFoundException(Path file, String column, String expected) {
        this(file, column, expected, null);
    }

    private ColumnNotFoundException(Path file, String column, String expected, Throwable cause) {
        super(file, column, expected, MISSING, "column '" + column + "' not found"
                + ((expected != null) ? ": expected " + expected + " but found " + MISSING : ""), cause);
    }

    @Override
    public ColumnNotFoundException atFile(Path file) {
        return new ColumnNotFoundException(file, column(), expected(), this);
    }
}
