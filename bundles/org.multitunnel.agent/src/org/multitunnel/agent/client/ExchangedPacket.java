package org.multitunnel.agent.client;

import java.net.Inet4Address;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;

import org.multitunnel.wire.ip.InternetChecksum;

/**
 * One UDP datagram the client sent or received, kept with its addresses and time so an exchange can be saved as
 * a capture and dissected like any other: {@link #ipv4Frame()} rebuilds the IPv4 + UDP packet around the payload
 * (pcap link type 101, raw IP), with correct header and UDP checksums.
 */
public record ExchangedPacket(long timestampNanos, boolean sent, InetSocketAddress source,
        InetSocketAddress destination, byte[] payload) {

    /** pcap/pcapng link type of {@link #ipv4Frame()}: LINKTYPE_RAW. */
    public static final int LINK_TYPE = 101;

    public ExchangedPacket {
        payload = payload.clone();
    }

    @Override
    public byte[] payload() {
        return payload.clone();
    }

    /** IPv4 header (20 bytes, TTL 64, DF) + UDP header + payload; addresses must be IPv4. */
    public byte[] ipv4Frame() {
        int src = v4(source);
        int dst = v4(destination);
        int udpLength = 8 + payload.length;
        ByteBuffer b = ByteBuffer.allocate(20 + udpLength);
        b.put((byte) 0x45).put((byte) 0).putShort((short) (20 + udpLength)); // version/IHL, DSCP, total length
        b.putShort((short) 0).putShort((short) 0x4000); // identification, flags DF
        b.put((byte) 64).put((byte) 17).putShort((short) 0); // TTL, protocol UDP, checksum (below)
        b.putInt(src).putInt(dst);
        b.putShort(10, (short) InternetChecksum.compute(b.array(), 0, 20));
        b.putShort((short) source.getPort()).putShort((short) destination.getPort());
        b.putShort((short) udpLength).putShort((short) 0);
        b.put(payload);
        long sum = InternetChecksum.sum(b.array(), 20, udpLength, InternetChecksum.pseudoIpv4(src, dst, 17, udpLength));
        int ck = InternetChecksum.fold(sum);
        b.putShort(26, (short) (ck == 0 ? 0xffff : ck)); // RFC 768: a computed 0 is sent as all ones
        return b.array();
    }

    private static int v4(InetSocketAddress a) {
        if (!(a.getAddress() instanceof Inet4Address v4)) {
            throw new IllegalStateException("not an IPv4 address: " + a);
        }
        return ByteBuffer.wrap(v4.getAddress()).getInt();
    }
}
