package io.soapersistence.parquet;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.nio.channels.ClosedByInterruptException;
import java.nio.channels.FileLockInterruptionException;
import java.nio.file.FileSystemException;
import java.nio.file.Path;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletionException;

import io.soapersistence.CorruptFileException;
import io.soapersistence.FormatException;
import io.soapersistence.PersistenceCancelledException;
import io.soapersistence.PersistenceException;
import io.soapersistence.PersistenceIoException;
import io.soapersistence.TypeConversionException;

/**
 * Turns whatever the JDK, parquet-java or Arrow throw into the one {@link PersistenceException} subtype that
 * says what happened, naming the dataset file.
 */
final class Failures {

    private Failures() {
    }

    /**
     * Rethrows, on the thread that waits for it, what a helper thread caught, as it was thrown; a checked exception
     * other than an {@link IOException} is wrapped in one. Nothing if {@code failure} is {@code null}.
     */
    static void rethrowOnCaller(Throwable failure) throws IOException {
        if (failure == null) {
            return;
        }
        if (failure instanceof IOException io) {
            throw io;
        }
        if (failure instanceof RuntimeException runtime) {
            throw runtime;
        }
        if (failure instanceof Error error) {
            throw error;
        }
        throw new IOException(failure);
    }

    /** What the failing step was doing, which decides how an unspecific exception reads. */
    enum Stage {
        /** Parsing an existing file: unexplained failures mean the file is damaged. */
        READ,
        /** Writing a new file: unexplained failures are I/O or conversion problems. */
        WRITE
    }

    static PersistenceException translate(Throwable failure, Path file, Stage stage) {
        Throwable cause = unwrap(failure);
        if (cause instanceof PersistenceException persistence) {
            return persistence.file().isPresent() ? persistence : persistence.atFile(file);
        }
        if (isInterruption(cause)) {
            return new PersistenceCancelledException(file, "interrupted before the operation committed; stored data "
                    + "is unchanged", cause);
        }
        if (cause instanceof FileSystemException fs) {
            return new PersistenceIoException(file, describe(fs, file), fs);
        }
        if (cause instanceof UnsupportedOperationException unsupported) {
            return new FormatException(file, unsupported.getMessage(), unsupported);
        }
        if (stage == Stage.READ && (cause instanceof IOException || cause instanceof RuntimeException)) {
            return new CorruptFileException(file, "not a readable Parquet file: " + message(cause), cause);
        }
        if (cause instanceof IOException io) {
            return new PersistenceIoException(file, message(io), io);
        }
        if (cause instanceof ArithmeticException || cause instanceof IllegalArgumentException) {
            return new TypeConversionException(file, null, message(cause));
        }
        if (cause instanceof Error error) {
            throw error;
        }
        return new PersistenceIoException(file, "unexpected failure: " + message(cause), cause);
    }

    private static Throwable unwrap(Throwable failure) {
        Throwable current = failure;
        while ((current instanceof CompletionException || current instanceof UncheckedIOException)
                && current.getCause() != null) {
            current = current.getCause();
        }
        return current;
    }

    private static boolean isInterruption(Throwable cause) {
        return cause instanceof ClosedByInterruptException || cause instanceof FileLockInterruptionException
                || cause instanceof InterruptedException || cause instanceof CancellationException
                || (cause instanceof InterruptedIOException && !(cause instanceof java.net.SocketTimeoutException));
    }

    private static String describe(FileSystemException fs, Path file) {
        String kind = switch (fs.getClass().getSimpleName()) {
            case "AccessDeniedException" -> "permission denied";
            case "NoSuchFileException" -> "no such file or directory";
            case "NotDirectoryException" -> "not a directory";
            case "FileAlreadyExistsException" -> "file already exists";
            case "DirectoryNotEmptyException" -> "directory not empty";
            default -> (fs.getReason() != null) ? fs.getReason() : "file system error";
        };
        boolean namesAnotherFile = fs.getFile() != null && !fs.getFile().equals(String.valueOf(file));
        return kind + (namesAnotherFile ? " (" + fs.getFile() + ")" : "");
    }

    private static String message(Throwable cause) {
        String message = cause.getMessage();
        return (message != null) ? message : cause.getClass().getSimpleName();
    }
}
