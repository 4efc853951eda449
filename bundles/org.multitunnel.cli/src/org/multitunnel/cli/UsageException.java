package org.multitunnel.cli;

/** Bad command-line arguments: {@link Main} prints the message and the command's usage, exit code 64. */
public final class UsageException extends Exception {
    private static final long serialVersionUID = 1L;

    public UsageException(String message) {
        super(message);
    }
}
