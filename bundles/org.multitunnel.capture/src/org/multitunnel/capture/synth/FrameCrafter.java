package org.multitunnel.capture.synth;

import java.nio.ByteBuffer;
import java.util.Arrays;

import org.multitunnel.wire.ip.InternetChecksum;
import org.multitunnel.wire.ip.Ipv4Header;
import org.multitunnel.wire.ip.UdpHeader;
import org.multitunnel.wire.link.EthernetHeader;

/**
 * Writes the synthesizer's Ethernet frames. Tunnelled data (millions of frames for benchmarks) is laid out by hand
 * into one reused buffer — outer IPv4, then IP-in-IP (RFC 2003), GRE with key (RFC 2784/2890), minimal encapsulation
 * with original source (RFC 2004) or RFC 3519 UDP type 4 — with every IPv4, UDP, TCP and minimal-header checksum
 * correct; signalling (rare) is assembled with the wire bundle's builders.
 */
final class FrameCrafter {
    static final byte[] HA_SIDE_MAC = {0x02, 0, 0, 0, 0, 0x01};
    static final byte[] ACCESS_SIDE_MAC = {0x02, 0, 0, 0, 0, 0x02};
    /** RFC 5944 §3.1: the default port of the synthesized signalling and UDP tunnels. */
    static final int MIP_PORT = 434;
    private static final int MAX_FRAME = 1600;
    /** Payload contents: zeros (the uniform mix), a TLS application-data record, an RTP packet. */
    static final int ZEROS = 0;
    static final int TLS = 1;
    static final int RTP = 2;
    /** Pseudo-random bytes that stand for encrypted or encoded payload (fixed, so output stays deterministic). */
    private static final byte[] NOISE = new byte[2048];

    static {
        java.util.SplittableRandom r = new java.util.SplittableRandom(0x7115L);
        for (int i = 0; i < NOISE.length; i++) {
            NOISE[i] = (byte) r.nextInt(256);
        }
    }

    /** The home agent's UDP port: signalling and the HA end of RFC 3519 UDP tunnels. */
    private final int mipPort;

    private final byte[] frame = new byte[MAX_FRAME];
    private final ByteBuffer buf = ByteBuffer.wrap(frame);
    private int ipId;
    private int length;
    private int outerTotalLength;

    FrameCrafter(int mipPort) {
        this.mipPort = mipPort;
    }

    int mipPort() {
        return mipPort;
    }

    byte[] frame() {
        return frame;
    }

    /** Length of the last data frame written by {@link #data}. */
    int length() {
        return length;
    }

    /** Outer IPv4 total length of the last data frame (what tunnel byte counts add up). */
    int outerTotalLength() {
        return outerTotalLength;
    }

