package org.multitunnel.analysis.filter.internal;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * Frames built byte by byte for the corners the fast path must get exactly right or refuse: IPv4 fragments (first
 * fragment whole or cut, later fragment), IP options, VLAN stacks, GRE with checksum/key/sequence and Ethernet
 * payload, RFC 3519 tunnel data on the Decode As port 4434, odd UDP lengths, IEEE 802.3 lengths, Linux cooked v1/v2,
 * BSD loopback in both byte orders, raw IP with a broken promise, ICMP errors, minimal encapsulation with and
 * without the original source, and short Mobile IP messages.
 */
final class CraftedFrames {
    record Frame(String name, int linkType, byte[] data) {
    }

    private static final byte[] MAC_A = hex("020000000001");
    private static final byte[] MAC_B = hex("020000000002");
    private static final byte[] HA = hex("c0000201"); // 192.0.2.1
    private static final byte[] COA = hex("c6336407"); // 198.51.100.7
    private static final byte[] HOA = hex("0a010005"); // 10.1.0.5
    private static final byte[] CN = hex("cb007101"); // 203.0.113.1
    private static final byte[] V6A = hex("20010db8000000000000000000000001");
    private static final byte[] V6B = hex("20010db8000000000000000000000002");

    private CraftedFrames() {
    }

    static byte[] hex(String h) {
        return HexFormat.of().parseHex(h);
    }

    static byte[] cat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    static byte[] u16(int v) {
        return new byte[] { (byte) (v >>> 8), (byte) v };
    }

    static byte[] eth(int type, byte[] payload) {
        return cat(MAC_B, MAC_A, u16(type), payload);
    }

    /** IPv4 header: version/IHL 0x45 (or longer with options), total length (or a given one), flags+offset word. */
    static byte[] ipv4(int proto, byte[] src, byte[] dst, int flagsFrag, byte[] options, Integer total, byte[] payload) {
        int hl = 20 + options.length;
        int len = total != null ? total : hl + payload.length;
        return cat(new byte[] { (byte) (0x40 | hl / 4), 0 }, u16(len), u16(0x1234), u16(flagsFrag),
                new byte[] { 64, (byte) proto }, u16(0), src, dst, options, payload);
    }

    static byte[] ipv4(int proto, byte[] src, byte[] dst, byte[] payload) {
        return ipv4(proto, src, dst, 0x4000, new byte[0], null, payload);
    }

    static byte[] ipv6(int next, byte[] src, byte[] dst, byte[] payload) {
        return cat(hex("6000000a"), u16(payload.length), new byte[] { (byte) next, 64 }, src, dst, payload);
    }

    static byte[] udp(int sport, int dport, Integer length, byte[] payload) {
        return cat(u16(sport), u16(dport), u16(length != null ? length : 8 + payload.length), u16(0), payload);
    }

    static byte[] tcp(int sport, int dport, byte[] options, byte[] payload) {
        int hl = 20 + options.length;
        return cat(u16(sport), u16(dport), hex("0000000100000000"), new byte[] { (byte) (hl / 4 << 4), 0x18 },
                u16(65535), u16(0), u16(0), options, payload);
    }

    /** RFC 5944 §3.3 Registration Request: type 1, flags S T, lifetime 300, HoA, HA, CoA, Identification. */
    static byte[] rrq() {
        return cat(hex("01820" + "12c".substring(0)), HOA, HA, COA, hex("e1a2b3c4d5e6f701"));
    }

