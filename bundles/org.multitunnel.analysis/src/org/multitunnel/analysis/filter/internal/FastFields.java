package org.multitunnel.analysis.filter.internal;

import java.nio.ByteBuffer;
import java.util.HashMap;
import java.util.Map;

import org.multitunnel.wire.dissect.Addresses;

/**
 * The fields answered from a complete {@link HeaderWalk} by reading the walked headers in place: protocol layers,
 * Ethernet, VLAN, IPv4, IPv6, UDP, TCP, GRE and minimal-encapsulation header fields, the RFC 3519 tunnel header and
 * the address/port aliases. Values are in packet order, one per occurrence, exactly as the dissectors emit them
 * (a test checks this against the dissection of every frame of every capture we have).
 */
final class FastFields {
    private static final Map<String, Integer> IDS = new HashMap<>();
    private static final String[] NAMES;
    /** Per id: the walker kinds whose layer carries the field (by protocol name). */
    private static final boolean[][] KINDS;
    /** Per id: true for a protocol name itself (its value is the layer's bytes). */
    private static final boolean[] PROTOCOL;

    static {
        String[] names = {
            // protocol layers (value: the layer's bytes to the end of the frame)
            "eth", "vlan", "sll", "null", "ip", "ipv6", "udp", "tcp", "gre", "minenc", "mip", "data", "ipip",
            "frame.protocols",
            "eth.dst", "eth.src", "eth.addr", "eth.type", "eth.len",
            "vlan.priority", "vlan.dei", "vlan.id", "vlan.etype", "vlan.len",
            "ip.version", "ip.hdr_len", "ip.dsfield", "ip.len", "ip.id", "ip.flags", "ip.flags.rb", "ip.flags.df",
            "ip.flags.mf", "ip.frag_offset", "ip.ttl", "ip.proto", "ip.checksum", "ip.src", "ip.dst", "ip.addr",
            "ip.host", "ip.src_host", "ip.dst_host",
            "ipv6.version", "ipv6.tclass", "ipv6.flow", "ipv6.plen", "ipv6.nxt", "ipv6.hlim", "ipv6.src", "ipv6.dst",
            "ipv6.addr", "ipv6.host", "ipv6.src_host", "ipv6.dst_host",
            "udp.srcport", "udp.dstport", "udp.port", "udp.length", "udp.checksum", "udp.checksum.status",
            "tcp.srcport", "tcp.dstport", "tcp.port", "tcp.seq_raw", "tcp.ack_raw", "tcp.hdr_len", "tcp.flags",
            "tcp.flags.res", "tcp.flags.ae", "tcp.flags.cwr", "tcp.flags.ece", "tcp.flags.urg", "tcp.flags.ack",
            "tcp.flags.push", "tcp.flags.reset", "tcp.flags.syn", "tcp.flags.fin", "tcp.window_size_value",
            "tcp.checksum", "tcp.checksum.status", "tcp.urgent_pointer",
            "gre.flags_and_version", "gre.flags.checksum", "gre.flags.routing", "gre.flags.key",
            "gre.flags.sequence_number", "gre.flags.strict_source_route", "gre.flags.recursion_control",
            "gre.flags.reserved", "gre.flags.version", "gre.proto", "gre.checksum", "gre.offset", "gre.key",
            "gre.sequence_number",
            "minenc.proto", "minenc.s", "minenc.reserved", "minenc.checksum", "minenc.dst", "minenc.src",
            "mip.type", "mip.nattt.nexthdr", "mip.nattt.reserved", "data.data" };
        NAMES = names;
        KINDS = new boolean[names.length][HeaderWalk.NAMES.length];
        PROTOCOL = new boolean[names.length];
        for (int i = 0; i < names.length; i++) {
            IDS.put(names[i], i);
            int dot = names[i].indexOf('.');
            String proto = dot < 0 ? names[i] : names[i].substring(0, dot);
            PROTOCOL[i] = dot < 0;
            for (int k = 1; k < HeaderWalk.NAMES.length; k++) {
                KINDS[i][k] = HeaderWalk.NAMES[k].equals(proto);
            }
        }
    }

