package dev.drydock.cli;

/** A failure the user reads as one line; {@link #exitCode()} is what the process answers. */
final class CliException extends RuntimeException {

    static final int ERROR = 1;
    static final int RUN_NOT_SUCCEEDED = 3;

    private final int exitCode;

    CliException(String message) {
        this(message, ERROR);
    }

    CliException(String message, int exitCode) {
        super(message);
        this.exitCode = exitCode;
    }

    int exitCode() {
        return exitCode;
    }
}
