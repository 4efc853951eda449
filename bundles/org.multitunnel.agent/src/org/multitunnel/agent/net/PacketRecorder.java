package org.multitunnel.agent.net;

import java.io.Closeable;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Instant;
import java.time.InstantSource;

import org.multitunnel.capture.write.PcapngWriter;
import org.multitunnel.wire.dissect.LinkTypes;
import org.multitunnel.wire.ip.Ipv4Header;
import org.multitunnel.wire.ip.UdpHeader;

/**
 * Writes an agent's own signalling to pcapng so the analyzer can open what an agent saw. Sockets only give UDP
 * payloads, so each datagram is wrapped in a synthetic IPv4 + UDP header (checksums computed) on an interface of
 * link type 228 (raw IPv4). Thread-safe: the receive loop and senders share one writer.
 */
public final class PacketRecorder implements Closeable {
    private final PcapngWriter writer;
    private final int iface;
    private final InstantSource clock;
    private int ipId;
    private boolean closed;

    private PacketRecorder(PcapngWriter writer, int iface, InstantSource clock) {
        this.writer = writer;
        this.iface = iface;
        this.clock = clock;
    }

    /** Creates {@code file}; {@code name} becomes the section comment and the interface name. */
    public static PacketRecorder create(Path file, String name, InstantSource clock) throws IOException {
        PcapngWriter w = PcapngWriter.create(file, "MultiTunnel reference agent: " + name, false);
        try {
            int id = w.addInterface(LinkTypes.IPV4, 0, name);
            w.flush();
            return new PacketRecorder(w, id, clock);
        } catch (IOException | RuntimeException e) {
            w.close();
            throw e;
        }
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
        try {
            writer.write(iface, nanos, ByteBuffer.wrap(ip), ip.length);
            writer.flush();
        } catch (IOException e) {
            closed = true;
            System.err.println("recording stopped: " + e.getMessage());
        }
    }

    @Override
    public synchronized void close() throws IOException {
        if (!closed) {
            closed = true;
            writer.close();
        }
    }
}
