package org.multitunnel.wire.link;

import java.nio.ByteBuffer;

import org.multitunnel.wire.DissectContext;
import org.multitunnel.wire.Dissector;
import org.multitunnel.wire.DissectorRegistry;
import org.multitunnel.wire.Field;
import org.multitunnel.wire.dissect.Layer;

/**
 * Cisco MetaData (EtherType 0x8909, the TrustSec SGT tag, 8 bytes): version, length, options, SGT and the inner
 * EtherType — which comes last after an Ethernet header but first inside GRE (as Wireshark dissects it, and as the
 * public capture various_gre.pcap shows). It appears inside GRE there, so without it the inner IP would stay raw.
 */
public final class CiscoMetadataDissector implements Dissector {
    private final boolean typeFirst;

    /** {@code typeFirst} for the GRE layout (registered in the gre.proto table), false after Ethernet. */
    public CiscoMetadataDissector(boolean typeFirst) {
        this.typeFirst = typeFirst;
    }

    @Override
    public Field dissect(DissectContext ctx, ByteBuffer buf, int offset, int length) {
        Layer l = new Layer(buf, offset, length);
        l.need(offset, 8, "Cisco MetaData header");
        int typeOff = typeFirst ? offset : offset + 6;
        int p = typeFirst ? offset + 2 : offset;
        int type = typeFirst ? (int) l.hex("cmd.type", "Type", typeOff, 2) : 0;
        l.uint("cmd.version", "Version", p, 1);
        l.uint("cmd.length", "Length", p + 1, 1);
        l.hex("cmd.options", "Options", p + 2, 2);
        l.uint("cmd.sgt", "SGT", p + 4, 2);
        if (!typeFirst) {
            type = (int) l.hex("cmd.type", "Type", typeOff, 2);
        }
        int size = 8;
        int payload = offset + size;
        ctx.next(DissectorRegistry.ETHERTYPE, type, buf, payload, l.end() - payload);
        return l.build("cmd", "Cisco MetaData", size);
    }
}
