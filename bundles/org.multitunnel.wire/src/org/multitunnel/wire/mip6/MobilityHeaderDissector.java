package org.multitunnel.wire.mip6;

import java.nio.ByteBuffer;

import org.multitunnel.wire.DecodeException;
import org.multitunnel.wire.DissectContext;
import org.multitunnel.wire.Dissector;
import org.multitunnel.wire.Field;
import org.multitunnel.wire.dissect.Layer;

/**
 * Mobile IPv6 Mobility Header (RFC 6275 §6.1, IPv6 next header 135) with Wireshark's mip6.* names. The message's
 * fixed part is dissected by whatever is registered for its MH type in {@link #MH_TYPE_TABLE} (raw when nothing
 * is), and the mobility options after it by {@link #OPTION_TABLE}, so new messages and option types (or the
 * seed's configurable load-balancing type) are registrations, not edits.
 */
public final class MobilityHeaderDissector implements Dissector {
    /** Table of message dissectors by MH type; each returns a node whose length is the message's fixed part. */
    public static final String MH_TYPE_TABLE = "mip6.mhtype";
    /** Table of option dissectors by option type; each is handed [type byte, end of option). */
    public static final String OPTION_TABLE = "mip6.opt";

    @Override
    public Field dissect(DissectContext ctx, ByteBuffer buf, int offset, int length) {
        Layer l = new Layer(buf, offset, length);
        int size;
        int end;
        try {
            // each header field as far as the bytes go: a header cut short still shows what it holds
            l.uint("mip6.proto", "Payload protocol", offset, 1);
            int hlen = l.u8(offset + 1, "header length");
            size = (hlen + 1) * 8;
            l.add(Field.leaf("mip6.hlen", "Header length: " + hlen + " (" + size + " bytes)", (long) hlen,
                    offset + 1, 1));
            int mhType = l.u8(offset + 2, "MH type");
            l.named("mip6.mhtype", "Mobility Header Type", offset + 2, 1, MobilityNames.mhType(mhType));
            l.hex("mip6.reserved", "Reserved", offset + 3, 1);
            l.hex("mip6.csum", "Checksum", offset + 4, 2);
            // RFC 6275 §9.2: a header longer than the packet is an error; show what is there, then flag it.
            end = Math.min(offset + size, l.end());
            int p = offset + MobilityHeader.FIXED;
            Dissector message = ctx.registry().lookup(MH_TYPE_TABLE, mhType);
            if (message == null) {
                if (end > p) {
                    l.raw("mip6.data", "Message Data", p, end - p);
                }
                p = end;
            } else {
                int errors = ctx.errors().size();
                Field m = message.dissect(ctx, buf, p, end - p);
                l.add(m);
                if (ctx.errors().size() > errors) {
                    return l.build("mipv6", "Mobile IPv6", l.end() - offset); // the message marked its own cut
                }
                p += m.length();
            }
            options(ctx, l, p, end, offset + size > l.end());
            if (offset + size > l.end()) {
                throw DecodeException.truncated(offset, "mobility header", size, l.end() - offset);
            }
        } catch (DecodeException e) {
            return l.partial(ctx, e, "mipv6", "Mobile IPv6");
        }
        int rest = l.end() - end;
        if (rest > 0) {
            ctx.data(buf, end, rest);
        }
        return l.build("mipv6", "Mobile IPv6", size);
    }

    /**
     * RFC 6275 §6.2.1: options to the end of the header; Pad1 is one byte, all others Type | Length | data. An
     * option running past the end is TRUNCATED when the capture cut the header ({@code cut}), else MALFORMED.
     */
    static void options(DissectContext ctx, Layer l, int p, int end, boolean cut) {
        ByteBuffer buf = l.buf();
        while (p < end) {
            int type = buf.get(p) & 0xff;
            int size;
            if (type == MobilityOption.PAD1) {
                size = 1;
            } else {
                if (p + 2 > end) {
                    throw DecodeException.truncated(p, "mobility option header", 2, end - p);
                }
                size = 2 + (buf.get(p + 1) & 0xff);
                if (p + size > end && cut) {
                    throw DecodeException.truncated(p, "mobility option", size, end - p);
                }
                if (p + size > end) {
                    throw DecodeException.malformed(p + 1, "mobility option length " + (size - 2)
                            + " runs past the mobility header (" + (end - p - 2) + " bytes left)");
                }
            }
            Dissector d = ctx.registry().lookup(OPTION_TABLE, type);
            l.add((d == null ? MobilityOptionDissectors.UNKNOWN : d).dissect(ctx, buf, p, size));
            p += size;
        }
    }
}
