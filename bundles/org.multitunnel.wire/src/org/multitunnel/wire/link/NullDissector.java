package org.multitunnel.wire.link;

import java.nio.ByteBuffer;

import org.multitunnel.wire.DissectContext;
import org.multitunnel.wire.Dissector;
import org.multitunnel.wire.DissectorRegistry;
import org.multitunnel.wire.Field;
import org.multitunnel.wire.dissect.Layer;

/**
 * BSD loopback: DLT_NULL (LINKTYPE 0, address family in the capturing host's byte order) and DLT_LOOP
 * (LINKTYPE 108, network byte order). Family 2 is IPv4; 24, 28 and 30 are the BSDs' IPv6 values.
 */
public final class NullDissector implements Dissector {
    private final boolean networkOrder;

    public NullDissector(boolean networkOrder) {
        this.networkOrder = networkOrder;
    }

    /** The family value, guessing host byte order for DLT_NULL the way libpcap does (small values are families). */
    static long family(ByteBuffer buf, int off, boolean networkOrder) {
        long be = buf.getInt(off) & 0xffffffffL;
        if (networkOrder || (be & 0xffff0000L) == 0 && be != 0) {
            return be;
        }
        return Integer.reverseBytes((int) be) & 0xffffffffL;
    }

    @Override
    public Field dissect(DissectContext ctx, ByteBuffer buf, int offset, int length) {
        Layer l = new Layer(buf, offset, length);
        l.need(offset, 4, "loopback header");
        long fam = family(buf, offset, networkOrder);
        l.add(Field.leaf("null.family", "Family: " + fam, fam, offset, 4));
        int payload = offset + 4;
        int etherType = fam == 2 ? 0x0800 : (fam == 24 || fam == 28 || fam == 30) ? 0x86dd : -1;
        if (etherType > 0) {
            ctx.next(DissectorRegistry.ETHERTYPE, etherType, buf, payload, l.end() - payload);
        } else {
            ctx.data(buf, payload, l.end() - payload);
        }
        return l.build("null", "Null/Loopback", 4);
    }
}
