package io.soapersistence;

import java.nio.file.Path;

/**
 * The file is not a readable Parquet file: empty, truncated, not Parquet at all, or damaged in its footer or
 * pages.
 */
public class CorruptFileException extends PersistenceException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates an exception.
     *
     * @param file the damaged file
     * @param problem the defect found
     * @param cause the underlying failure, or {@code null}
     */
    public CorruptFileException(Path file, String problem, Throwable cause) {
        super(file, problem, cause);
    }

    @Override
    public CorruptFileException atFile(Path file) {
        return new CorruptFileException(file, problem(), this);
    }
}
