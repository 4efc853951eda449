package org.multitunnel.agent.net;

import java.io.Closeable;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

import org.multitunnel.capture.write.CaptureOutput;
import org.multitunnel.capture.write.PcapngWriter;
import org.multitunnel.wire.dissect.LinkTypes;
import org.multitunnel.wire.ip.Ipv4Header;
import org.multitunnel.wire.ip.UdpHeader;

/**
 * Writes an agent's own signalling to pcapng so the analyzer can open what an agent saw. Sockets only give UDP
 * payloads, so each datagram is wrapped in a synthetic IPv4 + UDP header (checksums computed) on an interface of
 * link type 228 (raw IPv4). The output is capped and rotated by {@link RecordLimits}. Thread-safe: the receive
 * loop and senders share one writer.
 *
 * <p>The section header records the UDP ports the agent speaks Mobile IP on ({@code multitunnel:decode-as
 * udp.port==N,mip}, see docs/decode-as.md), so the recording opens decoded with default settings whatever port the
 * agent listened on. An agent's recorder ({@link #forAgent}) learns its own port from the endpoint once the socket
 * is bound (port 0 means any free port), and writes the file header then, before the first datagram.
 */
public final class PacketRecorder implements Closeable {
    /** Bytes an enhanced packet block adds around the packet: header 28, trailer 4 (packet padded to 4). */
    private static final int EPB_OVERHEAD = 32;

    private final Path file;
    private final String name;
    private final InstantSource clock;
    private RecordLimits limits = RecordLimits.DEFAULT;
    /** The Mobile IP ports to record; the agent's own is added by {@link #bound} when it records its endpoint. */
    private final List<Integer> mipPorts;
    private final boolean recordsOwnPort;
    private PcapngWriter writer;
    private int iface;
    private long bytes;
    private int ipId;
    private boolean closed;

    private PacketRecorder(Path file, String name, InstantSource clock, Collection<Integer> mipPorts,
            boolean recordsOwnPort) {
        this.file = file;
        this.name = name;
        this.clock = clock;
        this.mipPorts = new ArrayList<>();
        for (int p : mipPorts) {
            addPort(p);
        }
        this.recordsOwnPort = recordsOwnPort;
    }

    /** Creates {@code file}; {@code name} becomes the section comment and the interface name. No ports recorded. */
    public static PacketRecorder create(Path file, String name, InstantSource clock) throws IOException {
        return create(file, name, clock, List.of());
    }

    /**
     * Creates {@code file} recording {@code mipPorts} as the Mobile IP ports of its datagrams (e.g. a mobile node's
     * home agent port; 0 entries are ignored).
     */
    public static PacketRecorder create(Path file, String name, InstantSource clock, Collection<Integer> mipPorts)
            throws IOException {
        PacketRecorder r = new PacketRecorder(file, name, clock, mipPorts, false);
        synchronized (r) {
            r.open();
        }
        return r;
    }

    /**
     * A recorder for an agent listening on a socket: the file header is written when the endpoint is
     * {@link #bound} (with the agent's port besides {@code otherMipPorts}, e.g. the home agent a foreign agent
     * relays to), or at the first datagram or close if that never happens.
     */
    public static PacketRecorder forAgent(Path file, String name, InstantSource clock,
            Collection<Integer> otherMipPorts) throws IOException {
        CaptureOutput.create(file, false).close(); // a file that cannot be created fails the agent's start, as before
        return new PacketRecorder(file, name, clock, otherMipPorts, true);
    }

    /** Caps this recording (default {@link RecordLimits#DEFAULT}); returns this recorder. */
    public synchronized PacketRecorder limit(RecordLimits l) {
        this.limits = java.util.Objects.requireNonNull(l);
        return this;
    }

    /** Told by {@link UdpEndpoint} once its socket is bound, before any datagram; records an agent's own port. */
    synchronized void bound(InetSocketAddress local) throws IOException {
        if (recordsOwnPort && writer == null && !closed) {
            addPort(local.getPort());
            open();
        }
    }

    private void addPort(int port) {
        if (port > 0 && port <= 65535 && !mipPorts.contains(port)) {
            mipPorts.add(port);
        }
    }

    private void open() throws IOException {
        PcapngWriter w = PcapngWriter.create(file, "MultiTunnel reference agent: " + name, mipPorts, false);
        try {
            iface = w.addInterface(LinkTypes.IPV4, 0, name);
            w.flush();
            bytes = Files.size(file);
        } catch (IOException | RuntimeException e) {
            w.close();
            throw e;
        }
        writer = w;
    }

    /** Closes the full file, shifts the older ones (dropping the oldest) and starts a new one. */
    private void rotate() throws IOException {
        writer.close();
        int keep = limits.maxFiles() - 1;
        Files.deleteIfExists(keep == 0 ? file : RecordLimits.rotated(file, keep));
        for (int n = keep - 1; n >= 1; n--) {
            Path older = RecordLimits.rotated(file, n);
            if (Files.exists(older)) {
                Files.move(older, RecordLimits.rotated(file, n + 1), StandardCopyOption.REPLACE_EXISTING);
            }
        }
        if (keep >= 1) {
            Files.move(file, RecordLimits.rotated(file, 1), StandardCopyOption.REPLACE_EXISTING);
        }
        open();
    }

    /** The UDP ports the file records as Mobile IP (once its header is written). */
    public synchronized List<Integer> mipPorts() {
        return List.copyOf(mipPorts);
    }

    /** Records one datagram {@code from → to}; IPv6 endpoints are skipped (the link type is IPv4). */
    public synchronized void record(InetSocketAddress from, InetSocketAddress to, byte[] payload, int len) {
        if (closed) {
            return;
        }
        int src;
        int dst;
        try {
            src = Ipv4.toInt(from.getAddress());
            dst = Ipv4.toInt(to.getAddress());
        } catch (IllegalArgumentException e) {
            return;
        }
        byte[] data = len == payload.length ? payload : java.util.Arrays.copyOf(payload, len);
        byte[] udp = UdpHeader.builder().sourcePort(from.getPort()).destinationPort(to.getPort()).ipv4(src, dst)
                .build(data);
        byte[] ip = Ipv4Header.builder().identification(ipId++ & 0xffff).flags(2).protocol(17).source(src)
                .destination(dst).build(udp);
        Instant t = clock.instant();
        long nanos = Math.max(0, t.getEpochSecond() * 1_000_000_000L + t.getNano());
        long block = EPB_OVERHEAD + ((ip.length + 3) & ~3);
        try {
            if (writer == null) {
                open();
            }
            if (bytes + block > limits.maxFileBytes()) {
                rotate();
            }
            writer.write(iface, nanos, ByteBuffer.wrap(ip), ip.length);
            writer.flush();
            bytes += block;
        } catch (IOException e) {
            closed = true;
            System.err.println("recording stopped: " + e.getMessage());
        }
    }

    @Override
    public synchronized void close() throws IOException {
        if (!closed) {
            closed = true;
            if (writer == null) {
                try {
                    open(); // an agent that never bound still leaves a valid, empty capture
                } catch (IOException | RuntimeException e) {
                    return; // the failure was reported where the header was first written
                }
            }
            writer.close();
        }
    }
}
