package io.tributary.cli;

/**
 * A failure a command explains in one line, such as {@code topic 'x' does not exist}. {@link Main}
 * prints it as {@code tributary: MESSAGE} and exits with 1; no stack trace reaches the user.
 */
public final class CliException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public CliException(String message) {
        super(message, null, false, false);
    }
}
