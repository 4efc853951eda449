package org.multitunnel.capture.internal;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;

import org.multitunnel.capture.NotARegularFileException;

/**
 * The checks every reader makes on a path before opening it, with {@code stat} only: opening a FIFO that has no
 * writer blocks forever, a character device never ends (and reports size 0), a directory has no bytes. Each case
 * gets its typed exception so the command line and the GUI can both say what the path is.
 */
public final class InputFiles {
    /** {@code st_mode} file-type bits (POSIX). */
    private static final int S_IFMT = 0170000;
    private static final int S_IFSOCK = 0140000;
    private static final int S_IFBLK = 0060000;
    private static final int S_IFCHR = 0020000;
    private static final int S_IFIFO = 0010000;

    private InputFiles() {
    }

    /**
     * @throws java.nio.file.NoSuchFileException the path does not exist
     * @throws NotARegularFileException          a directory, FIFO, device or socket
     * @throws AccessDeniedException             the file exists but this user cannot read it
     */
    public static void requireReadableRegularFile(Path path) throws IOException {
        BasicFileAttributes a = Files.readAttributes(path, BasicFileAttributes.class);
        if (a.isDirectory()) {
            throw new NotARegularFileException(path, "a directory");
        }
        if (!a.isRegularFile()) {
            throw new NotARegularFileException(path, describeSpecial(path));
        }
        if (!Files.isReadable(path)) {
            throw new AccessDeniedException(path.toString(), null, "permission denied");
        }
    }

    private static String describeSpecial(Path path) {
        int mode;
        try {
            mode = (Integer) Files.getAttribute(path, "unix:mode");
        } catch (IOException | RuntimeException e) { // no "unix" view on this platform
            return "a special file";
        }
        return switch (mode & S_IFMT) {
            case S_IFIFO -> "a FIFO (named pipe)";
            case S_IFCHR -> "a character device";
            case S_IFBLK -> "a block device";
            case S_IFSOCK -> "a socket";
            default -> "a special file";
        };
    }
}
