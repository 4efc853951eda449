package org.multitunnel.wire.fast;

import java.nio.ByteBuffer;

/**
 * The capture engine's per-packet hot path: decides with absolute {@link ByteBuffer} gets, no allocation and no
 * exceptions whether a frame is Mobile IP signalling, a Mobile IPv6 mobility header or tunnelled data, and fills
 * a reused {@link PacketSummary}. Bad data sets {@link PacketKind#MALFORMED} instead of throwing; every loop is
 * bounded. The full field tree is {@link org.multitunnel.wire.dissect.PacketDissector}'s job, not this class's.
 *
 * <p>Numbers come from: RFC 791 (IPv4), RFC 8200 (IPv6 and its extension headers), RFC 2003 (IP in IP),
 * RFC 2784/2890 (GRE C/K/S), RFC 2004 §3 (minimal forwarding header), RFC 5944 §3.3/§3.4 (registration request
 * and reply layouts), RFC 3519 §3.1 (UDP tunnel data: type 4 | next header | reserved(16)), RFC 6275 §6.1.1.
 */
public final class PacketClassifier {
    public static final int MIP_PORT = 434;
    private static final int MAX_VLAN_TAGS = 4;
    private static final int MAX_IPV6_EXTENSIONS = 8;

    private PacketClassifier() {
    }

    /**
     * Classifies the frame at [offset, offset+length) of {@code buf} captured with pcap link type
     * {@code linkType}. Never throws, never allocates; returns {@code out.kind()} for convenience.
     */
    public static PacketKind classify(int linkType, ByteBuffer buf, int offset, int length, PacketSummary out) {
        return classify(linkType, buf, offset, length, out, MipPorts.DEFAULT);
    }

    /**
     * As {@link #classify(int, ByteBuffer, int, int, PacketSummary)}, taking UDP datagrams to or from any of
     * {@code mipPorts} for Mobile IPv4 (signalling and RFC 3519 tunnel data) instead of only port 434.
     */
    public static PacketKind classify(int linkType, ByteBuffer buf, int offset, int length, PacketSummary out,
            MipPorts mipPorts) {
        out.reset();
        if (offset < 0 || length < 0 || offset > buf.limit()) {
            return malformed(out, offset);
        }
        int end = (int) Math.min((long) offset + length, buf.limit());
        int p;
        int etherType;
        switch (linkType) {
            case 1 -> { // Ethernet II, with 802.1Q / 802.1ad tags
                if (end - offset < 14) {
                    return malformed(out, offset);
                }
                etherType = buf.getShort(offset + 12) & 0xffff;
                p = offset + 14;
                for (int i = 0; i < MAX_VLAN_TAGS && (etherType == 0x8100 || etherType == 0x88a8); i++) {
                    if (end - p < 4) {
                        return malformed(out, p);
                    }
                    etherType = buf.getShort(p + 2) & 0xffff;
                    p += 4;
                }
            }
            case 113 -> { // Linux cooked v1
                if (end - offset < 16) {
                    return malformed(out, offset);
                }
                etherType = buf.getShort(offset + 14) & 0xffff;
                p = offset + 16;
            }
            case 276 -> { // Linux cooked v2
                if (end - offset < 20) {
                    return malformed(out, offset);
                }
                etherType = buf.getShort(offset) & 0xffff;
                p = offset + 20;
            }
            case 0, 108 -> { // BSD loopback: address family, host order (0) or network order (108)
                if (end - offset < 4) {
                    return malformed(out, offset);
                }
                int fam = buf.getInt(offset);
                if (linkType == 0 && (fam & 0xffff0000) != 0) {
                    fam = Integer.reverseBytes(fam);
                }
                etherType = fam == 2 ? 0x0800 : (fam == 24 || fam == 28 || fam == 30) ? 0x86dd : -1;
                p = offset + 4;
            }
            case 101, 12, 14, 228, 229 -> { // raw IP
                if (end - offset < 1) {
                    return malformed(out, offset);
                }
                int v = linkType == 228 ? 4 : linkType == 229 ? 6 : (buf.get(offset) & 0xf0) >>> 4;
                etherType = v == 4 ? 0x0800 : v == 6 ? 0x86dd : -1;
                p = offset;
            }
            default -> {
                return PacketKind.OTHER;
            }
        }
        if (etherType == 0x0800) {
            return ipv4(buf, p, end, out, mipPorts);
        }
        if (etherType == 0x86dd) {
            return ipv6(buf, p, end, out, mipPorts);
        }
        return PacketKind.OTHER;
    }

