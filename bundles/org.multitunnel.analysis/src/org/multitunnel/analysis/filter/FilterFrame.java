package org.multitunnel.analysis.filter;

import java.nio.ByteBuffer;

/**
 * The frame a {@link FrameMatcher} tests: its number, capture record (time, lengths, link type) and bytes, plus the
 * reference times for {@code frame.time_relative} and {@code frame.time_delta}. Mutable and reused for every frame
 * of a pass so filtering millions of frames allocates nothing; the bytes are read with absolute gets and never
 * copied, and are only valid until the caller moves on.
 */
public final class FilterFrame {
    private long number;
    private int linkType;
    private ByteBuffer buffer;
    private int offset;
    private int capturedLength;
    private int originalLength;
    private long timeNanos;
    private long firstTimeNanos;
    private long previousTimeNanos;
    private boolean started;

    /**
     * Sets every property explicitly (random access: the caller knows the first and the previous frame's time).
     *
     * @param number            1-based frame number (Wireshark's frame.number)
     * @param linkType          LINKTYPE_* of the frame's interface
     * @param buffer            buffer holding the frame's bytes at [offset, offset + capturedLength)
     * @param timeNanos         capture time, ns since 1970-01-01T00:00Z
     * @param firstTimeNanos    capture time of the capture's first frame (frame.time_relative)
     * @param previousTimeNanos capture time of the previous frame, or timeNanos for the first (frame.time_delta)
     */
    public FilterFrame set(long number, int linkType, ByteBuffer buffer, int offset, int capturedLength,
            int originalLength, long timeNanos, long firstTimeNanos, long previousTimeNanos) {
        this.number = number;
        this.linkType = linkType;
        this.buffer = buffer;
        this.offset = offset;
        this.capturedLength = capturedLength;
        this.originalLength = originalLength;
        this.timeNanos = timeNanos;
        this.firstTimeNanos = firstTimeNanos;
        this.previousTimeNanos = previousTimeNanos;
        this.started = true;
        return this;
    }

    /**
     * Sets the next frame of a pass in capture order: the first frame given after construction (or {@link #reset()})
     * is the time reference, and each frame's delta is taken to the one given before it.
     */
    public FilterFrame next(long number, int linkType, ByteBuffer buffer, int offset, int capturedLength,
            int originalLength, long timeNanos) {
        long first = started ? firstTimeNanos : timeNanos;
        long previous = started ? this.timeNanos : timeNanos;
        return set(number, linkType, buffer, offset, capturedLength, originalLength, timeNanos, first, previous);
    }

    /** Forgets the reference times, so the next {@link #next} call starts a new pass. */
    public FilterFrame reset() {
        started = false;
        return this;
    }

    public long number() {
        return number;
    }

    public int linkType() {
        return linkType;
    }

    public ByteBuffer buffer() {
        return buffer;
    }

    public int offset() {
        return offset;
    }

    public int capturedLength() {
        return capturedLength;
    }

    public int originalLength() {
        return originalLength;
    }

    public long timeNanos() {
        return timeNanos;
    }

    public long firstTimeNanos() {
        return firstTimeNanos;
    }

    public long previousTimeNanos() {
        return previousTimeNanos;
    }

    /** A read-only slice of just this frame (allocates; positions start at 0). */
    public ByteBuffer slice() {
        return buffer.slice(offset, capturedLength).asReadOnlyBuffer();
    }
}
