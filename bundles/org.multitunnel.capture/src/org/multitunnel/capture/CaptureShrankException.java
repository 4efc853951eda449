package org.multitunnel.capture;

import java.nio.file.Path;

/**
 * A packet's bytes are gone because another program truncated the capture file after it was indexed: reading the
 * memory-mapped page would fault (the JVM turns the SIGBUS into an {@link InternalError}). {@link CaptureFile}
 * throws this instead for every packet past the file's new end once it has noticed (see
 * {@link CaptureFile#shrinkFault}); the packets before the new end stay readable, and the index (times, lengths)
 * keeps every packet. Unchecked, like the fault it replaces, so per-packet code needs no {@code throws} clause.
 */
public final class CaptureShrankException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final transient Path path;
    private final long mappedSize;
    private final long currentSize;

    public CaptureShrankException(Path path, long mappedSize, long currentSize, String message) {
        super(message);
        this.path = path;
        this.mappedSize = mappedSize;
        this.currentSize = currentSize;
    }

    /**
     * True for the JVM's fault on a memory-mapped page ({@link InternalError} "a fault occurred in ... unsafe memory
     * access operation"), which is what reading a capture that another program truncated raises where no reader
     * could translate it; an application's last-resort handler can then say so instead of crashing.
     */
    public static boolean isMappingFault(Throwable t) {
        return org.multitunnel.capture.internal.MappingFaults.isMappingFault(t);
    }

    public Path path() {
        return path;
    }

    /** Size of the file when it was opened (mapped). */
    public long mappedSize() {
        return mappedSize;
    }

    /** Size of the file when the shrink was noticed. */
    public long currentSize() {
        return currentSize;
    }
}
