package io.soapersistence;

import java.nio.file.Path;
import java.util.Optional;

/**
 * The root of every failure persistence reports. Each subtype stands for one kind of problem; the message
 * names the file (when one is involved) and the problem.
 */
public abstract class PersistenceException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final transient Path file;

    private final String problem;

    /**
     * Creates an exception.
     *
     * @param file the file concerned, or {@code null} when no file is involved (such as a conversion in memory)
     * @param problem what went wrong, without the file name
     * @param cause the underlying failure, or {@code null}
     */
    protected PersistenceException(Path file, String problem, Throwable cause) {
        super(file == null ? problem : file + ": " + problem, cause);
        this.file = file;
        this.problem = problem;
    }

    /**
     * The file concerned.
     *
     * @return the file, or empty when the failure happened in memory
     */
    public Optional<Path> file() {
        return Optional.ofNullable(this.file);
    }

    /**
     * What went wrong, without the file name.
     *
     * @return the problem description
     */
    public String problem() {
        return this.problem;
    }

    /**
     * Returns an exception of the same kind that names {@code file}, with this exception as its cause. Used
     * when a conversion error raised in memory surfaces during a file operation.
     *
     * @param file the file to name
     * @return a new exception of the same subtype
     */
    public abstract PersistenceException atFile(Path file);
}
