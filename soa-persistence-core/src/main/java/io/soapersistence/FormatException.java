package io.soapersistence;

import java.nio.file.Path;

/**
 * The file is well formed but uses a structure persistence does not handle, such as nested or repeated
 * columns, or an encoding or codec it cannot read.
 */
public class FormatException extends PersistenceException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates an exception.
     *
     * @param file the file concerned, or {@code null}
     * @param problem what is not supported
     * @param cause the underlying failure, or {@code null}
     */
    public FormatException(Path file, String problem, Throwable cause) {
        super(file, problem, cause);
    }

    @Override
    public FormatException atFile(Path file) {
        return new FormatException(file, problem(), this);
    }
}
