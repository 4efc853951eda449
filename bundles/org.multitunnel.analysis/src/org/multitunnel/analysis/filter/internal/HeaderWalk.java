package org.multitunnel.analysis.filter.internal;

import java.nio.ByteBuffer;

import org.multitunnel.wire.Dissector;
import org.multitunnel.wire.DissectorRegistry;
import org.multitunnel.wire.ip.Ipv4Dissector;
import org.multitunnel.wire.ip.Ipv6Dissector;
import org.multitunnel.wire.ip.TcpDissector;
import org.multitunnel.wire.ip.UdpDissector;
import org.multitunnel.wire.link.EthernetDissector;
import org.multitunnel.wire.link.NullDissector;
import org.multitunnel.wire.link.RawIpDissector;
import org.multitunnel.wire.link.SllDissector;
import org.multitunnel.wire.link.VlanDissector;
import org.multitunnel.wire.mip.MipDissector;
import org.multitunnel.wire.tunnel.GreDissector;
import org.multitunnel.wire.tunnel.MinimalEncapsulationDissector;

/**
 * The filter's fast path: walks a frame's headers in place — link, VLAN, IPv4/IPv6, UDP, TCP, GRE, minimal
 * encapsulation, RFC 3519 tunnel data and tunnelled packets inside them — the way the dissectors would, dispatching
 * through the same {@link DissectorRegistry} (so Decode As ports apply), and records each layer's kind and offset
 * without building a field tree or allocating. It mirrors the dissectors' decisions (payload bounds, fragments,
 * "data" for payloads nothing dissects) and gives up ({@link #complete} false) at anything it does not model exactly
 * — a truncated or odd header, IP options, IPv6 extension headers, ICMP, MPLS, a dissector it does not know — so
 * the caller then dissects. A test compares it with the dissectors field by field on every capture we have.
 */
final class HeaderWalk {
    static final int ETH = 1, VLAN = 2, SLL = 3, NULL = 4, IPV4 = 5, IPV6 = 6, UDP = 7, TCP = 8, GRE = 9,
            MINENC = 10, MIP_TUNNEL = 11, MIP_SIG = 12, DATA = 13;
    /** The layer names the dissectors give each kind (MIP_SIG may also come out as _ws.malformed). */
    static final String[] NAMES = { "", "eth", "vlan", "sll", "null", "ip", "ipv6", "udp", "tcp", "gre", "minenc",
            "mip", "mip", "data" };
    private static final int MAX = 16;
    private static final byte UNKNOWN = -1, NONE = -2;

    /** Dispatch tables resolved from the registry on first use: kind per value, 0 = not looked up yet. */
    private final DissectorRegistry registry;
    private final byte[] etherType = new byte[65536];
    private final byte[] ipProto = new byte[256];
    private final byte[] udpPort = new byte[65536];
    private final byte[] tcpPort = new byte[65536];
    private final byte[] greProto = new byte[65536];

    final int[] kind = new int[MAX];
    final int[] off = new int[MAX];
    final int[] end = new int[MAX];
    int n;
    boolean complete;
    ByteBuffer buf;
    int frameStart;
    int frameEnd;
    /** The link layer was Linux cooked v2 (protocol field first). */
    boolean sll2;
    /** The link type was raw IP (tshark lists a "raw" protocol first). */
    boolean rawLink;

    HeaderWalk(DissectorRegistry registry) {
        this.registry = registry;
    }

    /** Walks the frame at [offset, offset + length) of {@code b}; sets {@link #complete} when it modelled all. */
    void walk(int linkType, ByteBuffer b, int offset, int length) {
        buf = b;
        frameStart = offset;
        frameEnd = (int) Math.min((long) offset + Math.max(0, length), b.limit());
        n = 0;
        rawLink = linkType == 101 || linkType == 12 || linkType == 14 || linkType == 228 || linkType == 229;
        complete = length > 0 && link(linkType, offset, frameEnd - offset);
        if (length <= 0) {
            complete = true; // an empty frame has no layers at all
        }
    }

    /** Layers of kind {@code k} so far, counting this one: the 1-based layer number for field#n. */
    int layerNumber(int index) {
        int c = 0;
        for (int i = 0; i <= index; i++) {
            if (NAMES[kind[i]].equals(NAMES[kind[index]])) {
                c++;
            }
        }
        return c;
    }

    boolean has(int k) {
        for (int i = 0; i < n; i++) {
            if (kind[i] == k) {
                return true;
            }
        }
        return false;
    }

    private boolean add(int k, int o, int e) {
        if (n == MAX) {
            return false;
        }
        kind[n] = k;
        off[n] = o;
        end[n] = e;
        n++;
        return true;
    }

    private int u8(int o) {
        return buf.get(o) & 0xff;
    }

    private int u16(int o) {
        return buf.getShort(o) & 0xffff;
    }

