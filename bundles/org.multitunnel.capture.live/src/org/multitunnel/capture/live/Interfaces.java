package org.multitunnel.capture.live;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.multitunnel.capture.live.internal.Libpcap;
import org.multitunnel.capture.live.internal.NativeErrors;
import org.pcap4j.core.PcapAddress;
import org.pcap4j.core.PcapNativeException;
import org.pcap4j.core.PcapNetworkInterface;
import org.pcap4j.core.Pcaps;

/**
 * Lists the interfaces libpcap can capture on (pcap_findalldevs), loading libpcap first so a missing library
 * surfaces here as a clear {@link LiveCaptureException} rather than a JNA link error deep in the UI.
 */
public final class Interfaces {
    private Interfaces() {
    }

    /** Every interface libpcap reports, in its order (up and running first on Linux). */
    public static List<LiveInterface> list() throws LiveCaptureException {
        Libpcap.ensureLoaded();
        List<PcapNetworkInterface> devs;
        try {
            devs = Pcaps.findAllDevs();
        } catch (PcapNativeException e) {
            throw NativeErrors.openFailed("(all interfaces)", e);
        }
        List<LiveInterface> out = new ArrayList<>(devs.size());
        for (PcapNetworkInterface d : devs) {
            out.add(toLive(d));
        }
        return List.copyOf(out);
    }

    /** The interface called {@code name}, if libpcap knows it. */
    public static Optional<LiveInterface> find(String name) throws LiveCaptureException {
        return list().stream().filter(i -> i.name().equals(name)).findFirst();
    }

    /** libpcap's version string, e.g. "libpcap version 1.10.3 (with TPACKET_V3)". */
    public static String libpcapVersion() throws LiveCaptureException {
        return Libpcap.ensureLoaded();
    }

    static LiveInterface toLive(PcapNetworkInterface d) {
        List<InetAddress> addrs = new ArrayList<>();
        for (PcapAddress a : d.getAddresses()) {
            if (a.getAddress() != null) {
                addrs.add(a.getAddress());
            }
        }
        return new LiveInterface(d.getName(), d.getDescription(), addrs, d.isLoopBack(), d.isUp(), d.isRunning());
    }
}
