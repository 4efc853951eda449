package org.multitunnel.capture;

/**
 * One problem the reader met and worked around, so a damaged capture still opens and the user is told what was
 * skipped and where. {@code offset} is the byte offset in the (decompressed) capture where the problem starts;
 * {@code frame} the number of the last packet read before it (0 when none was, or when not known), so a finding
 * about the damage can point at a packet next to it.
 */
public record ReadWarning(long offset, Kind kind, String message, long frame) {
    public ReadWarning(long offset, Kind kind, String message) {
        this(offset, kind, message, 0);
    }

    /**
     * Equal when offset, kind and message are: the frame follows from the offset within a file, so it is left out
     * (a warning built without it, frame 0, still equals the one a reader reports).
     */
    @Override
    public boolean equals(Object o) {
        return o instanceof ReadWarning w && w.offset == offset && w.kind == kind
                && java.util.Objects.equals(w.message, message);
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(offset, kind, message);
    }

    /** What went wrong, coarse enough to assert on and to group in a UI. */
    public enum Kind {
        /** The file ends inside a record or block; everything before it was kept. */
        TRUNCATED,
        /** A record or block length is impossible (negative, too small, too large, beyond the end of the file). */
        BAD_LENGTH,
        /** A pcapng block's trailing length differs from its leading length. */
        LENGTH_MISMATCH,
        /** A packet's captured length exceeds the interface snapshot length; the packet was kept. */
        CAPLEN_EXCEEDS_SNAPLEN,
        /** A packet with zero captured bytes; it was kept. */
        ZERO_LENGTH,
        /** A pcapng packet refers to an interface the section has not described; the packet was skipped. */
        UNKNOWN_INTERFACE,
        /** A header or block body that cannot be interpreted (bad byte-order magic, unsupported version, ...). */
        BAD_BLOCK,
        /** After damage the reader found the next valid record and continued from there. */
        RESYNCHRONISED,
        /** A timestamp that does not fit in signed 64-bit nanoseconds since the epoch; it was saturated. */
        TIMESTAMP_OVERFLOW,
        /** The gzip stream is corrupt or truncated; the packets decompressed before the damage were kept. */
        COMPRESSION,
        /**
         * The file became shorter while it was read (another program truncated or rewrote it); reading stopped at
         * its new end and the packets read before were kept.
         */
        SHRANK,
        /** The reader stopped early: too many packets for the index, or indexing was cancelled. */
        INCOMPLETE,
        /** More warnings than the reader keeps; the message says how many were dropped. */
        SUPPRESSED
    }

    @Override
    public String toString() {
        return kind + " at offset " + offset + ": " + message;
    }
}