    /**
     * A Mobile IP message shorter than its fixed part (RFC 5944 §3.3/§3.4, RFC 3519 §3.1): still signalling, so
     * listings and the analysis see it (RFC5944-3.3-TRUNCATED), with {@code malformedOffset} where its bytes end and
     * none of the message fields set.
     */
    private static PacketKind shortMessage(PacketSummary out, int end) {
        out.kind = PacketKind.MIP_SIGNALLING;
        out.malformedOffset = end;
        return PacketKind.MIP_SIGNALLING;
    }

    private static PacketKind malformed(PacketSummary out, int at) {
        out.kind = PacketKind.MALFORMED;
        out.malformedOffset = at;
        return PacketKind.MALFORMED;
    }

    private static PacketKind ipv4(ByteBuffer buf, int p, int end, PacketSummary out, MipPorts mipPorts) {
        if (end - p < 20) {
            return malformed(out, p);
        }
        int vihl = buf.get(p) & 0xff;
        int hl = (vihl & 0x0f) * 4;
        int total = buf.getShort(p + 2) & 0xffff;
        if ((vihl >>> 4) != 4 || hl < 20 || total < hl || end - p < hl) {
            return malformed(out, p);
        }
        out.ipVersion = 4;
        out.l3Offset = p;
        out.outerTotalLength = total;
        out.outerProtocol = buf.get(p + 9) & 0xff;
        out.outerSrc = buf.getInt(p + 12);
        out.outerDst = buf.getInt(p + 16);
        if ((buf.getShort(p + 6) & 0x1fff) != 0) {
            return PacketKind.OTHER; // a later fragment: no transport header to look at
        }
        int ipEnd = Math.min(end, p + total);
        return transport(buf, out.outerProtocol, p + hl, ipEnd, out, mipPorts);
    }

    private static PacketKind ipv6(ByteBuffer buf, int p, int end, PacketSummary out, MipPorts mipPorts) {
        if (end - p < 40 || (buf.get(p) & 0xf0) != 0x60) {
            return malformed(out, p);
        }
        out.ipVersion = 6;
        out.l3Offset = p;
        int plen = buf.getShort(p + 4) & 0xffff;
        out.outerTotalLength = 40 + plen;
        out.outerSrc6Hi = buf.getLong(p + 8);
        out.outerSrc6Lo = buf.getLong(p + 16);
        out.outerDst6Hi = buf.getLong(p + 24);
        out.outerDst6Lo = buf.getLong(p + 32);
        int ipEnd = plen == 0 ? end : Math.min(end, p + 40 + plen);
        int nxt = buf.get(p + 6) & 0xff;
        int q = p + 40;
        for (int i = 0; i <= MAX_IPV6_EXTENSIONS; i++) {
            if (nxt != 0 && nxt != 43 && nxt != 60 && nxt != 44) {
                break;
            }
            if (i == MAX_IPV6_EXTENSIONS || ipEnd - q < 8) {
                return malformed(out, q);
            }
            int size = nxt == 44 ? 8 : ((buf.get(q + 1) & 0xff) + 1) * 8;
            if (nxt == 44 && (buf.getShort(q + 2) & 0xfff9) != 0) {
                out.outerProtocol = 44;
                return PacketKind.OTHER; // a fragment: not reassembled here
            }
            if (nxt == 60) {
                homeAddressOption(buf, q + 2, Math.min(q + size, ipEnd), out);
            } else if (nxt == 43 && size >= 24 && ipEnd - q >= 24 && (buf.get(q + 2) & 0xff) == 2) {
                // RFC 6275 §6.4: type 2 routing header, the home address after 4 reserved bytes
                out.mip6HomeAddressOffset = q + 8;
                out.mip6HomeAddressKind = PacketSummary.TYPE2_ROUTING_HEADER;
            }
            nxt = buf.get(q) & 0xff;
            q += size;
        }
        out.outerProtocol = nxt;
        if (q > ipEnd) {
            return malformed(out, ipEnd);
        }
        if (nxt == 135) {
            out.kind = PacketKind.MIP6_MOBILITY;
            if (ipEnd - q < 8) { // RFC 6275 §6.1.1: at least 8 bytes; a shorter one is shown as malformed
                out.mhType = ipEnd - q >= 3 ? buf.get(q + 2) & 0xff : -1;
                out.malformedOffset = ipEnd;
                return PacketKind.MIP6_MOBILITY;
            }
            out.mhType = buf.get(q + 2) & 0xff;
            out.kind = PacketKind.MIP6_MOBILITY;
            return PacketKind.MIP6_MOBILITY;
        }
        return transport(buf, nxt, q, ipEnd, out, mipPorts);
    }

