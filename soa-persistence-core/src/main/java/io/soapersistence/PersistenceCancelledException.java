package io.soapersistence;

import java.nio.file.Path;

/**
 * The operation was cancelled or its thread interrupted before it committed. Stored data is unchanged.
 */
public class PersistenceCancelledException extends PersistenceException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates an exception.
     *
     * @param file the file concerned
     * @param problem what was interrupted
     * @param cause the underlying failure, or {@code null}
     */
    public PersistenceCancelledException(Path file, String problem, Throwable cause) {
        super(file, problem, cause);
    }

    @Override
    public PersistenceCancelledException atFile(Path file) {
        return new PersistenceCancelledException(file, problem(), this);
    }
}
