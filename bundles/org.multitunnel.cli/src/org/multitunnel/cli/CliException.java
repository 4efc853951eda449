package org.multitunnel.cli;

/**
 * A failure the user can act on: a one-line message naming the file or value concerned, and the sysexits code the
 * process ends with. {@link Main} prints it as {@code multitunnel COMMAND: MESSAGE}, never with a stack trace.
 */
public final class CliException extends Exception {
    private static final long serialVersionUID = 1L;
    private final int exitCode;

    public CliException(int exitCode, String message) {
        super(message);
        this.exitCode = exitCode;
    }

    /** One of the {@link Sysexits} codes. */
    public int exitCode() {
        return exitCode;
    }
}
