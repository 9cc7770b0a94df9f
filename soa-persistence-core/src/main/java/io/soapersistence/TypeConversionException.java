package io.soapersistence;

import java.nio.file.Path;

/**
 * A value cannot be converted to or from its column type: an enum constant the type does not declare, a
 * decimal that does not fit its precision, a null in a primitive column.
 */
public class TypeConversionException extends PersistenceException {

    private static final long serialVersionUID = 1L;

    private final String column;

    /**
     * Creates an exception.
     *
     * @param file the file concerned, or {@code null}
     * @param column the column concerned, or {@code null} when unknown
     * @param problem what could not be converted
     */
    public TypeConversionException(Path file, String column, String problem) {
        this(file, column, problem, null);
    }

    private TypeConversionException(Path file, String column, String problem, Throwable cause) {
        super(file, (column == null || problem.startsWith("column '")) ? problem : "column '" + column + "': " + problem,
                cause);
        this.column = column;
    }

    /**
     * The column concerned.
     *
     * @return the column name, or {@code null} when unknown
     */
    public String column() {
        return this.column;
    }

    @Override
    public TypeConversionException atFile(Path file) {
        return new TypeConversionException(file, this.column, problem(), this);
    }
}
