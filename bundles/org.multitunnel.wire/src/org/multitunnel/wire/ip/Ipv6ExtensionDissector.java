package org.multitunnel.wire.ip;

import java.nio.ByteBuffer;

import org.multitunnel.wire.DecodeException;
import org.multitunnel.wire.DissectContext;
import org.multitunnel.wire.Dissector;
import org.multitunnel.wire.DissectorRegistry;
import org.multitunnel.wire.Field;
import org.multitunnel.wire.dissect.Layer;

/**
 * IPv6 extension headers (RFC 8200 §4.3–4.6): hop-by-hop options (0) and destination options (60) with their
 * TLV options (Pad1, PadN, the MIPv6 Home Address option 201, others raw), the routing header (43: type, segments
 * left, the MIPv6 type 2 home address, other data raw) and the fragment
 * header (44). Registered in the ip.proto table, so each header is one layer and the chain continues through the
 * same table; every header consumes at least 8 bytes, so the chain always ends.
 */
public final class Ipv6ExtensionDissector implements Dissector {
    /** RFC 6275 §6.3 Home Address option type (0xc9). */
    public static final int HOME_ADDRESS_OPTION = 201;

    private final int protocol;
    private final String abbrev;
    private final String title;

    private Ipv6ExtensionDissector(int protocol, String abbrev, String title) {
        this.protocol = protocol;
        this.abbrev = abbrev;
        this.title = title;
    }

    public static Ipv6ExtensionDissector hopByHop() {
        return new Ipv6ExtensionDissector(Ipv6ExtensionHeader.HOP_BY_HOP, "ipv6.hopopts", "IPv6 Hop-by-Hop Option");
    }

    public static Ipv6ExtensionDissector routing() {
        return new Ipv6ExtensionDissector(Ipv6ExtensionHeader.ROUTING, "ipv6.routing", "Routing Header");
    }

    public static Ipv6ExtensionDissector fragment() {
        return new Ipv6ExtensionDissector(Ipv6ExtensionHeader.FRAGMENT, "ipv6.fraghdr", "Fragment Header");
    }

    public static Ipv6ExtensionDissector destinationOptions() {
        return new Ipv6ExtensionDissector(Ipv6ExtensionHeader.DESTINATION_OPTIONS, "ipv6.dstopts",
                "Destination Options for IPv6");
    }

    public int protocol() {
        return protocol;
    }

    @Override
    public Field dissect(DissectContext ctx, ByteBuffer buf, int offset, int length) {
        Layer l = new Layer(buf, offset, length);
        String p = abbrev;
        try {
            // field by field, so a cut header still shows what was captured (as tshark does)
            int next = (int) l.uint(p + ".nxt", "Next Header", offset, 1);
            int size;
            boolean dispatch = true;
            if (protocol == Ipv6ExtensionHeader.FRAGMENT) {
                size = 8;
                l.hex("ipv6.fraghdr.reserved_octet", "Reserved octet", offset + 1, 1);
                long off = l.bits("ipv6.fraghdr.offset", "Offset", offset + 2, 2, 0xfff8);
                l.bits("ipv6.fraghdr.reserved_bits", "Reserved bits", offset + 2, 2, 0x0006);
                boolean more = l.flag("ipv6.fraghdr.more", "More Fragments", offset + 2, 2, 0x0001);
                l.hex("ipv6.fraghdr.ident", "Identification", offset + 4, 4);
                dispatch = off == 0 && !more;
            } else {
                size = ((int) l.uint(p + ".len", "Length", offset + 1, 1) + 1) * 8;
                l.add(Field.leaf(p + ".len_oct", "[Length: " + size + " bytes]", (long) size, offset + 1, 1));
                if (protocol == Ipv6ExtensionHeader.ROUTING) {
                    int type = (int) l.uint("ipv6.routing.type", "Type", offset + 2, 1);
                    l.uint("ipv6.routing.segleft", "Segments Left", offset + 3, 1);
                    l.need(offset, size, "IPv6 routing header");
                    if (type == 2 && size == 24) {
                        // RFC 6275 §6.4: type 2 routing header = reserved(32) + the mobile node's home address
                        l.raw("ipv6.routing.mipv6.reserved", "Reserved", offset + 4, 4);
                        l.ipv6("ipv6.routing.mipv6.home_address", "Home Address", offset + 8);
                    } else if (size > 4) {
                        l.raw("ipv6.routing.unknown_data", "Type-Specific Data", offset + 4, size - 4);
                    }
                } else {
                    l.need(offset, size, "IPv6 extension header");
                    options(l, offset + 2, offset + size);
                }
            }
            int payload = offset + size;
            if (dispatch) {
                ctx.next(DissectorRegistry.IP_PROTO, next, buf, payload, l.end() - payload);
            } else {
                ctx.data(buf, payload, l.end() - payload);
            }
            return l.build(p, title, size);
        } catch (DecodeException e) {
            return l.partial(ctx, e, p, title);
        }
    }

    /** RFC 8200 §4.2 TLV options; Pad1 (0) is a single byte. */
    private static void options(Layer l, int p, int end) {
        ByteBuffer buf = l.buf();
        while (p < end) {
            Layer o = new Layer(buf, p, end - p);
            int type = o.u8(p, "IPv6 option type");
            o.hex("ipv6.opt.type", "Type", p, 1);
            if (type == 0) {
                l.add(o.build("ipv6.opt", "Pad1", 1));
                p++;
                continue;
            }
            int len = o.u8(p + 1, "IPv6 option length");
            o.uint("ipv6.opt.length", "Length", p + 1, 1);
            if (p + 2 + len > end) {
                throw DecodeException.malformed(p + 1, "IPv6 option length " + len + " runs past its header");
            }
            String title;
            if (type == HOME_ADDRESS_OPTION && len == 16) {
                // RFC 6275 §6.3: Home Address destination option (type 201), the mobile node's home address
                o.ipv6("ipv6.opt.mipv6.home_address", "MIPv6 Home Address", p + 2);
                title = "Home Address Option";
            } else {
                if (len > 0) {
                    o.raw(type == 1 ? "ipv6.opt.padn" : "ipv6.opt_unknown_data", type == 1 ? "PadN" : "Data", p + 2,
                            len);
                }
                title = type == 1 ? "PadN" : "IPv6 Option (" + type + ")";
            }
            l.add(o.build("ipv6.opt", title, 2 + len));
            p += 2 + len;
        }
    }
}
