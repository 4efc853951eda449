package org.multitunnel.capture;

import java.util.Arrays;
import java.util.List;

import org.multitunnel.wire.dissect.MipConfig;
import org.multitunnel.wire.dissect.PacketDissector;
import org.multitunnel.wire.fast.MipPorts;

/**
 * Where Mobile IPv4 is for one packet: the user's Decode As setting ({@link MipConfig}: UDP 434 and 4434 by
 * default, the preferences, {@code -d udp.port==N,mip}) plus the ports the capture file records for the packet's
 * interface ({@link CaptureInterface#mipPorts()}, from {@code multitunnel:decode-as} comments). Every reader — the
 * command line, the analysis, the GUI's rows, filter and details — asks this class, so a capture the product wrote
 * opens decoded whatever port its agent used, while a pcap file (no comments) follows the setting alone.
 *
 * <p>Interfaces that record nothing get the setting itself; the others get their own configuration, built once
 * and cached by interface id, so the per-packet calls allocate nothing after the first packet of an interface.
 * Thread-safe (the cache is replaced, never changed in place); dissectors are built lazily.
 */
public final class DecodeAsResolver {
    /** One interface's configuration and (lazily) its dissector. */
    private static final class Entry {
        final CaptureInterface itf;
        final MipConfig config;
        volatile PacketDissector dissector;

        Entry(CaptureInterface itf, MipConfig config) {
            this.itf = itf;
            this.config = config;
        }
    }

    private final MipConfig settings;
    private volatile PacketDissector settingsDissector;
    private volatile Entry[] byInterface = new Entry[0];
    /** Entries by the ports their interface records: interfaces recording the same ports share one (bounded memory). */
    private final java.util.Map<List<Integer>, Entry> byPorts = new java.util.HashMap<>();

    public DecodeAsResolver(MipConfig settings) {
        if (settings == null) {
            throw new IllegalArgumentException("the Decode As setting is required");
        }
        this.settings = settings;
    }

    /** A resolver over the default setting (UDP 434 and 4434, draft types 124/125). */
    public static DecodeAsResolver defaults() {
        return new DecodeAsResolver(MipConfig.defaults());
    }

    /** A resolver taking exactly {@code ports} as the setting (draft extension types at their defaults). */
    public static DecodeAsResolver ofPorts(MipPorts ports) {
        return new DecodeAsResolver(MipConfig.defaults().withPorts(ports));
    }

    /** The setting, before anything a file records. */
    public MipConfig settings() {
        return settings;
    }

    /** The configuration for packets of {@code itf} (null: a view or file that cannot name it → the setting). */
    public MipConfig config(CaptureInterface itf) {
        Entry e = entry(itf);
        return e == null ? settings : e.config;
    }

    public MipConfig config(PacketView p) {
        return config(p.captureInterface());
    }

    public MipConfig config(CaptureFile f, int packet) {
        return config(f.captureInterface(f.interfaceId(packet)));
    }

    public MipPorts ports(CaptureInterface itf) {
        return config(itf).ports();
    }

    /** The Mobile IP ports of the packet in {@code p}: what the classifier takes (allocation-free). */
    public MipPorts ports(PacketView p) {
        return config(p.captureInterface()).ports();
    }

    /** The Mobile IP ports of packet {@code packet} of {@code f}. */
    public MipPorts ports(CaptureFile f, int packet) {
        return config(f.captureInterface(f.interfaceId(packet))).ports();
    }

    /** A dissector decoding Mobile IP where {@link #config(CaptureInterface)} says (shared: it keeps no state). */
    public PacketDissector dissector(CaptureInterface itf) {
        Entry e = entry(itf);
        if (e == null || e.config == settings) {
            PacketDissector d = settingsDissector;
            if (d == null) {
                d = settings.dissector();
                settingsDissector = d;
            }
            return d;
        }
        PacketDissector d = e.dissector;
        if (d == null) {
            d = e.config.dissector();
            e.dissector = d;
        }
        return d;
    }

    public PacketDissector dissector(PacketView p) {
        return dissector(p.captureInterface());
    }

    public PacketDissector dissector(CaptureFile f, int packet) {
        return dissector(f.captureInterface(f.interfaceId(packet)));
    }

    /**
     * The setting plus every port {@code interfaces} record: what a whole capture is decoded with, for a status line
     * or a summary (per-packet decisions use the per-interface methods).
     */
    public MipPorts allPorts(List<CaptureInterface> interfaces) {
        MipPorts p = settings.ports();
        for (CaptureInterface itf : interfaces) {
            p = p.plus(itf.mipPorts());
        }
        return p;
    }

    /** Null when {@code itf} adds nothing to the setting; else its cached entry (built on first use). */
    private Entry entry(CaptureInterface itf) {
        if (itf == null || itf.mipPorts().isEmpty()) {
            return null;
        }
        int id = itf.id();
        Entry[] a = byInterface;
        if (id >= 0 && id < a.length) {
            Entry e = a[id];
            if (e != null && (e.itf == itf || e.itf.equals(itf))) {
                return e;
            }
        }
        return build(itf);
    }

    private synchronized Entry build(CaptureInterface itf) {
        Entry shared = byPorts.get(itf.mipPorts());
        MipConfig c = shared != null ? shared.config : settings.withMorePorts(itf.mipPorts());
        Entry e = new Entry(itf, c);
        if (shared != null) {
            e.dissector = shared.dissector;
        } else {
            byPorts.put(itf.mipPorts(), e);
        }
        int id = Math.max(0, itf.id());
        Entry[] a = byInterface;
        Entry[] grown = Arrays.copyOf(a, Math.max(a.length, id + 1));
        grown[id] = e;
        byInterface = grown;
        return e;
    }
}
