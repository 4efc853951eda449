package org.multitunnel.capture;

import java.util.List;

/**
 * Lets a UI follow and cancel background indexing ({@link CaptureFile#openInBackground}). Called on the indexing
 * thread; keep the callbacks short. {@link #cancelled()} is polled every few thousand packets.
 */
public interface IndexListener {
    /** Progress: packets indexed so far, bytes scanned of {@code totalBytes}. */
    default void progress(int packets, long bytesScanned, long totalBytes) {
    }

    /** Return {@code true} to stop indexing; the packets indexed so far stay usable. */
    default boolean cancelled() {
        return false;
    }

    /**
     * Following a growing file ({@link CaptureFile#follow}): the index has reached what was written so far. Called
     * once per poll, on the indexing thread, so work that must see a consistent prefix (publishing running totals)
     * can be done here without another thread.
     */
    default void caughtUp(int packets) {
    }

    /**
     * Indexing has ended (completed, cancelled or failed with an I/O error, then {@code failure} is non-null).
     */
    default void finished(int packets, List<ReadWarning> warnings, Throwable failure) {
    }
}
