package org.multitunnel.wire;

/**
 * The codec's one typed error. Every decoder reports bad input through this exception, carrying the byte
 * offset and whether the input was merely short ({@link Kind#TRUNCATED}) or self-contradictory
 * ({@link Kind#MALFORMED}); callers (reader, views, CLI) can then show a precise message and keep going.
 */
public final class DecodeException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** Why decoding stopped. */
    public enum Kind {
        /** Fewer bytes than the format needs. */
        TRUNCATED,
        /** Enough bytes, but values that contradict the format. */
        MALFORMED
    }

    private final Kind kind;
    private final int offset;

    public DecodeException(Kind kind, int offset, String reason) {
        super(reason + " at offset " + offset);
        this.kind = kind;
        this.offset = offset;
    }

    public static DecodeException truncated(int offset, String what, int needed, int available) {
        return new DecodeException(Kind.TRUNCATED, offset,
                what + " needs " + needed + " bytes but only " + available + " remain");
    }

    public static DecodeException malformed(int offset, String reason) {
        return new DecodeException(Kind.MALFORMED, offset, reason);
    }

    public Kind kind() {
        return kind;
    }

    /** Absolute byte offset (within the buffer handed to the decoder) where the problem was found. */
    public int offset() {
        return offset;
    }
}
