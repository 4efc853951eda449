package org.multitunnel.capture.internal;

import java.util.Arrays;
import java.util.List;

import org.multitunnel.capture.CaptureInterface;

/**
 * The capture's interfaces numbered across all pcapng sections, shared between the indexing thread (which adds) and
 * readers (which look up a packet's link type). Copy-on-write array: lookups are a volatile read and an index.
 * Limited to {@link #MAX_INTERFACES} because the index stores the id in 16 bits.
 */
public final class InterfaceTable {
    public static final int MAX_INTERFACES = 0xFFFF;

    private volatile CaptureInterface[] all = new CaptureInterface[0];

    /** Adds an interface and returns its global id, or -1 when the table is full. */
    public synchronized int add(int section, int linkType, int snapLength, int tsResolution, long tsOffsetSeconds,
            String name) {
        CaptureInterface[] cur = all;
        if (cur.length >= MAX_INTERFACES) {
            return -1;
        }
        CaptureInterface[] next = Arrays.copyOf(cur, cur.length + 1);
        next[cur.length] = new CaptureInterface(cur.length, section, linkType, snapLength, tsResolution,
                tsOffsetSeconds, name);
        all = next;
        return cur.length;
    }

    public CaptureInterface get(int id) {
        return all[id];
    }

    public int size() {
        return all.length;
    }

    public List<CaptureInterface> list() {
        return List.of(all);
    }
}