    static List<Frame> all() {
        List<Frame> f = new ArrayList<>();
        byte[] app = hex("00112233445566778899");
        byte[] innerUdp = ipv4(17, HOA, CN, udp(5001, 5002, null, app));
        // IPv4 fragments: a whole first fragment stays data; a cut first fragment is dissected; a later one is data
        f.add(new Frame("first fragment, whole", 1, eth(0x0800, ipv4(17, COA, HA, 0x2000, new byte[0], null,
                udp(5000, 434, null, rrq())))));
        f.add(new Frame("first fragment, cut", 1, eth(0x0800, ipv4(17, COA, HA, 0x2000, new byte[0], 120,
                udp(5000, 434, null, rrq())))));
        f.add(new Frame("later fragment", 1, eth(0x0800, ipv4(17, COA, HA, 0x0010, new byte[0], null, app))));
        f.add(new Frame("IPv4 options", 1, eth(0x0800, ipv4(17, COA, HA, 0x4000, hex("94040000"), null,
                udp(5000, 434, null, rrq())))));
        f.add(new Frame("total length below header", 1, eth(0x0800, ipv4(17, COA, HA, 0x4000, new byte[0], 12,
                udp(1, 2, null, app)))));
        f.add(new Frame("Ethernet padding after IPv4", 1, cat(eth(0x0800, ipv4(17, COA, HA, udp(1, 2, null,
                hex("01")))), new byte[12])));
        // VLAN stack, then a registration request on UDP 434
        f.add(new Frame("802.1ad + 802.1Q", 1, eth(0x88a8, cat(hex("0064"), u16(0x8100), hex("20c8"), u16(0x0800),
                ipv4(17, COA, HA, udp(434, 434, null, rrq()))))));
        f.add(new Frame("VLAN with 802.3 length", 1, eth(0x8100, cat(hex("0064"), u16(0x0010), app))));
        f.add(new Frame("802.3 length", 1, eth(0x0020, app)));
        // GRE: checksum + key + sequence, IPv4 inside; key only with Ethernet inside (0x6558); routing (RFC 1701)
        f.add(new Frame("GRE C K S", 1, eth(0x0800, ipv4(47, HA, COA, cat(hex("b0000800"), hex("00000000"),
                hex("00000457"), hex("00000009"), innerUdp)))));
        f.add(new Frame("GRE key, Ethernet inside", 1, eth(0x0800, ipv4(47, HA, COA, cat(hex("20006558"),
                hex("0000ffff"), eth(0x0800, ipv4(6, HOA, CN, tcp(443, 40000, hex("020405b4"), app))))))));
        f.add(new Frame("GRE routing", 1, eth(0x0800, ipv4(47, HA, COA, cat(hex("40000800"), hex("00000000"),
                innerUdp)))));
        f.add(new Frame("GRE ERSPAN", 1, eth(0x0800, ipv4(47, HA, COA, cat(hex("100088be"), hex("00000001"),
                hex("1000000100000000"), eth(0x0800, innerUdp))))));
        // RFC 3519 tunnel data on the Decode As port 4434 and on 434; a tunnel header cut to 3 bytes
        f.add(new Frame("UDP tunnel on 4434", 1, eth(0x0800, ipv4(17, HA, COA, udp(4434, 4434, null,
                cat(hex("04040000"), innerUdp))))));
        f.add(new Frame("UDP tunnel on 434, GRE inside", 1, eth(0x0800, ipv4(17, HA, COA, udp(434, 49152, null,
                cat(hex("042f0000"), hex("00000800"), innerUdp))))));
        f.add(new Frame("UDP tunnel header cut", 1, eth(0x0800, ipv4(17, HA, COA, udp(434, 434, null, hex("0404"))))));
        f.add(new Frame("reply cut short", 1, eth(0x0800, ipv4(17, HA, COA, udp(434, 434, null,
                hex("0300012c0a010005c0000201c6336407"))))));
        f.add(new Frame("unknown MIP type", 1, eth(0x0800, ipv4(17, HA, COA, udp(434, 434, null, hex("63aabbcc"))))));
        // odd UDP lengths
        f.add(new Frame("UDP length 4", 1, eth(0x0800, ipv4(17, COA, HA, udp(434, 1000, 4, rrq())))));
        f.add(new Frame("UDP length beyond capture", 1, eth(0x0800, ipv4(17, COA, HA, udp(434, 1000, 400, rrq())))));
        f.add(new Frame("UDP both ports registered", 1, eth(0x0800, ipv4(17, COA, HA, udp(4434, 434, null, rrq())))));
        // IPv6: UDP to 434, IPv4 in IPv6, hop-by-hop header, mobility header, ICMPv6
        f.add(new Frame("IPv6 UDP 434", 1, eth(0x86dd, ipv6(17, V6A, V6B, udp(434, 434, null, rrq())))));
        f.add(new Frame("IPv4 in IPv6", 1, eth(0x86dd, ipv6(4, V6A, V6B, innerUdp))));
        f.add(new Frame("IPv6 hop-by-hop", 1, eth(0x86dd, ipv6(0, V6A, V6B, cat(hex("1100010000000000"),
                udp(1, 2, null, app))))));
        f.add(new Frame("IPv6 mobility header", 1, eth(0x86dd, ipv6(135, V6A, V6B, hex("3b00000000000000")))));
        f.add(new Frame("ICMPv6", 1, eth(0x86dd, ipv6(58, V6A, V6B, hex("8000000000010001")))));
        // link types: Linux cooked v1 and v2, BSD loopback both orders, raw IP (and a broken 228 promise)
        f.add(new Frame("SLL v1", 113, cat(hex("0000000100060200000000010000"), u16(0x0800), innerUdp)));
        f.add(new Frame("SLL v1 ltype", 113, cat(hex("0000000100060200000000010000"), u16(0x0004), app)));
        f.add(new Frame("SLL v2", 276, cat(u16(0x86dd), hex("00000000000200010006"), hex("020000000001"),
                hex("0000"), ipv6(6, V6A, V6B, tcp(80, 40000, new byte[0], app)))));
        f.add(new Frame("null host order", 0, cat(hex("02000000"), innerUdp)));
        f.add(new Frame("loop network order", 108, cat(hex("0000001e"), ipv6(17, V6A, V6B, udp(1, 2, null, app)))));
        f.add(new Frame("null unknown family", 0, cat(hex("07000000"), app)));
        f.add(new Frame("raw IPv4", 101, innerUdp));
        f.add(new Frame("raw 228 carrying IPv6", 228, ipv6(17, V6A, V6B, udp(1, 2, null, app))));
        f.add(new Frame("unknown link type", 147, app));
        // ICMP error quoting an IPv4 header
        f.add(new Frame("ICMP error", 1, eth(0x0800, ipv4(1, HA, COA, cat(hex("0301000000000000"),
                ipv4(17, COA, CN, udp(1, 2, null, new byte[0])))))));
        // minimal encapsulation with and without the original source
        f.add(new Frame("minenc S", 1, eth(0x0800, ipv4(55, HA, COA, cat(hex("11800000"), CN, HOA,
                udp(5001, 5002, null, app))))));
        f.add(new Frame("minenc", 1, eth(0x0800, ipv4(55, HA, COA, cat(hex("06000000"), CN,
                tcp(1, 2, new byte[0], app))))));
        // TCP with a bad data offset
        f.add(new Frame("TCP offset 3", 1, eth(0x0800, ipv4(6, HA, COA, cat(hex("0001000200000001000000003018"),
                hex("ffff00000000"))))));
        return f;
    }
}
