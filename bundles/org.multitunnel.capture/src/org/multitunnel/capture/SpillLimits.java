package org.multitunnel.capture;

import java.nio.file.Path;

/**
 * Bounds on decompressing a gzip capture (or copying a stream) into the spill file that gets memory-mapped, because a
 * few kilobytes of gzip can expand to gigabytes of zeros: without bounds such a "gzip bomb" fills the temporary
 * folder and the page cache before the reader can say anything. Real captures compress a few times; deflate cannot
 * exceed about 1032:1.
 *
 * @param maxRatio       decompressed bytes allowed per compressed byte read so far (checked once more than
 *                       {@link #RATIO_GRACE_BYTES} came out); 0 = no ratio limit
 * @param maxBytes       largest spill in bytes; {@link #FREE_SPACE} = the free space of the spill directory minus a
 *                       margin ({@link #freeSpaceMargin}), re-checked while spilling since other programs write too
 * @param directory      where the spill file is created (it is unlinked at once); null = {@code java.io.tmpdir}
 */
public record SpillLimits(int maxRatio, long maxBytes, Path directory) {
    /** Default compression-ratio cap. */
    public static final int DEFAULT_MAX_RATIO = 100;
    /** {@link #maxBytes} value meaning "the free space of the spill directory minus a margin". */
    public static final long FREE_SPACE = -1;
    /** The ratio is only judged once this much came out, so tiny files are never refused for compressing well. */
    public static final long RATIO_GRACE_BYTES = 1 << 20;
    /** Upper bound of the free-space margin (the margin is 10% of the file system, at most this). */
    public static final long MAX_FREE_SPACE_MARGIN = 1L << 30;

    public SpillLimits {
        if (maxRatio < 0) {
            throw new IllegalArgumentException("maxRatio must be 0 (no limit) or positive: " + maxRatio);
        }
        if (maxBytes < 1 && maxBytes != FREE_SPACE) {
            throw new IllegalArgumentException("maxBytes must be positive or FREE_SPACE: " + maxBytes);
        }
    }

    /** Ratio 100:1, spill up to the free space minus the margin, in {@code java.io.tmpdir}. */
    public static SpillLimits defaults() {
        return new SpillLimits(DEFAULT_MAX_RATIO, FREE_SPACE, null);
    }

    public SpillLimits withMaxRatio(int ratio) {
        return new SpillLimits(ratio, maxBytes, directory);
    }

    public SpillLimits withMaxBytes(long bytes) {
        return new SpillLimits(maxRatio, bytes, directory);
    }

    public SpillLimits withDirectory(Path dir) {
        return new SpillLimits(maxRatio, maxBytes, dir);
    }

    /** Bytes kept free on a file system of {@code totalSpace} bytes: 10% of it, at most 1 GiB. */
    public static long freeSpaceMargin(long totalSpace) {
        return Math.min(MAX_FREE_SPACE_MARGIN, totalSpace / 10);
    }
}
