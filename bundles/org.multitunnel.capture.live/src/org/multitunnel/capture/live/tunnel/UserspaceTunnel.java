package org.multitunnel.capture.live.tunnel;

import java.io.IOException;
import java.io.PrintStream;
import java.net.Inet4Address;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A tunnel endpoint in user space for kernels without ipip/gre devices: every IPv4 packet the kernel routes into
 * the TUN device is given to a classifier (the accepted RFC 7629 flow bindings) that names a BID, then sent on
 * that binding's raw socket — outer source the local end (care-of address at the MN, home agent address at the
 * HA), outer destination the other end. Packets arriving on a binding's socket are decapsulated and written to
 * the TUN device, so the kernel delivers the inner packet as if a kernel tunnel had. One thread per direction and
 * path; counters per BID in outer IPv4 bytes, the unit the analyzer counts.
 */
public final class UserspaceTunnel implements AutoCloseable {
    /** One binding: its BID and the outer addresses of its tunnel. */
    public record Path(int bid, Inet4Address local, Inet4Address remote) {
    }

    /** Chooses the BID for an inner packet, or -1 to drop it. */
    @FunctionalInterface
    public interface Classifier {
        int bidFor(byte[] packet, int len);
    }

    private static final int OUTER_IPV4 = 20;

    private final TunDevice tun;
    private final TunnelFraming encap;
    private final Classifier classifier;
    private final Map<Integer, Leg> legs = new LinkedHashMap<>();
    private final AtomicLong dropped = new AtomicLong();
    private final List<Thread> threads = new ArrayList<>();
    private volatile PrintStream log;

    private static final class Leg {
        final Path path;
        final RawIpSocket socket;
        final AtomicLong txPackets = new AtomicLong();
        final AtomicLong txBytes = new AtomicLong();
        final AtomicLong rxPackets = new AtomicLong();
        final AtomicLong rxBytes = new AtomicLong();

        Leg(Path path, RawIpSocket socket) {
            this.path = path;
            this.socket = socket;
        }
    }

    private UserspaceTunnel(TunDevice tun, TunnelFraming encap, Classifier classifier) {
        this.tun = tun;
        this.encap = encap;
        this.classifier = classifier;
    }

    /** Attaches to {@code tunName} and opens one raw socket per path; nothing moves until {@link #start}. */
    public static UserspaceTunnel open(String tunName, TunnelFraming encap, List<Path> paths, Classifier classifier)
            throws IOException {
        UserspaceTunnel t = new UserspaceTunnel(TunDevice.open(tunName), encap, classifier);
        try {
            for (Path p : paths) {
                t.legs.put(p.bid(), new Leg(p, RawIpSocket.open(encap.protocol(), p.local(), p.remote())));
            }
        } catch (IOException | RuntimeException e) {
            t.close();
            throw e;
        }
        return t;
    }

    public void start(PrintStream errors) {
        this.log = errors;
        threads.add(Thread.ofPlatform().daemon().name("tun-" + tun.name()).start(this::fromTun));
        for (Leg l : legs.values()) {
            threads.add(Thread.ofPlatform().daemon().name("bid-" + l.path.bid()).start(() -> toTun(l)));
        }
    }

    private void fromTun() {
        int hl = encap.headerLength();
        byte[] buf = new byte[65_536 + hl];
        byte[] in = new byte[65_536];
        while (true) {
            int n;
            try {
                n = tun.read(in);
            } catch (IOException e) {
                log.println("tunnel: " + e.getMessage());
                return;
            }
            // only IPv4 is tunnelled (the kernel may route IPv6 neighbour discovery into the device too)
            int bid = n >= 20 && (in[0] & 0xf0) == 0x40 ? classifier.bidFor(in, n) : -1;
            Leg l = legs.get(bid);
            if (l == null) {
                dropped.incrementAndGet();
                continue;
            }
            encap.writeHeader(buf);
            System.arraycopy(in, 0, buf, hl, n);
            try {
                l.socket.send(buf, hl + n);
                l.txPackets.incrementAndGet();
                l.txBytes.addAndGet(OUTER_IPV4 + hl + n);
            } catch (IOException e) {
                dropped.incrementAndGet();
                log.println("tunnel: " + e.getMessage());
            }
        }
    }

    private void toTun(Leg l) {
        byte[] buf = new byte[65_536];
        while (true) {
            int n;
            try {
                n = l.socket.receive(buf);
            } catch (IOException e) {
                log.println("tunnel: " + e.getMessage());
                return;
            }
            int off = encap.innerOffset(buf, n);
            if (off < 0) {
                dropped.incrementAndGet();
                continue;
            }
            l.rxPackets.incrementAndGet();
            l.rxBytes.addAndGet(n);
            try {
                tun.write(off == 0 ? buf : java.util.Arrays.copyOfRange(buf, off, n), n - off);
            } catch (IOException e) {
                dropped.incrementAndGet();
                log.println("tunnel: " + e.getMessage());
            }
        }
    }

    /**
     * {@code {"tunnel":"tun0","encapsulation":"ipip","dropped":0,"paths":[{"bid":1,"local":…,"remote":…,
     * "txPackets":…,"txBytes":…,"rxPackets":…,"rxBytes":…}]}} — bytes are outer IPv4 total lengths.
     */
    public String statusJson() {
        StringBuilder b = new StringBuilder("{\"tunnel\":\"").append(tun.name()).append("\",\"encapsulation\":\"")
                .append(encap.label()).append("\",\"dropped\":").append(dropped.get()).append(",\"paths\":[");
        int i = 0;
        for (Leg l : legs.values()) {
            b.append(i++ == 0 ? "" : ",").append("{\"bid\":").append(l.path.bid()).append(",\"local\":\"")
                    .append(l.path.local().getHostAddress()).append("\",\"remote\":\"")
                    .append(l.path.remote().getHostAddress()).append("\",\"txPackets\":").append(l.txPackets.get())
                    .append(",\"txBytes\":").append(l.txBytes.get()).append(",\"rxPackets\":")
                    .append(l.rxPackets.get()).append(",\"rxBytes\":").append(l.rxBytes.get()).append('}');
        }
        return b.append("]}").toString();
    }

    @Override
    public void close() {
        for (Leg l : legs.values()) {
            l.socket.close();
        }
        tun.close();
    }
}
