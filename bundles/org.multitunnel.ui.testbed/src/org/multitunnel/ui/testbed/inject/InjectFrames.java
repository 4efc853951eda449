package org.multitunnel.ui.testbed.inject;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;

import org.multitunnel.agent.client.ExchangedPacket;
import org.multitunnel.capture.CaptureFile;
import org.multitunnel.ui.testbed.ComposedMessage;

/**
 * Turns what the user picked into frames the injector can send on an Ethernet-framed interface (Linux lo and
 * wired/wireless NICs all use DLT_EN10MB): captured frames keep their bytes when already Ethernet and get an
 * Ethernet header when captured as raw IP, Linux cooked (SLL/SLL2) or BSD loopback; the composer's message is
 * wrapped in IPv4/UDP (checksums computed) from the interface's address to the target.
 */
public final class InjectFrames {
    /** Destination MAC of wrapped frames on loopback (Linux lo carries all-zero MACs). */
    static final byte[] ZERO_MAC = new byte[6];
    /** Destination MAC of wrapped frames on a real link: broadcast, since the target's MAC is not resolved. */
    static final byte[] BROADCAST_MAC = {-1, -1, -1, -1, -1, -1};

    private InjectFrames() {
    }

    /** Most frames one injection holds in memory (they are sent in a loop; count may be far larger). */
    public static final int MAX_FRAMES = 100_000;

    /** The selected frames of {@code capture} (1-based numbers), as Ethernet frames, in capture order. */
    public static List<byte[]> fromCapture(Path capture, BitSet frames, boolean loopback) throws IOException {
        if (frames.cardinality() > MAX_FRAMES) {
            throw new IllegalArgumentException(frames.cardinality() + " frames selected; pick at most " + MAX_FRAMES
                    + " (a frame range such as 1-" + MAX_FRAMES + ")");
        }
        List<byte[]> out = new ArrayList<>();
        try (CaptureFile f = CaptureFile.open(capture)) {
            for (int n = frames.nextSetBit(1); n >= 0 && n <= f.packetCount(); n = frames.nextSetBit(n + 1)) {
                ByteBuffer b = f.packet(n - 1);
                byte[] data = new byte[b.remaining()];
                b.get(b.position(), data);
                out.add(toEthernet(f.linkType(n - 1), data, loopback ? ZERO_MAC : BROADCAST_MAC, n));
            }
        }
        return out;
    }

    /** Packet count of {@code capture} (for range checks). */
    public static int packetCount(Path capture) throws IOException {
        try (CaptureFile f = CaptureFile.open(capture)) {
            return f.packetCount();
        }
    }

    /** The composer's UDP payload to {@code target}, from {@code source}, as one Ethernet/IPv4/UDP frame. */
    public static byte[] fromMessage(ComposedMessage m, InetSocketAddress source, InetSocketAddress target,
            boolean loopback) {
        if (!(source.getAddress() instanceof Inet4Address) || !(target.getAddress() instanceof Inet4Address)) {
            throw new IllegalArgumentException("the composer's message is wrapped in IPv4: source and target must be "
                    + "IPv4 addresses");
        }
        byte[] ip = new ExchangedPacket(System.currentTimeMillis() * 1_000_000L, true, source, target, m.payload())
                .ipv4Frame();
        return ethernet(loopback ? ZERO_MAC : BROADCAST_MAC, 0x0800, ip, 0);
    }

    /** Converts one captured frame of {@code linkType} to Ethernet. */
    static byte[] toEthernet(int linkType, byte[] frame, byte[] dstMac, int number) {
        return switch (linkType) {
            case 1 -> frame; // already Ethernet
            case 101, 12, 14 -> ethernet(dstMac, ipEthertype(frame, 0, number), frame, 0); // raw IP
            case 0, 108 -> ethernet(dstMac, ipEthertype(frame, 4, number), frame, 4); // BSD null/loop
            case 113 -> ethernet(dstMac, u16(frame, 14), frame, 16); // Linux cooked v1: protocol at 14
            case 276 -> ethernet(dstMac, u16(frame, 0), frame, 20); // Linux cooked v2: protocol at 0
            default -> throw new IllegalArgumentException("frame " + number + ": link type " + linkType
                    + " cannot be sent on an Ethernet interface");
        };
    }

    private static int ipEthertype(byte[] frame, int off, int number) {
        if (frame.length <= off) {
            throw new IllegalArgumentException("frame " + number + " is empty");
        }
        return switch ((frame[off] & 0xff) >>> 4) {
            case 4 -> 0x0800;
            case 6 -> 0x86dd;
            default -> throw new IllegalArgumentException("frame " + number + " is not IPv4 or IPv6");
        };
    }

    private static byte[] ethernet(byte[] dstMac, int ethertype, byte[] frame, int skip) {
        if (frame.length < skip) {
            throw new IllegalArgumentException("frame shorter than its link header");
        }
        ByteBuffer b = ByteBuffer.allocate(14 + frame.length - skip);
        b.put(dstMac); // destination MAC
        b.put(new byte[6]); // source MAC: zero (the kernel does not rewrite injected frames)
        b.putShort((short) ethertype);
        b.put(frame, skip, frame.length - skip);
        return b.array();
    }

    private static int u16(byte[] a, int i) {
        if (a.length < i + 2) {
            throw new IllegalArgumentException("frame shorter than its link header");
        }
        return ((a[i] & 0xff) << 8) | (a[i + 1] & 0xff);
    }
}
