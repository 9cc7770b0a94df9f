package io.soapersistence;

import java.nio.file.Path;

/**
 * The operating system refused or failed an I/O operation: missing permissions, a full disk, a file size
 * limit, a lock held by another process.
 */
public class PersistenceIoException extends PersistenceException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates an exception.
     *
     * @param file the file or directory concerned
     * @param problem what went wrong
     * @param cause the underlying failure, or {@code null}
     */
    public PersistenceIoException(Path file, String problem, Throwable cause) {
        super(file, problem, cause);
    }

    @Override
    public PersistenceIoException atFile(Path file) {
        return new PersistenceIoException(file, problem(), this);
    }
}
