package org.multitunnel.wire.link;

import java.nio.ByteBuffer;

import org.multitunnel.wire.DissectContext;
import org.multitunnel.wire.Dissector;
import org.multitunnel.wire.DissectorRegistry;
import org.multitunnel.wire.Field;
import org.multitunnel.wire.dissect.Layer;

/** Ethernet II (pcap LINKTYPE_ETHERNET 1): eth.dst, eth.src, eth.type, then the payload by EtherType. */
public final class EthernetDissector implements Dissector {
    @Override
    public Field dissect(DissectContext ctx, ByteBuffer buf, int offset, int length) {
        Layer l = new Layer(buf, offset, length);
        l.need(offset, EthernetHeader.SIZE, "Ethernet header");
        String dst = l.mac("eth.dst", "Destination", offset);
        String src = l.mac("eth.src", "Source", offset + 6);
        int type = l.u16(offset + 12, "type");
        if (type >= 0x0600) {
            l.hex("eth.type", "Type", offset + 12, 2);
        } else {
            l.uint("eth.len", "Length", offset + 12, 2); // IEEE 802.3 frame: a length, not an EtherType
        }
        int payload = offset + EthernetHeader.SIZE;
        if (type >= 0x0600) {
            ctx.next(DissectorRegistry.ETHERTYPE, type, buf, payload, l.end() - payload);
        } else {
            // IEEE 802.3 length field: LLC/SNAP is not dissected here, the payload stays raw.
            ctx.data(buf, payload, l.end() - payload);
        }
        return l.build("eth", "Ethernet II, Src: " + src + ", Dst: " + dst, EthernetHeader.SIZE);
    }
}
