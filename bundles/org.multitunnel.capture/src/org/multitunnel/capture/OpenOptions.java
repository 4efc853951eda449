package org.multitunnel.capture;

import java.util.Objects;

/**
 * Tuning for opening a capture, kept in one immutable value so the common case stays {@code CaptureFile.open(path)}.
 *
 * @param classifier  run on every packet during indexing; its bits go into the index
 * @param windowBytes size of each memory-mapped window (default 1 GiB); records never need to cross one, because
 *                    consecutive windows overlap by more than the largest accepted record
 * @param maxWarnings warnings kept in memory; further ones are only counted (bounded memory on hostile files)
 * @param spill       bounds on decompressing gzip (or copying a stream) into the mapped spill file
 */
public record OpenOptions(IndexClassifier classifier, long windowBytes, int maxWarnings, SpillLimits spill) {
    public static final long DEFAULT_WINDOW_BYTES = 1L << 30;
    public static final int DEFAULT_MAX_WARNINGS = 1000;
    /** Smallest window accepted (tests use small windows to exercise window switches on small files). */
    public static final long MIN_WINDOW_BYTES = 4096;

    public OpenOptions {
        Objects.requireNonNull(classifier, "classifier");
        if (windowBytes < MIN_WINDOW_BYTES || windowBytes > DEFAULT_WINDOW_BYTES) {
            throw new IllegalArgumentException("windowBytes must be in [" + MIN_WINDOW_BYTES + ", "
                    + DEFAULT_WINDOW_BYTES + "]: " + windowBytes);
        }
        if (maxWarnings < 1) {
            throw new IllegalArgumentException("maxWarnings must be positive: " + maxWarnings);
        }
        Objects.requireNonNull(spill, "spill");
    }

    public OpenOptions(IndexClassifier classifier, long windowBytes, int maxWarnings) {
        this(classifier, windowBytes, maxWarnings, SpillLimits.defaults());
    }

    public static OpenOptions defaults() {
        return new OpenOptions(IndexClassifier.NONE, DEFAULT_WINDOW_BYTES, DEFAULT_MAX_WARNINGS);
    }

    public OpenOptions withClassifier(IndexClassifier c) {
        return new OpenOptions(c, windowBytes, maxWarnings, spill);
    }

    public OpenOptions withWindowBytes(long bytes) {
        return new OpenOptions(classifier, bytes, maxWarnings, spill);
    }

    public OpenOptions withMaxWarnings(int max) {
        return new OpenOptions(classifier, windowBytes, max, spill);
    }

    public OpenOptions withSpill(SpillLimits limits) {
        return new OpenOptions(classifier, windowBytes, maxWarnings, limits);
    }
}
