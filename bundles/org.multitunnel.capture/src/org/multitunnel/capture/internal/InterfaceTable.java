package org.multitunnel.capture.internal;

import java.util.Arrays;
import java.util.List;

import org.multitunnel.capture.CaptureInterface;

/**
 * The capture's interfaces numbered across all pcapng sections, shared between the indexing thread (which adds) and
 * readers (which look up a packet's link type). The array grows by doubling (no quadratic copying on files with many
 * interface blocks); an entry is written before the count that covers it is published, so readers that check the
 * count see complete entries. Limited to {@link #MAX_INTERFACES} because the index stores the id in 16 bits.
 */
public final class InterfaceTable {
    public static final int MAX_INTERFACES = 0xFFFF;

    private volatile CaptureInterface[] entries = new CaptureInterface[4];
    private volatile int count;

    /** Adds an interface and returns its global id, or -1 when the table is full (single writer). */
    public int add(int section, int linkType, int snapLength, int tsResolution, long tsOffsetSeconds, String name) {
        return add(section, linkType, snapLength, tsResolution, tsOffsetSeconds, name, List.of());
    }

    /** As {@link #add(int, int, int, int, long, String)}, with the Mobile IP ports the file records for it. */
    public int add(int section, int linkType, int snapLength, int tsResolution, long tsOffsetSeconds, String name,
            List<Integer> mipPorts) {
        int id = count;
        if (id >= MAX_INTERFACES) {
            return -1;
        }
        CaptureInterface[] e = entries;
        if (id == e.length) {
            e = Arrays.copyOf(e, e.length * 2);
            entries = e;
        }
        e[id] = new CaptureInterface(id, section, linkType, snapLength, tsResolution, tsOffsetSeconds, name,
                mipPorts);
        count = id + 1;
        return id;
    }

    /** Interface {@code id}; {@code id} must be below {@link #size()} (true for every indexed packet's id). */
    public CaptureInterface get(int id) {
        if (id >= count) {
            throw new IndexOutOfBoundsException("no interface " + id);
        }
        return entries[id];
    }

    public int size() {
        return count;
    }

    public List<CaptureInterface> list() {
        int n = count;
        return List.of(Arrays.copyOf(entries, n));
    }
}