    private FastFields() {
    }

    /** The fast id of a filter name, or -1 when only the dissection has it. */
    static int id(String name) {
        Integer i = IDS.get(name);
        return i == null ? -1 : i;
    }

    static String name(int id) {
        return NAMES[id];
    }

    /** Every name answered here (for the agreement test). */
    static String[] names() {
        return NAMES.clone();
    }

    /**
     * Fills {@code out} with field {@code id}'s values in the walked frame; false when this walk cannot answer
     * (Mobile IP fields of a frame with a registration message, whose decoding only the dissector knows).
     */
    static boolean load(int id, HeaderWalk w, Values out) {
        String name = NAMES[id];
        ByteBuffer b = w.buf;
        boolean[] kinds = KINDS[id];
        switch (name) {
            case "ipip" -> {
                for (int i = 1; i < w.n; i++) {
                    if (isIp(w.kind[i]) && isIp(w.kind[i - 1])) {
                        out.addNumber(0, w.layerNumber(i));
                    }
                }
                return true;
            }
            case "frame.protocols" -> {
                if (w.has(HeaderWalk.MIP_SIG)) {
                    return false;
                }
                out.addText(protocols(w), 1);
                return true;
            }
            case "data.data" -> {
                for (int i = 0; i < w.n; i++) {
                    if (w.kind[i] == HeaderWalk.DATA) {
                        out.addBytes(b, w.off[i], w.end[i] - w.off[i], w.layerNumber(i));
                    }
                }
                return true;
            }
            default -> {
            }
        }
        if (kinds[HeaderWalk.MIP_SIG] && w.has(HeaderWalk.MIP_SIG)) {
            return false;
        }
        for (int i = 0; i < w.n; i++) {
            int k = w.kind[i];
            if (!kinds[k]) {
                continue;
            }
            int o = w.off[i];
            int layer = w.layerNumber(i);
            if (PROTOCOL[id]) { // the protocol itself: its bytes from its first byte to the end of the frame
                out.addBytes(b, o, w.frameEnd - o, layer);
                continue;
            }
            switch (k) {
                case HeaderWalk.ETH -> eth(name, b, o, layer, out);
                case HeaderWalk.VLAN -> vlan(name, b, o, layer, out);
                case HeaderWalk.IPV4 -> ipv4(name, b, o, layer, out);
                case HeaderWalk.IPV6 -> ipv6(name, b, o, layer, out);
                case HeaderWalk.UDP -> udp(name, b, o, layer, out);
                case HeaderWalk.TCP -> tcp(name, b, o, layer, out);
                case HeaderWalk.GRE -> gre(name, b, o, layer, out);
                case HeaderWalk.MINENC -> minenc(name, b, o, layer, out);
                case HeaderWalk.MIP_TUNNEL -> mipTunnel(name, b, o, layer, out);
                default -> {
                }
            }
        }
        return true;
    }

    private static boolean isIp(int k) {
        return k == HeaderWalk.IPV4 || k == HeaderWalk.IPV6;
    }

    /** tshark's frame.protocols for the walked layers (eth/vlan/sll are followed by "ethertype"). */
    static String protocols(HeaderWalk w) {
        StringBuilder s = new StringBuilder();
        if (w.rawLink) {
            s.append("raw");
        }
        for (int i = 0; i < w.n; i++) {
            if (s.length() > 0) {
                s.append(':');
            }
            int k = w.kind[i];
            s.append(HeaderWalk.NAMES[k]);
            if (k == HeaderWalk.ETH || k == HeaderWalk.VLAN || k == HeaderWalk.SLL) {
                int type = u16(w.buf, k == HeaderWalk.ETH ? w.off[i] + 12 : k == HeaderWalk.VLAN ? w.off[i] + 2
                        : w.off[i] + (w.sll2 ? 0 : 14));
                if (type >= 0x0600) {
                    s.append(":ethertype");
                }
            }
        }
        return s.toString();
    }

