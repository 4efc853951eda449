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

import org.multitunnel.capture.write.PcapngWriter;
import org.multitunnel.wire.dissect.LinkTypes;
import org.multitunnel.wire.ip.Ipv4Header;
import org.multitunnel.wire.ip.UdpHeader;

/**
 * Writes an agent's own signalling to pcapng so the analyzer can open what an agent saw. Sockets only give UDP
 * payloads, so each datagram is wrapped in a synthetic IPv4 + UDP header (checksums computed) on an interface of
 * link type 228 (raw IPv4). The output is capped and rotated by {@link RecordLimits}. Thread-safe: the receive
 * loop and senders share one writer.
 */
public final class PacketRecorder implements Closeable {
    /** Bytes an enhanced packet block adds around the packet: header 28, trailer 4 (packet padded to 4). */
    private static final int EPB_OVERHEAD = 32;

    private final Path file;
    private final String name;
    private final RecordLimits limits;
    private final InstantSource clock;
    private PcapngWriter writer;
    private int iface;
    private long bytes;
    private int ipId;
    private boolean closed;

    private PacketRecorder(Path file, String name, RecordLimits limits, InstantSource clock) {
        this.file = file;
        this.name = name;
        this.limits = limits;
        this.clock = clock;
    }

    /** Creates {@code file} with the default caps ({@link RecordLimits#DEFAULT}). */
    public static PacketRecorder create(Path file, String name, InstantSource clock) throws IOException {
        return create(file, name, clock, RecordLimits.DEFAULT);
    }

    /** Creates {@code file}; {@code name} becomes the section comment and the interface name. */
    public static PacketRecorder create(Path file, String name, InstantSource clock, RecordLimits limits)
            throws IOException {
        PacketRecorder r = new PacketRecorder(file, name, limits, clock);
        r.open();
        return r;
    }

    private void open() throws IOException {
        PcapngWriter w = PcapngWriter.create(file, "MultiTunnel reference agent: " + name, false);
        try {
            iface = w.addInterface(LinkTypes.IPV4, 0, name);
            w.flush();
            writer = w;
            bytes = Files.size(file);
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
        long block = EPB_OVERHEAD + ((ip.length + 3) & ~3);
        try {
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

    @Override
    public synchronized void close() throws IOException {
        if (!closed) {
            closed = true;
            writer.close();
        }
    }
}