    /**
     * RFC 6275 §6.3: a Home Address destination option (type 201, length 16) among the options at [p, end) marks a
     * route-optimised packet from a mobile node. Options are walked by their lengths; the loop advances each turn.
     */
    private static void homeAddressOption(ByteBuffer buf, int p, int end, PacketSummary out) {
        int r = p;
        while (r < end) {
            int type = buf.get(r) & 0xff;
            if (type == 0) { // Pad1
                r++;
                continue;
            }
            if (end - r < 2) {
                return;
            }
            int len = buf.get(r + 1) & 0xff;
            if (type == 201 && len == 16 && end - r >= 18) {
                out.mip6HomeAddressOffset = r + 2;
                out.mip6HomeAddressKind = PacketSummary.HOME_ADDRESS_OPTION;
                return;
            }
            r += 2 + len;
        }
    }

    /** The outer IP payload at [p, end): tunnels, UDP 434, or nothing of interest. */
    private static PacketKind transport(ByteBuffer buf, int proto, int p, int end, PacketSummary out,
            MipPorts mipPorts) {
        switch (proto) {
            case 4, 41 -> {
                out.encapsulation = TunnelEncapsulation.IPIP;
                out.kind = PacketKind.TUNNEL_DATA;
                inner(buf, p, end, out);
                return PacketKind.TUNNEL_DATA;
            }
            case 47 -> {
                return gre(buf, p, end, out);
            }
            case 55 -> {
                return minenc(buf, p, end, out);
            }
            case 17 -> {
                return udp(buf, p, end, out, mipPorts);
            }
            default -> {
                return PacketKind.OTHER;
            }
        }
    }

    private static PacketKind gre(ByteBuffer buf, int p, int end, PacketSummary out) {
        if (end - p < 4) {
            return malformed(out, p);
        }
        int fv = buf.getShort(p) & 0xffff;
        int proto = buf.getShort(p + 2) & 0xffff;
        int q = p + 4;
        if ((fv & 0xc000) != 0) { // C or R: checksum + offset/reserved1
            q += 4;
        }
        if ((fv & 0x2000) != 0) {
            if (end - q < 4) {
                return malformed(out, q);
            }
            out.greKeyPresent = true;
            out.greKey = buf.getInt(q) & 0xffffffffL;
            q += 4;
        }
        if ((fv & 0x1000) != 0) {
            q += 4;
        }
        if (q > end) {
            return malformed(out, end);
        }
        out.encapsulation = TunnelEncapsulation.GRE;
        out.kind = PacketKind.TUNNEL_DATA;
        if ((fv & 0x4000) == 0 && (proto == 0x0800 || proto == 0x86dd)) {
            inner(buf, q, end, out);
        }
        return PacketKind.TUNNEL_DATA;
    }

    /** RFC 2004 §3; the original source is the outer source when S is clear. */
    private static PacketKind minenc(ByteBuffer buf, int p, int end, PacketSummary out) {
        if (end - p < 8) {
            return malformed(out, p);
        }
        boolean s = (buf.get(p + 1) & 0x80) != 0;
        int size = s ? 12 : 8;
        if (end - p < size) {
            return malformed(out, p);
        }
        out.encapsulation = TunnelEncapsulation.MINENC;
        out.kind = PacketKind.TUNNEL_DATA;
        out.innerVersion = 4;
        out.innerProto = buf.get(p) & 0xff;
        out.innerDst = buf.getInt(p + 4);
        out.innerSrc = s ? buf.getInt(p + 8) : (out.ipVersion == 4 ? out.outerSrc : 0);
        ports(buf, out.innerProto, p + size, end, out);
        return PacketKind.TUNNEL_DATA;
    }