    private static int u8(ByteBuffer b, int o) {
        return b.get(o) & 0xff;
    }

    private static int u16(ByteBuffer b, int o) {
        return b.getShort(o) & 0xffff;
    }

    private static long u32(ByteBuffer b, int o) {
        return b.getInt(o) & 0xffffffffL;
    }

    private static long mac(ByteBuffer b, int o) {
        return ((long) u16(b, o) << 32) | u32(b, o + 2);
    }

    private static void eth(String name, ByteBuffer b, int o, int layer, Values out) {
        int type = u16(b, o + 12);
        switch (name) {
            case "eth.dst" -> out.addNumber(mac(b, o), layer);
            case "eth.src" -> out.addNumber(mac(b, o + 6), layer);
            case "eth.addr" -> {
                out.addNumber(mac(b, o), layer);
                out.addNumber(mac(b, o + 6), layer);
            }
            case "eth.type" -> {
                if (type >= 0x0600) {
                    out.addNumber(type, layer);
                }
            }
            case "eth.len" -> {
                if (type < 0x0600) {
                    out.addNumber(type, layer);
                }
            }
            default -> {
            }
        }
    }

    private static void vlan(String name, ByteBuffer b, int o, int layer, Values out) {
        int tci = u16(b, o);
        int type = u16(b, o + 2);
        switch (name) {
            case "vlan.priority" -> out.addNumber(tci >>> 13, layer);
            case "vlan.dei" -> out.addNumber((tci >>> 12) & 1, layer);
            case "vlan.id" -> out.addNumber(tci & 0x0fff, layer);
            case "vlan.etype" -> {
                if (type >= 0x0600) {
                    out.addNumber(type, layer);
                }
            }
            case "vlan.len" -> {
                if (type < 0x0600) {
                    out.addNumber(type, layer);
                }
            }
            default -> {
            }
        }
    }

    private static void ipv4(String name, ByteBuffer b, int o, int layer, Values out) {
        switch (name) {
            case "ip.version" -> out.addNumber(u8(b, o) >>> 4, layer);
            case "ip.hdr_len" -> out.addNumber((u8(b, o) & 0x0f) * 4, layer);
            case "ip.dsfield" -> out.addNumber(u8(b, o + 1), layer);
            case "ip.len" -> out.addNumber(u16(b, o + 2), layer);
            case "ip.id" -> out.addNumber(u16(b, o + 4), layer);
            case "ip.flags" -> out.addNumber((u8(b, o + 6) & 0xe0) >>> 5, layer);
            case "ip.flags.rb" -> out.addNumber((u8(b, o + 6) >>> 7) & 1, layer);
            case "ip.flags.df" -> out.addNumber((u8(b, o + 6) >>> 6) & 1, layer);
            case "ip.flags.mf" -> out.addNumber((u8(b, o + 6) >>> 5) & 1, layer);
            case "ip.frag_offset" -> out.addNumber(u16(b, o + 6) & 0x1fff, layer);
            case "ip.ttl" -> out.addNumber(u8(b, o + 8), layer);
            case "ip.proto" -> out.addNumber(u8(b, o + 9), layer);
            case "ip.checksum" -> out.addNumber(u16(b, o + 10), layer);
            case "ip.src" -> out.addNumber(u32(b, o + 12), layer);
            case "ip.dst" -> out.addNumber(u32(b, o + 16), layer);
            case "ip.addr" -> {
                out.addNumber(u32(b, o + 12), layer);
                out.addNumber(u32(b, o + 16), layer);
            }
            case "ip.src_host" -> out.addText(Addresses.ipv4(b.getInt(o + 12)), layer);
            case "ip.dst_host" -> out.addText(Addresses.ipv4(b.getInt(o + 16)), layer);
            case "ip.host" -> {
                out.addText(Addresses.ipv4(b.getInt(o + 12)), layer);
                out.addText(Addresses.ipv4(b.getInt(o + 16)), layer);
            }
            default -> {
            }
        }
    }