    /** The end of a dissector's Layer over [o, o+len): clipped to the frame, never before o. */
    private int layerEnd(int o, int len) {
        return (int) Math.max(o, Math.min((long) o + Math.max(0, len), frameEnd));
    }

    private boolean link(int linkType, int o, int len) {
        Dissector d = registry.lookup(DissectorRegistry.LINKTYPE, linkType);
        if (d == null) {
            return data(o, len);
        }
        if (d instanceof EthernetDissector) {
            return eth(o, len);
        }
        if (d instanceof SllDissector && (linkType == 113 || linkType == 276)) {
            return sll(o, len, linkType == 276);
        }
        if (d instanceof NullDissector && (linkType == 0 || linkType == 108)) {
            return nullLink(o, len, linkType == 108);
        }
        if (d instanceof RawIpDissector && (linkType == 101 || linkType == 12 || linkType == 14 || linkType == 228
                || linkType == 229)) {
            if (o >= frameEnd) {
                return false;
            }
            int v = u8(o) >>> 4;
            if (v != 4 && v != 6) {
                return false;
            }
            return next(etherType, DissectorRegistry.ETHERTYPE, v == 4 ? 0x0800 : 0x86dd, o, len);
        }
        return false;
    }

    /** DissectContext.next: nothing for an empty payload, "data" when no dissector is registered. */
    private boolean next(byte[] cache, String table, int value, int o, int len) {
        if (len <= 0) {
            return true;
        }
        if (n >= MAX - 1) {
            return false;
        }
        int k = kindOf(cache, table, value);
        return switch (k) {
            case NONE -> data(o, len);
            case ETH -> eth(o, len);
            case VLAN -> vlan(o, len);
            case IPV4 -> ipv4(o, len);
            case IPV6 -> ipv6(o, len);
            case UDP -> udp(o, len);
            case TCP -> tcp(o, len);
            case GRE -> gre(o, len);
            case MINENC -> minenc(o, len);
            case MIP_SIG -> mip(o, len);
            default -> false;
        };
    }

    private int kindOf(byte[] cache, String table, int value) {
        if (value < 0 || value >= cache.length) {
            return UNKNOWN;
        }
        byte k = cache[value];
        if (k == 0) {
            Dissector d = registry.lookup(table, value);
            k = d == null ? NONE
                    : d instanceof EthernetDissector ? ETH
                    : d instanceof VlanDissector ? VLAN
                    : d instanceof Ipv4Dissector ? IPV4
                    : d instanceof Ipv6Dissector ? IPV6
                    : d instanceof UdpDissector ? UDP
                    : d instanceof TcpDissector ? TCP
                    : d instanceof GreDissector ? GRE
                    : d instanceof MinimalEncapsulationDissector ? MINENC
                    : d instanceof MipDissector ? MIP_SIG
                    : UNKNOWN;
            cache[value] = k;
        }
        return k;
    }

    /** DissectContext.data: a "data" layer even when empty. */
    private boolean data(int o, int len) {
        return add(DATA, o, (int) Math.max(o, Math.min((long) o + Math.max(0, len), frameEnd)));
    }

    private boolean eth(int o, int len) {
        int e = layerEnd(o, len);
        if (e - o < 14) {
            return false;
        }
        int type = u16(o + 12);
        if (!add(ETH, o, e)) {
            return false;
        }
        return type >= 0x0600 ? next(etherType, DissectorRegistry.ETHERTYPE, type, o + 14, e - o - 14)
                : data(o + 14, e - o - 14);
    }

    private boolean vlan(int o, int len) {
        int e = layerEnd(o, len);
        if (e - o < 4) {
            return false;
        }
        int type = u16(o + 2);
        if (!add(VLAN, o, e)) {
            return false;
        }
        return type >= 0x0600 ? next(etherType, DissectorRegistry.ETHERTYPE, type, o + 4, e - o - 4)
                : data(o + 4, e - o - 4);
    }

    private boolean sll(int o, int len, boolean v2) {
        int e = layerEnd(o, len);
        int size = v2 ? 20 : 16;
        if (e - o < size) {
            return false;
        }
        int proto = u16(v2 ? o : o + 14);
        sll2 = v2;
        if (!add(SLL, o, e)) {
            return false;
        }
        return proto >= 0x0600 ? next(etherType, DissectorRegistry.ETHERTYPE, proto, o + size, e - o - size)
                : data(o + size, e - o - size);
    }

    private boolean nullLink(int o, int len, boolean networkOrder) {
        int e = layerEnd(o, len);
        if (e - o < 4) {
            return false;
        }
        long be = buf.getInt(o) & 0xffffffffL;
        long fam = networkOrder || (be & 0xffff0000L) == 0 && be != 0 ? be
                : Integer.reverseBytes((int) be) & 0xffffffffL;
        int type = fam == 2 ? 0x0800 : (fam == 24 || fam == 28 || fam == 30) ? 0x86dd : -1;
        if (!add(NULL, o, e)) {
            return false;
        }
        return type > 0 ? next(etherType, DissectorRegistry.ETHERTYPE, type, o + 4, e - o - 4) : data(o + 4, e - o - 4);
    }

