package org.multitunnel.wire.mip6;

import java.nio.ByteBuffer;

import org.multitunnel.wire.DecodeException;
import org.multitunnel.wire.Dissector;
import org.multitunnel.wire.DissectorRegistry;
import org.multitunnel.wire.Field;
import org.multitunnel.wire.dissect.Layer;

/**
 * Mobility option dissectors registered by type in {@link MobilityHeaderDissector#OPTION_TABLE}: RFC 6275 §6.2
 * (Pad1 0, PadN 1, Binding Refresh Advice 2, Alternate CoA 3, Nonce Indices 4, Binding Authorization Data 5),
 * RFC 5648 §6.1 Binding Identifier (35), RFC 6089 §4.2 Flow Summary (44) and §4.1 Flow Identification (45), and
 * seed 003's load-balancing option at a configurable type. Each receives exactly [type byte, end of option);
 * an option shorter than its format is MALFORMED.
 */
public final class MobilityOptionDissectors {
    /** Seed 003 never got a number; this default is a preference (an unassigned value of the IANA registry). */
    public static final int DEFAULT_LOAD_BALANCING_TYPE = 200;

    /** Any option type nothing is registered for: kept whole as raw data. */
    static final Dissector UNKNOWN = (ctx, buf, off, len) -> {
        Layer l = header(buf, off, len);
        if (len > 2) {
            l.raw("mip6.opt.data", "Data", off + 2, len - 2);
        }
        return l.build("mip6.options.unknown", "Unknown option (" + (buf.get(off) & 0xff) + ")", len);
    };

    private MobilityOptionDissectors() {
    }

    public static void register(DissectorRegistry r) {
        register(r, DEFAULT_LOAD_BALANCING_TYPE);
    }

    /** Registers all option dissectors, the seed 003 load-balancing option at {@code loadBalancingType}. */
    public static void register(DissectorRegistry r, int loadBalancingType) {
        String t = MobilityHeaderDissector.OPTION_TABLE;
        r.register(t, MobilityOption.PAD1, (ctx, buf, off, len) -> {
            Layer l = new Layer(buf, off, len);
            l.named("mip6.mobility_opt", "Mobility Option", off, 1, "Pad1");
            return l.build("mip6.options.pad1", "Pad1", 1);
        });
        r.register(t, MobilityOption.PADN, (ctx, buf, off, len) -> {
            Layer l = header(buf, off, len);
            if (len > 2) {
                l.raw("mip6.padn", "PadN", off + 2, len - 2);
            }
            return l.build("mip6.options.padn", "PadN", len);
        });
        r.register(t, MobilityOption.BINDING_REFRESH_ADVICE, (ctx, buf, off, len) -> {
            Layer l = fixed(buf, off, len, 2, "Binding Refresh Advice");
            l.uint("mip6.bra.interval", "Refresh interval", off + 2, 2);
            return l.build("mip6.options.bra", "Binding Refresh Advice", len);
        });
        r.register(t, MobilityOption.ALTERNATE_COA, (ctx, buf, off, len) -> {
            Layer l = fixed(buf, off, len, 16, "Alternate Care-of Address");
            l.ipv6("mip6.acoa.acoa", "Alternate care-of address", off + 2);
            return l.build("mip6.options.acoa", "Alternate Care-of Address", len);
        });
        r.register(t, MobilityOption.NONCE_INDICES, (ctx, buf, off, len) -> {
            Layer l = fixed(buf, off, len, 4, "Nonce Indices");
            l.uint("mip6.ni.hni", "Home nonce index", off + 2, 2);
            l.uint("mip6.ni.cni", "Care-of nonce index", off + 4, 2);
            return l.build("mip6.options.ni", "Nonce Indices", len);
        });
        r.register(t, MobilityOption.BINDING_AUTHORIZATION_DATA, (ctx, buf, off, len) -> {
            Layer l = header(buf, off, len);
            if (len > 2) {
                l.raw("mip6.bad.auth", "Authenticator", off + 2, len - 2);
            }
            return l.build("mip6.options.bad_auth", "Binding Authorization Data", len);
        });
        r.register(t, MobilityOption.BINDING_IDENTIFIER, MobilityOptionDissectors::bindingIdentifier);
        r.register(t, MobilityOption.FLOW_SUMMARY, (ctx, buf, off, len) -> {
            Layer l = header(buf, off, len);
            if ((len - 2) % 2 != 0 || len < 4) {
                throw DecodeException.malformed(off + 1, "flow summary option length " + (len - 2)
                        + " is not a positive multiple of 2 (RFC 6089 §4.2)");
            }
            for (int p = off + 2; p < off + len; p += 2) {
                l.uint("mip6.fs.fid", "FID", p, 2);
            }
            return l.build("mip6.options.fs", "Flow Summary", len);
        });
        r.register(t, MobilityOption.FLOW_IDENTIFICATION, (ctx, buf, off, len) -> {
            Layer l = header(buf, off, len);
            if (len < 8) {
                throw DecodeException.malformed(off + 1, "flow identification option length " + (len - 2)
                        + " is below 6 (RFC 6089 §4.1)");
            }
            l.uint("mip6.fid.fid", "FID", off + 2, 2);
            l.uint("mip6.fid.pri", "FID-PRI", off + 4, 2);
            l.hex("mip6.fid.reserved", "Reserved", off + 6, 1);
            l.uint("mip6.fid.status", "Status", off + 7, 1);
            if (len > 8) {
                l.raw("mip6.fid.subopts", "Sub-options", off + 8, len - 8);
            }
            return l.build("mip6.options.fid", "Flow Identification", len);
        });
        r.register(t, loadBalancingType, MobilityOptionDissectors::loadBalancing);
    }