    private static void ipv6(String name, ByteBuffer b, int o, int layer, Values out) {
        switch (name) {
            case "ipv6.version" -> out.addNumber(u8(b, o) >>> 4, layer);
            case "ipv6.tclass" -> out.addNumber((u32(b, o) >>> 20) & 0xff, layer);
            case "ipv6.flow" -> out.addNumber(u32(b, o) & 0xfffff, layer);
            case "ipv6.plen" -> out.addNumber(u16(b, o + 4), layer);
            case "ipv6.nxt" -> out.addNumber(u8(b, o + 6), layer);
            case "ipv6.hlim" -> out.addNumber(u8(b, o + 7), layer);
            case "ipv6.src" -> out.addIpv6(b.getLong(o + 8), b.getLong(o + 16), layer);
            case "ipv6.dst" -> out.addIpv6(b.getLong(o + 24), b.getLong(o + 32), layer);
            case "ipv6.addr" -> {
                out.addIpv6(b.getLong(o + 8), b.getLong(o + 16), layer);
                out.addIpv6(b.getLong(o + 24), b.getLong(o + 32), layer);
            }
            case "ipv6.src_host" -> out.addText(Addresses.ipv6(b, o + 8), layer);
            case "ipv6.dst_host" -> out.addText(Addresses.ipv6(b, o + 24), layer);
            case "ipv6.host" -> {
                out.addText(Addresses.ipv6(b, o + 8), layer);
                out.addText(Addresses.ipv6(b, o + 24), layer);
            }
            default -> {
            }
        }
    }

    private static void udp(String name, ByteBuffer b, int o, int layer, Values out) {
        switch (name) {
            case "udp.srcport" -> out.addNumber(u16(b, o), layer);
            case "udp.dstport" -> out.addNumber(u16(b, o + 2), layer);
            case "udp.port" -> {
                out.addNumber(u16(b, o), layer);
                out.addNumber(u16(b, o + 2), layer);
            }
            case "udp.length" -> out.addNumber(u16(b, o + 4), layer);
            case "udp.checksum" -> out.addNumber(u16(b, o + 6), layer);
            case "udp.checksum.status" -> out.addNumber(2, layer);
            default -> {
            }
        }
    }

    private static void tcp(String name, ByteBuffer b, int o, int layer, Values out) {
        int flags = u16(b, o + 12) & 0x0fff;
        switch (name) {
            case "tcp.srcport" -> out.addNumber(u16(b, o), layer);
            case "tcp.dstport" -> out.addNumber(u16(b, o + 2), layer);
            case "tcp.port" -> {
                out.addNumber(u16(b, o), layer);
                out.addNumber(u16(b, o + 2), layer);
            }
            case "tcp.seq_raw" -> out.addNumber(u32(b, o + 4), layer);
            case "tcp.ack_raw" -> out.addNumber(u32(b, o + 8), layer);
            case "tcp.hdr_len" -> out.addNumber((u8(b, o + 12) >>> 4) * 4, layer);
            case "tcp.flags" -> out.addNumber(flags, layer);
            case "tcp.flags.res" -> out.addNumber((flags & 0x0e00) != 0 ? 1 : 0, layer);
            case "tcp.flags.ae" -> out.addNumber((flags >>> 8) & 1, layer);
            case "tcp.flags.cwr" -> out.addNumber((flags >>> 7) & 1, layer);
            case "tcp.flags.ece" -> out.addNumber((flags >>> 6) & 1, layer);
            case "tcp.flags.urg" -> out.addNumber((flags >>> 5) & 1, layer);
            case "tcp.flags.ack" -> out.addNumber((flags >>> 4) & 1, layer);
            case "tcp.flags.push" -> out.addNumber((flags >>> 3) & 1, layer);
            case "tcp.flags.reset" -> out.addNumber((flags >>> 2) & 1, layer);
            case "tcp.flags.syn" -> out.addNumber((flags >>> 1) & 1, layer);
            case "tcp.flags.fin" -> out.addNumber(flags & 1, layer);
            case "tcp.window_size_value" -> out.addNumber(u16(b, o + 14), layer);
            case "tcp.checksum" -> out.addNumber(u16(b, o + 16), layer);
            case "tcp.checksum.status" -> out.addNumber(2, layer);
            case "tcp.urgent_pointer" -> out.addNumber(u16(b, o + 18), layer);
            default -> {
            }
        }
    }

