package org.multitunnel.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;

import org.multitunnel.capture.NotACaptureFileException;

/**
 * Turns whatever a command throws into the one line and the sysexits code the user gets — the single place that
 * decides, so no command can leak a raw {@code java.io.IOException: Is a directory} or a stack trace. Commands
 * throw {@link UsageException} and {@link CliException} for what they recognise; the capture engine's own failures
 * go through {@link CaptureProblems}; the rest is classified here by type (a missing file is 66, a name that does
 * not resolve 68, an address in use 69, any other I/O failure 74), and anything unexpected is reported as a bug
 * (70), still on one line.
 */
final class Failures {
    private Failures() {
    }

    /** Prints the failure of {@code command} on {@code err} as one line and returns its exit code. */
    static int report(Command command, Throwable e, PrintStream err) {
        String prefix = "multitunnel " + command.name() + ": ";
        Throwable t = e instanceof UncheckedIOException u && u.getCause() != null ? u.getCause() : e;
        int code;
        String line;
        if (t instanceof UsageException) {
            code = Sysexits.USAGE;
            line = t.getMessage() + " (see multitunnel " + command.name() + " --help)";
        } else if (t instanceof CliException c) {
            code = c.exitCode();
            line = c.getMessage();
        } else if ((code = CaptureProblems.report(command.name(), t, err)) >= 0) {
            return code; // the capture engine's own failures (not a file, gzip limits, shrank while read)
        } else if (t instanceof NotACaptureFileException) {
            code = Sysexits.DATAERR;
            line = t.getMessage();
        } else if (t instanceof NoSuchFileException f) {
            code = Sysexits.NOINPUT;
            line = f.getFile() + ": no such file";
        } else if (t instanceof AccessDeniedException f) {
            code = Sysexits.NOINPUT;
            line = f.getFile() + ": permission denied";
        } else if (t instanceof FileSystemException f) {
            code = Sysexits.IOERR;
            line = f.getFile() + ": " + (f.getReason() != null ? f.getReason() : "cannot be used");
        } else if (t instanceof UnknownHostException) {
            code = Sysexits.NOHOST;
            line = "host '" + t.getMessage() + "' does not resolve";
        } else if (t instanceof BindException || t instanceof SocketException) {
            code = Sysexits.UNAVAILABLE;
            line = "network: " + t.getMessage();
        } else if (t instanceof IOException) {
            code = Sysexits.IOERR;
            line = "I/O error: " + t.getMessage();
        } else if (t instanceof OutOfMemoryError) {
            code = Sysexits.SOFTWARE;
            line = "out of memory (give the JVM more with MULTITUNNEL_JAVA_OPTS=-Xmx…)";
        } else {
            code = Sysexits.SOFTWARE;
            line = "internal error, please report it: " + t.getClass().getSimpleName()
                    + (t.getMessage() != null ? ": " + t.getMessage() : "");
        }
        err.println(prefix + oneLine(line));
        return code;
    }

    /** Messages from libraries may span lines; the contract is one line per failure. */
    static String oneLine(String s) {
        return s == null ? "" : s.strip().replaceAll("\\s*[\\r\\n]+\\s*", " ");
    }
}