    /** RFC 5648 §6.1: BID(16) | Status(8) | H(1) Reserved(7) | CoA: none (len 4), IPv4 (8) or IPv6 (20). */
    private static Field bindingIdentifier(org.multitunnel.wire.DissectContext ctx, ByteBuffer buf, int off, int len) {
        Layer l = header(buf, off, len);
        int dl = len - 2;
        if (dl != 4 && dl != 8 && dl != 20) {
            throw DecodeException.malformed(off + 1, "binding identifier option length " + dl
                    + " is none of 4, 8, 20 (RFC 5648 §6.1)");
        }
        l.uint("mip6.bi.bid", "Binding ID (BID)", off + 2, 2);
        l.uint("mip6.bi.status", "Status", off + 4, 1);
        l.flag("mip6.bi.h_flag", "Simultaneous Home and Foreign Binding (H)", off + 5, 1, 0x80);
        l.bits("mip6.bi.reserved", "Reserved", off + 5, 1, 0x7f);
        if (dl == 8) {
            l.ipv4("mip6.bi.coa_ipv4", "IPv4 care-of address (CoA)", off + 6);
        } else if (dl == 20) {
            l.ipv6("mip6.bi.coa_ipv6", "IPv6 care-of address (CoA)", off + 6);
        }
        return l.build("mip6.options.bi", "Binding Identifier", len);
    }

    /** Seed 003 §5.2 Figure 3: S(4) | D(4) | CoA ID(8) | Alternate CoA(128); Option Len 18. */
    private static Field loadBalancing(org.multitunnel.wire.DissectContext ctx, ByteBuffer buf, int off, int len) {
        Layer l = fixed(buf, off, len, 18, "Load balancing");
        l.bits("mip6.lb.s", "Source address flag (S)", off + 2, 1, 0xf0);
        l.bits("mip6.lb.d", "Destination address flag (D)", off + 2, 1, 0x0f);
        l.uint("mip6.lb.coaid", "CoA ID", off + 3, 1);
        l.ipv6("mip6.lb.acoa", "Alternate care-of address", off + 4);
        return l.build("mip6.options.lb", "Load Balancing (draft-montavont-mip6-mmi)", len);
    }

    private static Layer header(ByteBuffer buf, int off, int len) {
        Layer l = new Layer(buf, off, len);
        l.uint("mip6.mobility_opt", "Mobility Option", off, 1);
        l.uint("mip6.mobility_opt.len", "Length", off + 1, 1);
        return l;
    }

    private static Layer fixed(ByteBuffer buf, int off, int len, int dataLength, String what) {
        if (len - 2 != dataLength) {
            throw DecodeException.malformed(off + 1, what + " option length " + (len - 2) + ", expected " + dataLength);
        }
        return header(buf, off, len);
    }
}
