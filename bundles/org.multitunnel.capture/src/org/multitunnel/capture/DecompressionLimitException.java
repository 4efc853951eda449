package org.multitunnel.capture;

/**
 * Thrown when decompressing a gzip capture (or copying a stream) into its spill file reaches a bound of
 * {@link SpillLimits}: the compression ratio, the spill size, or the free space of the spill directory. The file is
 * treated as unacceptable input (a subtype of {@link NotACaptureFileException}, command-line exit 65); the spill is
 * already gone when this is thrown. {@link #limit()} says which bound, so the command line and the GUI can name the
 * option or preference that raises it.
 */
public final class DecompressionLimitException extends NotACaptureFileException {
    private static final long serialVersionUID = 1L;

    /** Which bound was reached. */
    public enum Limit {
        /** {@link SpillLimits#maxRatio()}: far more came out than real captures compress. */
        RATIO,
        /** {@link SpillLimits#maxBytes()}: the spill reached the configured size. */
        SPILL_SIZE,
        /** The spill directory's free space fell to the margin kept free. */
        FREE_SPACE
    }

    private final Limit limit;

    public DecompressionLimitException(Limit limit, String message) {
        super(message);
        this.limit = limit;
    }

    public Limit limit() {
        return limit;
    }
}
