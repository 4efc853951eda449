package org.multitunnel.capture.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.function.BooleanSupplier;

/**
 * Test helpers for loopback traffic: the link header of captured frames decoded the minimal way, Ethernet/IPv4/UDP
 * frames to 127.0.0.1 built by hand, and waiting for asynchronous delivery. Nothing here ever addresses anything
 * outside 127.0.0.0/8.
 */
final class Loopback {
    static final String LO = "lo";

    private Loopback() {
    }

    /** Offset of the network-layer header for the link types libpcap gives loopback captures. */
    static int linkHeaderLength(int linkType, byte[] frame) {
        return switch (linkType) {
            case 1 -> { // Ethernet: dst(6) src(6) ethertype(2); Linux lo uses this with zero MACs
                assertEquals(0x0800, u16(frame, 12), "ethertype IPv4");
                yield 14;
            }
            case 0 -> 4; // BSD loopback: 4-byte address family
            case 101 -> 0; // raw IP
            case 113 -> 16; // Linux cooked (SLL)
            case 276 -> 20; // Linux cooked v2 (SLL2)
            default -> throw new AssertionError("unexpected link type " + linkType);
        };
    }

    /** The UDP payload of a captured IPv4/UDP frame, checking protocol and destination port on the way. */
    static byte[] udpPayload(int linkType, byte[] frame, int expectedDstPort) {
        int ip = linkHeaderLength(linkType, frame);
        assertEquals(4, (frame[ip] & 0xFF) >>> 4, "IP version");
        int ihl = (frame[ip] & 0x0F) * 4;
        assertEquals(17, frame[ip + 9] & 0xFF, "IP protocol UDP");
        int udp = ip + ihl;
        assertEquals(expectedDstPort, u16(frame, udp + 2), "UDP destination port");
        int udpLength = u16(frame, udp + 4);
        return Arrays.copyOfRange(frame, udp + 8, udp + udpLength);
    }

    /** An Ethernet/IPv4/UDP frame from 127.0.0.1:srcPort to 127.0.0.1:dstPort, as Linux lo carries them. */
    static byte[] udpFrame(int srcPort, int dstPort, byte[] payload) {
        int ipLength = 20 + 8 + payload.length;
        ByteBuffer b = ByteBuffer.allocate(14 + ipLength);
        b.put(new byte[6]); // destination MAC 00:00:00:00:00:00 (lo)
        b.put(new byte[6]); // source MAC
        b.putShort((short) 0x0800); // ethertype IPv4
        int ip = b.position();
        b.put((byte) 0x45); // version 4, IHL 5
        b.put((byte) 0); // DSCP/ECN
        b.putShort((short) ipLength); // total length
        b.putShort((short) 0x4d54); // identification
        b.putShort((short) 0x4000); // flags: don't fragment
        b.put((byte) 64); // TTL
        b.put((byte) 17); // protocol UDP
        b.putShort((short) 0); // header checksum, filled below
        b.put(new byte[] {127, 0, 0, 1}); // source 127.0.0.1
        b.put(new byte[] {127, 0, 0, 1}); // destination 127.0.0.1
        b.putShort(ip + 10, (short) ipChecksum(b.array(), ip, 20));
        b.putShort((short) srcPort); // UDP source port
        b.putShort((short) dstPort); // UDP destination port
        b.putShort((short) (8 + payload.length)); // UDP length
        b.putShort((short) 0); // UDP checksum 0 = none (allowed over IPv4)
        b.put(payload);
        return b.array();
    }

    static int ipChecksum(byte[] a, int off, int len) {
        long sum = 0;
        for (int i = 0; i < len; i += 2) {
            sum += u16(a, off + i);
        }
        while ((sum >> 16) != 0) {
            sum = (sum & 0xFFFF) + (sum >> 16);
        }
        return (int) (~sum & 0xFFFF);
    }

    static int u16(byte[] a, int i) {
        return ((a[i] & 0xFF) << 8) | (a[i + 1] & 0xFF);
    }

    static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    /** Polls {@code condition} every 10 ms until it holds or {@code millis} pass; fails with {@code what}. */
    static void await(long millis, BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + millis * 1_000_000L;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                fail("timed out after " + millis + " ms waiting for " + what);
            }
            Thread.sleep(10);
        }
    }
}
