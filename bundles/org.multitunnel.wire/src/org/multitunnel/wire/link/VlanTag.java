package org.multitunnel.wire.link;

import java.nio.ByteBuffer;

import org.multitunnel.wire.DecodeException;

/**
 * One IEEE 802.1Q tag as it follows the TPID: PCP(3) DEI(1) VID(12), then the inner EtherType. Kept separate from
 * {@link EthernetHeader} so stacked tags (802.1ad) decode by repeating the same dispatch.
 */
public record VlanTag(int priority, boolean dei, int vlanId, int etherType) {
    public static final int SIZE = 4;

    public VlanTag {
        if (priority < 0 || priority > 7 || vlanId < 0 || vlanId > 0xfff) {
            throw new IllegalArgumentException("PCP is 3 bits and VID 12 bits");
        }
    }

    public static VlanTag decode(ByteBuffer b, int off, int len) {
        if (len < SIZE || off + SIZE > b.limit()) {
            throw DecodeException.truncated(off, "802.1Q tag", SIZE, Math.max(0, Math.min(len, b.limit() - off)));
        }
        int tci = b.getShort(off) & 0xffff;
        return new VlanTag(tci >>> 13, (tci & 0x1000) != 0, tci & 0xfff, b.getShort(off + 2) & 0xffff);
    }

    public byte[] encode(byte[] payload) {
        int tci = (priority << 13) | (dei ? 0x1000 : 0) | vlanId;
        return ByteBuffer.allocate(SIZE + payload.length).putShort((short) tci).putShort((short) etherType)
                .put(payload).array();
    }
}