    private static PacketKind udp(ByteBuffer buf, int p, int end, PacketSummary out, MipPorts mipPorts) {
        if (end - p < 8) {
            return malformed(out, p);
        }
        out.udpSrcPort = buf.getShort(p) & 0xffff;
        out.udpDstPort = buf.getShort(p + 2) & 0xffff;
        if (!mipPorts.contains(out.udpSrcPort) && !mipPorts.contains(out.udpDstPort)) {
            return PacketKind.OTHER;
        }
        int ulen = buf.getShort(p + 4) & 0xffff;
        int m = p + 8;
        int mEnd = ulen >= 8 ? Math.min(end, p + ulen) : end;
        out.mipOffset = m;
        if (mEnd - m < 1) {
            return shortMessage(out, mEnd); // an empty message on the Mobile IP port: shown, not dropped
        }
        int type = buf.get(m) & 0xff;
        out.mipType = type;
        if (type == 4) { // RFC 3519 §3.1 tunnel data: Type | Next Header | Reserved(16) | payload
            if (mEnd - m < 4) {
                return shortMessage(out, mEnd);
            }
            int next = buf.get(m + 1) & 0xff;
            out.kind = PacketKind.TUNNEL_DATA;
            out.encapsulation = TunnelEncapsulation.UDP;
            int q = m + 4;
            if (next == 4) {
                inner(buf, q, mEnd, out);
            } else if (next == 55) {
                minenc(buf, q, mEnd, out);
                out.encapsulation = TunnelEncapsulation.UDP;
                out.kind = PacketKind.TUNNEL_DATA;
            } else if (next == 47) {
                gre(buf, q, mEnd, out);
                out.encapsulation = TunnelEncapsulation.UDP;
                out.kind = PacketKind.TUNNEL_DATA;
            }
            return PacketKind.TUNNEL_DATA;
        }
        out.kind = PacketKind.MIP_SIGNALLING;
        if (type == 1) { // RFC 5944 §3.3
            if (mEnd - m < 24) {
                return shortMessage(out, mEnd);
            }
            out.mipFlags = buf.get(m + 1) & 0xff;
            out.mipLifetime = buf.getShort(m + 2) & 0xffff;
            out.homeAddress = buf.getInt(m + 4);
            out.homeAgent = buf.getInt(m + 8);
            out.careOfAddress = buf.getInt(m + 12);
            out.identification = buf.getLong(m + 16);
        } else if (type == 3) { // RFC 5944 §3.4
            if (mEnd - m < 20) {
                return shortMessage(out, mEnd);
            }
            out.mipCode = buf.get(m + 1) & 0xff;
            out.mipLifetime = buf.getShort(m + 2) & 0xffff;
            out.homeAddress = buf.getInt(m + 4);
            out.homeAgent = buf.getInt(m + 8);
            out.identification = buf.getLong(m + 12);
        } else if ((type == 7 && mEnd - m < 20) || (type == 15 && mEnd - m < 12)) { // RFC 3543 §6.1, §6.2
            return shortMessage(out, mEnd);
        }
        return PacketKind.MIP_SIGNALLING;
    }

    /** The tunnelled IP packet at [p, end): version, addresses, protocol and ports when captured. */
    private static void inner(ByteBuffer buf, int p, int end, PacketSummary out) {
        if (end - p < 1) {
            return;
        }
        int v = (buf.get(p) & 0xf0) >>> 4;
        if (v == 4 && end - p >= 20) {
            int hl = (buf.get(p) & 0x0f) * 4;
            out.innerVersion = 4;
            out.innerProto = buf.get(p + 9) & 0xff;
            out.innerSrc = buf.getInt(p + 12);
            out.innerDst = buf.getInt(p + 16);
            if (hl >= 20 && (buf.getShort(p + 6) & 0x1fff) == 0) {
                ports(buf, out.innerProto, p + hl, end, out);
            }
        } else if (v == 6 && end - p >= 40) {
            out.innerVersion = 6;
            out.innerProto = buf.get(p + 6) & 0xff;
            out.innerSrc6Hi = buf.getLong(p + 8);
            out.innerSrc6Lo = buf.getLong(p + 16);
            out.innerDst6Hi = buf.getLong(p + 24);
            out.innerDst6Lo = buf.getLong(p + 32);
            ports(buf, out.innerProto, p + 40, end, out);
        }
    }

    private static void ports(ByteBuffer buf, int proto, int p, int end, PacketSummary out) {
        if ((proto == 6 || proto == 17 || proto == 132) && end - p >= 4 && p >= 0) {
            out.innerSrcPort = buf.getShort(p) & 0xffff;
            out.innerDstPort = buf.getShort(p + 2) & 0xffff;
        }
    }
}
