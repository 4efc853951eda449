package org.multitunnel.capture.internal;

import java.util.ArrayList;
import java.util.List;

import org.multitunnel.capture.ReadWarning;

/**
 * Collects reader warnings with a fixed cap, so a hostile file with millions of damaged records cannot grow memory
 * without bound; drops beyond the cap are counted and reported as one {@link ReadWarning.Kind#SUPPRESSED} entry.
 * Thread-safe: the indexing thread adds while a UI thread reads snapshots.
 */
public final class Warnings {
    private final int max;
    private final List<ReadWarning> kept = new ArrayList<>();
    private long suppressed;
    private long firstSuppressedOffset;

    public Warnings(int max) {
        this.max = max;
    }

    public synchronized void add(long offset, ReadWarning.Kind kind, String message) {
        add(offset, kind, message, 0);
    }

    /** @param frame number of the last packet read before the problem (0: none, or not known) */
    public synchronized void add(long offset, ReadWarning.Kind kind, String message, long frame) {
        if (kept.size() < max) {
            kept.add(new ReadWarning(offset, kind, message, frame));
        } else {
            if (suppressed == 0) {
                firstSuppressedOffset = offset;
            }
            suppressed++;
        }
    }

    /** Snapshot, ending with a SUPPRESSED entry when some warnings were dropped. */
    public synchronized List<ReadWarning> snapshot() {
        List<ReadWarning> out = new ArrayList<>(kept);
        if (suppressed > 0) {
            out.add(new ReadWarning(firstSuppressedOffset, ReadWarning.Kind.SUPPRESSED,
                    suppressed + " further warnings not kept (limit " + max + ")"));
        }
        return List.copyOf(out);
    }

    public synchronized boolean isEmpty() {
        return kept.isEmpty();
    }
}
