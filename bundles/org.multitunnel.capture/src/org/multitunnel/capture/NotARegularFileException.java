package org.multitunnel.capture;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Thrown before anything is opened when a capture path names a directory, a FIFO, a device or a socket: opening a
 * FIFO with no writer blocks forever, a device such as {@code /dev/urandom} never ends and reports size 0, and a
 * directory has no bytes at all, so the readers refuse them up front with a message naming the path and what it is.
 * A stream (a pipe, standard input) can still be read on purpose through {@link CaptureReader#read(java.io.InputStream,
 * String, PacketVisitor, OpenOptions)}.
 */
public class NotARegularFileException extends IOException {
    private static final long serialVersionUID = 1L;

    private final transient Path path;
    private final String what;

    public NotARegularFileException(Path path, String what) {
        super(path + ": is " + what + ", not a regular file; a capture must be a regular file");
        this.path = path;
        this.what = what;
    }

    public Path path() {
        return path;
    }

    /** What the path is instead, e.g. "a directory", "a FIFO (named pipe)", "a character device". */
    public String what() {
        return what;
    }

    /** True for a FIFO or socket: something that can be read as a stream instead. */
    public boolean isStream() {
        return what.startsWith("a FIFO") || what.startsWith("a socket");
    }
}
