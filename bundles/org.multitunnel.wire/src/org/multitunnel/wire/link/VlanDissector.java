package org.multitunnel.wire.link;

import java.nio.ByteBuffer;

import org.multitunnel.wire.DissectContext;
import org.multitunnel.wire.Dissector;
import org.multitunnel.wire.DissectorRegistry;
import org.multitunnel.wire.Field;
import org.multitunnel.wire.dissect.Layer;

/** IEEE 802.1Q VLAN tag (EtherType 0x8100 and 0x88a8): vlan.priority, vlan.dei, vlan.id, vlan.etype. */
public final class VlanDissector implements Dissector {
    @Override
    public Field dissect(DissectContext ctx, ByteBuffer buf, int offset, int length) {
        Layer l = new Layer(buf, offset, length);
        l.need(offset, VlanTag.SIZE, "802.1Q tag");
        l.bits("vlan.priority", "Priority", offset, 2, 0xe000);
        l.flag("vlan.dei", "DEI", offset, 2, 0x1000);
        long id = l.bits("vlan.id", "ID", offset, 2, 0x0fff);
        int type = l.u16(offset + 2, "type");
        if (type >= 0x0600) {
            l.hex("vlan.etype", "Type", offset + 2, 2);
        } else {
            l.uint("vlan.len", "Length", offset + 2, 2);
        }
        int payload = offset + VlanTag.SIZE;
        if (type >= 0x0600) {
            ctx.next(DissectorRegistry.ETHERTYPE, type, buf, payload, l.end() - payload);
        } else {
            ctx.data(buf, payload, l.end() - payload);
        }
        return l.build("vlan", "802.1Q Virtual LAN, ID: " + id, VlanTag.SIZE);
    }
}