    private static void gre(String name, ByteBuffer b, int o, int layer, Values out) {
        int fv = u16(b, o);
        int p = o + 4;
        int csum = (fv & 0x8000) != 0 ? p : -1;
        p += csum >= 0 ? 4 : 0;
        int key = (fv & 0x2000) != 0 ? p : -1;
        p += key >= 0 ? 4 : 0;
        int seq = (fv & 0x1000) != 0 ? p : -1;
        switch (name) {
            case "gre.flags_and_version" -> out.addNumber(fv, layer);
            case "gre.flags.checksum" -> out.addNumber((fv >>> 15) & 1, layer);
            case "gre.flags.routing" -> out.addNumber((fv >>> 14) & 1, layer);
            case "gre.flags.key" -> out.addNumber((fv >>> 13) & 1, layer);
            case "gre.flags.sequence_number" -> out.addNumber((fv >>> 12) & 1, layer);
            case "gre.flags.strict_source_route" -> out.addNumber((fv >>> 11) & 1, layer);
            case "gre.flags.recursion_control" -> out.addNumber((fv >>> 8) & 7, layer);
            case "gre.flags.reserved" -> out.addNumber((fv >>> 3) & 0x1f, layer);
            case "gre.flags.version" -> out.addNumber(fv & 7, layer);
            case "gre.proto" -> out.addNumber(u16(b, o + 2), layer);
            case "gre.checksum" -> {
                if (csum >= 0) {
                    out.addNumber(u16(b, csum), layer);
                }
            }
            case "gre.offset" -> {
                if (csum >= 0) {
                    out.addNumber(u16(b, csum + 2), layer);
                }
            }
            case "gre.key" -> {
                if (key >= 0) {
                    out.addNumber(u32(b, key), layer);
                }
            }
            case "gre.sequence_number" -> {
                if (seq >= 0) {
                    out.addNumber(u32(b, seq), layer);
                }
            }
            default -> {
            }
        }
    }

    private static void minenc(String name, ByteBuffer b, int o, int layer, Values out) {
        boolean s = (u8(b, o + 1) & 0x80) != 0;
        switch (name) {
            case "minenc.proto" -> out.addNumber(u8(b, o), layer);
            case "minenc.s" -> out.addNumber(s ? 1 : 0, layer);
            case "minenc.reserved" -> out.addNumber(u8(b, o + 1) & 0x7f, layer);
            case "minenc.checksum" -> out.addNumber(u16(b, o + 2), layer);
            case "minenc.dst" -> out.addNumber(u32(b, o + 4), layer);
            case "minenc.src" -> {
                if (s) {
                    out.addNumber(u32(b, o + 8), layer);
                }
            }
            default -> {
            }
        }
    }

    private static void mipTunnel(String name, ByteBuffer b, int o, int layer, Values out) {
        switch (name) {
            case "mip.type" -> out.addNumber(u8(b, o), layer);
            case "mip.nattt.nexthdr" -> out.addNumber(u8(b, o + 1), layer);
            case "mip.nattt.reserved" -> out.addNumber(u16(b, o + 2), layer);
            default -> {
            }
        }
    }
}
