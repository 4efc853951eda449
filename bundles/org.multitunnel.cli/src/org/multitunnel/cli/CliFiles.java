package org.multitunnel.cli;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;

/**
 * The files a command line names, checked the same way by every command and option before any work starts, so a
 * wrong path is one line naming it with its sysexits code. Inputs must exist, not be a directory and be readable
 * (66); captures must exist and be readable, and the capture engine refuses directories, FIFOs and devices (66).
 * Outputs get their missing parent folders created — {@code --json}, {@code --pcapng}, {@code --junit},
 * {@code --html}, {@code --record} and {@code synth OUT} behave like {@code --csv DIR} always did — and what cannot
 * be created or written is 73.
 */
final class CliFiles {
    /** Writes one output file (a library call that opens and fills it). */
    interface Writing {
        void write() throws IOException;
    }

    private CliFiles() {
    }

    /** A file to read, named by {@code text} (the option in {@code what}, or "" for a positional FILE). */
    static Path input(String text, String what) throws CliException {
        Path p = path(text, what, Sysexits.NOINPUT);
        String name = label(what, p);
        if (!Files.exists(p)) {
            throw new CliException(Sysexits.NOINPUT, name + ": no such file");
        }
        if (Files.isDirectory(p)) {
            throw new CliException(Sysexits.NOINPUT, name + ": is a directory, not a file");
        }
        if (!Files.isReadable(p)) {
            throw new CliException(Sysexits.NOINPUT, name + ": permission denied");
        }
        return p;
    }

    /**
     * A capture to read: it must exist and be readable (66); whether it is a regular file is the capture engine's
     * to say (its {@code NotARegularFileException} names directories, FIFOs and devices alike, also 66).
     */
    static Path capture(String text) throws CliException {
        Path p = path(text, "", Sysexits.NOINPUT);
        if (!Files.exists(p)) {
            throw new CliException(Sysexits.NOINPUT, p + ": no such file");
        }
        if (!Files.isDirectory(p) && !Files.isReadable(p)) {
            throw new CliException(Sysexits.NOINPUT, p + ": permission denied");
        }
        return p;
    }

    /** A file to write: not a directory; its missing parent folders are created. */
    static Path output(String text, String option) throws CliException {
        Path p = path(text, option, Sysexits.CANTCREAT);
        if (Files.isDirectory(p)) {
            throw new CliException(Sysexits.CANTCREAT, label(option, p) + ": is a directory, not a file");
        }
        Path parent = p.toAbsolutePath().getParent();
        if (parent != null) {
            folders(parent, option, p);
        }
        return p;
    }

    /** A folder to write files into, created with its parents when missing. */
    static Path outputFolder(String text, String option) throws CliException {
        Path p = path(text, option, Sysexits.CANTCREAT);
        if (Files.exists(p) && !Files.isDirectory(p)) {
            throw new CliException(Sysexits.CANTCREAT, label(option, p) + ": is a file, not a folder");
        }
        folders(p, option, p);
        return p;
    }

    /** Runs {@code w}, turning a failure to create or fill the output into 73 naming {@code file}. */
    static void write(Path file, String option, Writing w) throws CliException {
        try {
            w.write();
        } catch (IOException e) {
            throw new CliException(Sysexits.CANTCREAT, label(option, file) + ": cannot write: " + reason(e));
        }
    }

    private static void folders(Path dir, String option, Path target) throws CliException {
        try {
            Files.createDirectories(dir);
        } catch (FileAlreadyExistsException e) {
            throw new CliException(Sysexits.CANTCREAT, label(option, target) + ": " + e.getFile()
                    + " is a file, not a folder");
        } catch (IOException e) {
            throw new CliException(Sysexits.CANTCREAT, label(option, target) + ": cannot create folder " + dir + ": "
                    + reason(e));
        }
    }

    private static Path path(String text, String what, int code) throws CliException {
        try {
            return Path.of(text);
        } catch (InvalidPathException e) {
            throw new CliException(code, (what.isEmpty() ? "" : what + " ") + "'" + text + "' is not a valid path");
        }
    }

    private static String label(String what, Path p) {
        return what.isEmpty() ? p.toString() : what + " " + p;
    }

    /** The cause in a few words, without the exception class. */
    static String reason(IOException e) {
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof FileSystemException f && f.getReason() != null) {
            return f.getReason();
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
}