    /**
     * Writes one tunnelled data frame.
     *
     * @param toCareOf    true: HA to care-of address (CN to MN inside); false: reverse tunnel, care-of to HA
     * @param payload     inner transport payload bytes
     * @param seq         TCP sequence number, or the RTP packet count of the flow
     * @param ack         TCP acknowledgement number (the reverse flow's next sequence number)
     * @param content     {@link #ZEROS}, {@link #TLS} (a TLS 1.2 application-data record filling the payload) or
     *                    {@link #RTP} (RTP header, PCMU, then noise)
     */
    void data(Plan.Binding b, int homeAgent, boolean toCareOf, int innerSrc, int innerDst, int protocol, int srcPort,
            int dstPort, int payload, long seq, long ack, int content) {
        Arrays.fill(frame, 0, MAX_FRAME, (byte) 0);
        int l4 = protocol == 6 ? 20 : 8;
        int innerTotal = 20 + l4 + payload;
        int p = ethernet(toCareOf);
        int outer = p;
        int outerSrc = toCareOf ? homeAgent : b.careOf();
        int outerDst = toCareOf ? b.careOf() : homeAgent;
        int q = outer + 20;
        int outerProto;
        boolean innerHeader = true;
        switch (b.encapsulation()) {
            case IPIP -> outerProto = 4;
            case GRE -> {
                outerProto = 47;
                buf.putShort(q, (short) 0x2000); // K bit, version 0
                buf.putShort(q + 2, (short) 0x0800); // protocol type IPv4
                buf.putInt(q + 4, (int) b.greKey()); // key
                q += 8;
            }
            case MINENC -> {
                outerProto = 55;
                innerHeader = false;
                frame[q] = (byte) protocol; // protocol of the original datagram
                frame[q + 1] = (byte) 0x80; // S: original source present
                buf.putInt(q + 4, innerDst); // original destination
                buf.putInt(q + 8, innerSrc); // original source
                buf.putShort(q + 2, (short) InternetChecksum.fold(InternetChecksum.sum(buf, q, 12, 0)));
                q += 12;
            }
            case UDP -> {
                outerProto = 17;
                int haPort = mipPort;
                buf.putShort(q, (short) (toCareOf ? haPort : b.mnPort())); // source port
                buf.putShort(q + 2, (short) (toCareOf ? b.mnPort() : haPort)); // destination port
                buf.putShort(q + 4, (short) (8 + 4 + innerTotal)); // length; checksum 0 (RFC 3519 §3.1 allows it)
                frame[q + 8] = 4; // message type 4: tunnel data
                frame[q + 9] = 4; // next header: IP in IP
                q += 12;
            }
            default -> throw new IllegalArgumentException("not a tunnel encapsulation: " + b.encapsulation());
        }
        int inner = q;
        if (innerHeader) {
            ipv4(inner, innerTotal, protocol, innerSrc, innerDst, 63);
            q += 20;
        }
        if (protocol == 6) {
            buf.putShort(q, (short) srcPort);
            buf.putShort(q + 2, (short) dstPort);
            buf.putInt(q + 4, (int) seq); // sequence number
            buf.putInt(q + 8, (int) ack); // acknowledgement number
            frame[q + 12] = 0x50; // data offset 5 words
            frame[q + 13] = 0x18; // PSH, ACK
            buf.putShort(q + 14, (short) 0xffff); // window
        } else {
            buf.putShort(q, (short) srcPort);
            buf.putShort(q + 2, (short) dstPort);
            buf.putShort(q + 4, (short) (8 + payload));
        }
        int pay = q + l4;
        if (content == TLS && payload >= 6) {
            frame[pay] = 0x17; // content type: application data
            buf.putShort(pay + 1, (short) 0x0303); // TLS 1.2
            buf.putShort(pay + 3, (short) (payload - 5)); // record length
            noise(pay + 5, payload - 5, seq);
        } else if (content == RTP && payload >= 12) {
            frame[pay] = (byte) 0x80; // version 2, no padding, extension or CSRC
            frame[pay + 1] = 0; // marker 0, payload type 0 (PCMU)
            buf.putShort(pay + 2, (short) seq); // sequence number
            buf.putInt(pay + 4, (int) (seq * 160)); // timestamp: 20 ms of 8 kHz audio per packet
            buf.putInt(pay + 8, srcPort << 16 | dstPort); // SSRC
            noise(pay + 12, payload - 12, seq);
        }
        long pseudo = (innerSrc >>> 16) + (innerSrc & 0xffff) + (innerDst >>> 16) + (innerDst & 0xffff) + protocol
                + l4 + payload;
        // zeros add nothing to the sum, so the uniform mix sums the header only
        int c = InternetChecksum.fold(InternetChecksum.sum(buf, q, content == ZEROS ? l4 : l4 + payload, pseudo));
        buf.putShort(q + (protocol == 6 ? 16 : 6), (short) (protocol == 17 && c == 0 ? 0xffff : c));
        int end = q + l4 + payload;
        outerTotalLength = end - outer;
        ipv4(outer, outerTotalLength, outerProto, outerSrc, outerDst, 64);
        length = end;
    }

    private void noise(int at, int len, long seq) {
        int from = (int) (seq & 511);
        while (len > 0) {
            int n = Math.min(len, NOISE.length - from);
            System.arraycopy(NOISE, from, frame, at, n);
            at += n;
            len -= n;
            from = 0;
        }
    }

    private int ethernet(boolean toCareOf) {
        byte[] dst = toCareOf ? ACCESS_SIDE_MAC : HA_SIDE_MAC;
        byte[] src = toCareOf ? HA_SIDE_MAC : ACCESS_SIDE_MAC;
        System.arraycopy(dst, 0, frame, 0, 6);
        System.arraycopy(src, 0, frame, 6, 6);
        buf.putShort(12, (short) 0x0800);
        return 14;
    }

    private void ipv4(int at, int total, int protocol, int src, int dst, int ttl) {
        frame[at] = 0x45; // version 4, IHL 5
        buf.putShort(at + 2, (short) total);
        buf.putShort(at + 4, (short) (ipId++));
        buf.putShort(at + 6, (short) 0x4000); // DF
        frame[at + 8] = (byte) ttl;
        frame[at + 9] = (byte) protocol;
        buf.putShort(at + 10, (short) 0);
        buf.putInt(at + 12, src);
        buf.putInt(at + 16, dst);
        buf.putShort(at + 10, (short) InternetChecksum.fold(InternetChecksum.sum(buf, at, 20, 0)));
    }

    /** A UDP/IPv4/Ethernet frame around a Mobile IP message, built with the wire bundle's builders. */
    byte[] signalling(int src, int dst, int srcPort, int dstPort, byte[] message, boolean toHomeAgent) {
        byte[] udp = UdpHeader.builder().sourcePort(srcPort).destinationPort(dstPort).ipv4(src, dst).build(message);
        byte[] ip = Ipv4Header.builder().protocol(17).source(src).destination(dst).identification(ipId++ & 0xffff)
                .flags(2).build(udp);
        return new EthernetHeader(toHomeAgent ? HA_SIDE_MAC : ACCESS_SIDE_MAC,
                toHomeAgent ? ACCESS_SIDE_MAC : HA_SIDE_MAC, 0x0800).encode(ip);
    }
}