    private boolean ipv4(int o, int len) {
        int e = layerEnd(o, len);
        if (e - o < 20 || u8(o) >>> 4 != 4) {
            return false;
        }
        int hl = (u8(o) & 0x0f) * 4;
        int total = u16(o + 2);
        if (hl != 20 || total < hl) {
            return false; // options (or a bad IHL / total length): the dissector's own business
        }
        int captured = e - o;
        int payloadLen = Math.min(total, captured) - hl;
        int ff = u16(o + 6);
        boolean more = (ff & 0x2000) != 0;
        boolean dissectPayload = (ff & 0x1fff) == 0 && (!more || captured < total);
        if (!add(IPV4, o, e)) {
            return false;
        }
        if (payloadLen <= 0) {
            return true;
        }
        return dissectPayload ? next(ipProto, DissectorRegistry.IP_PROTO, u8(o + 9), o + hl, payloadLen)
                : data(o + hl, payloadLen);
    }

    private boolean ipv6(int o, int len) {
        int e = layerEnd(o, len);
        if (e - o < 40 || u8(o) >>> 4 != 6) {
            return false;
        }
        int plen = u16(o + 4);
        int avail = e - (o + 40);
        if (!add(IPV6, o, e)) {
            return false;
        }
        return next(ipProto, DissectorRegistry.IP_PROTO, u8(o + 6), o + 40, plen == 0 ? avail : Math.min(plen, avail));
    }

    private boolean udp(int o, int len) {
        int e = layerEnd(o, len);
        if (e - o < 8) {
            return false;
        }
        int src = u16(o);
        int dst = u16(o + 2);
        int ulen = u16(o + 4);
        int avail = e - (o + 8);
        int payloadLen = ulen >= 8 ? Math.min(ulen - 8, avail) : avail;
        if (!add(UDP, o, e)) {
            return false;
        }
        return next(udpPort, DissectorRegistry.UDP_PORT, port(udpPort, DissectorRegistry.UDP_PORT, src, dst), o + 8,
                payloadLen);
    }

    /** UdpDissector.dispatch: the lower port when something is registered for it, else the higher. */
    private int port(byte[] cache, String table, int src, int dst) {
        int low = Math.min(src, dst);
        return kindOf(cache, table, low) != NONE ? low : Math.max(src, dst);
    }

    private boolean tcp(int o, int len) {
        int e = layerEnd(o, len);
        if (e - o < 20) {
            return false;
        }
        int hl = (u8(o + 12) >>> 4) * 4;
        if (hl < 20 || e - o < hl) {
            return false;
        }
        if (!add(TCP, o, e)) {
            return false;
        }
        return next(tcpPort, DissectorRegistry.TCP_PORT, port(tcpPort, DissectorRegistry.TCP_PORT, u16(o), u16(o + 2)),
                o + hl, e - (o + hl));
    }

    private boolean gre(int o, int len) {
        int e = layerEnd(o, len);
        if (e - o < 4) {
            return false;
        }
        int fv = u16(o);
        int proto = u16(o + 2);
        int p = o + 4;
        if ((fv & 0x4000) != 0) {
            return false; // routing present (RFC 1701): left to the dissector
        }
        p += (fv & 0x8000) != 0 ? 4 : 0;
        p += (fv & 0x2000) != 0 ? 4 : 0;
        p += (fv & 0x1000) != 0 ? 4 : 0;
        if (p > e) {
            return false;
        }
        if (kindOf(greProto, GreDissector.GRE_PROTO_TABLE, proto) != NONE) {
            return false; // a GRE-specific payload layout (ERSPAN, WCCP, ...)
        }
        if (!add(GRE, o, e)) {
            return false;
        }
        return next(etherType, DissectorRegistry.ETHERTYPE, proto, p, e - p);
    }

    private boolean minenc(int o, int len) {
        int e = layerEnd(o, len);
        if (e - o < 8) {
            return false;
        }
        int size = (u8(o + 1) & 0x80) != 0 ? 12 : 8;
        if (e - o < size) {
            return false;
        }
        if (!add(MINENC, o, e)) {
            return false;
        }
        return next(ipProto, DissectorRegistry.IP_PROTO, u8(o), o + size, e - (o + size));
    }

    /** MipDissector: RFC 3519 tunnel data continues into its payload; a registration message ends the frame. */
    private boolean mip(int o, int len) {
        int e = layerEnd(o, len);
        if (u8(o) != 4) {
            return add(MIP_SIG, o, e);
        }
        if (e - o < 4 || len > e - o) {
            return false;
        }
        if (!add(MIP_TUNNEL, o, e)) {
            return false;
        }
        return next(ipProto, DissectorRegistry.IP_PROTO, u8(o + 1), o + 4, len - 4);
    }
}
