package io.soapersistence;

import java.nio.file.Path;

/**
 * A column the SoA type needs is absent from the file or the Arrow data.
 */
public class ColumnNotFoundException extends PersistenceException {

    private static final long serialVersionUID = 1L;

    private final String column;

    /**
     * Creates an exception.
     *
     * @param file the file concerned, or {@code null}
     * @param column the missing column
     */
    public ColumnNotFoundException(Path file, String column) {
        this(file, column, null);
    }

    private ColumnNotFoundException(Path file, String column, Throwable cause) {
        super(file, "column '" + column + "' not found", cause);
        this.column = column;
    }

    /**
     * The missing column.
     *
     * @return the column name
     */
    public String column() {
        return this.column;
    }

    @Override
    public ColumnNotFoundException atFile(Path file) {
        return new ColumnNotFoundException(file, this.column, this);
    }
}
