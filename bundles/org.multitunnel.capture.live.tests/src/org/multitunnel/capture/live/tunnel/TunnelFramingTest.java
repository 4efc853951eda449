package org.multitunnel.capture.live.tunnel;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/**
 * The byte rules of the userspace tunnel: where the inner packet starts behind an outer IPv4 header for IP-in-IP
 * and for GRE with and without optional fields, and that anything else (wrong protocol, non-IPv4 inner, short) is
 * refused rather than written to the TUN device.
 */
class TunnelFramingTest {
    /** An IPv4 header of 20 octets with the given protocol (only version/IHL and protocol matter here). */
    private static byte[] outer(int protocol, int extra) {
        byte[] p = new byte[20 + extra];
        p[0] = 0x45; // version 4, IHL 5
        p[9] = (byte) protocol;
        return p;
    }

    @Test
    void ipipInnerPacketStartsRightAfterTheOuterHeader() {
        byte[] p = outer(4, 28);
        p[20] = 0x45; // inner IPv4 header
        assertEquals(20, TunnelFraming.IPIP.innerOffset(p, p.length));
        assertEquals(0, TunnelFraming.IPIP.headerLength());
    }

    @Test
    void ipipRefusesOtherProtocolsShortPacketsAndNonIpv4Inner() {
        byte[] gre = outer(47, 28);
        gre[20] = 0x45;
        assertEquals(-1, TunnelFraming.IPIP.innerOffset(gre, gre.length));
        byte[] v6 = outer(4, 40);
        v6[20] = 0x60; // an IPv6 header inside protocol 4 is not IP-in-IPv4
        assertEquals(-1, TunnelFraming.IPIP.innerOffset(v6, v6.length));
        byte[] cut = outer(4, 10);
        cut[20] = 0x45;
        assertEquals(-1, TunnelFraming.IPIP.innerOffset(cut, cut.length));
    }

    @Test
    void greSkipsItsFourOctetHeaderAndTheOptionalKeyAndSequence() {
        byte[] plain = outer(47, 4 + 20);
        byte[] h = new byte[4];
        TunnelFraming.GRE.writeHeader(h);
        System.arraycopy(h, 0, plain, 20, 4); // 00 00 08 00: no C/K/S, version 0, IPv4
        plain[24] = 0x45;
        assertEquals(24, TunnelFraming.GRE.innerOffset(plain, plain.length));

        byte[] keyed = outer(47, 12 + 20);
        keyed[20] = 0x30; // K and S set (RFC 2890): key and sequence number follow
        keyed[22] = 0x08;
        keyed[32] = 0x45;
        assertEquals(32, TunnelFraming.GRE.innerOffset(keyed, keyed.length));

        byte[] notIpv4 = outer(47, 4 + 20);
        notIpv4[22] = (byte) 0x86; // protocol type 0x86dd (IPv6)
        notIpv4[23] = (byte) 0xdd;
        assertEquals(-1, TunnelFraming.GRE.innerOffset(notIpv4, notIpv4.length));
    }
}
