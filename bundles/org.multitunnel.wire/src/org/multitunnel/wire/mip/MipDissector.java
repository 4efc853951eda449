package org.multitunnel.wire.mip;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

import org.multitunnel.wire.DissectContext;
import org.multitunnel.wire.DissectorRegistry;
import org.multitunnel.wire.Dissector;
import org.multitunnel.wire.Field;
import org.multitunnel.wire.mip.ext.MipExtension;
import org.multitunnel.wire.mip.internal.Fields;

/**
 * The Mobile IPv4 layer of a dissection (UDP port 434): decodes the message with a {@link MipCodec} and renders
 * its field tree with absolute offsets. RFC 3519 tunnel data (type 4) shows its 4-byte header and hands the
 * payload on through the registry's {@code ip.proto} table by Next Header, so inner packets dissect recursively.
 */
public final class MipDissector implements Dissector {
    private final MipCodec codec;

    public MipDissector() {
        this(new MipCodec());
    }

    public MipDissector(MipCodec codec) {
        this.codec = codec;
    }

    @Override
    public Field dissect(DissectContext ctx, ByteBuffer buf, int offset, int length) {
        MipMessage m = codec.decode(buf, offset, length);
        if (m instanceof TunnelData td) {
            Field layer = Fields.node(MipFields.PROTO, "Mobile IP, " + m.summary(), offset, TunnelData.HEADER_LENGTH,
                    td.fixedFields(offset));
            ctx.layers().add(layer);
            ctx.next(DissectorRegistry.IP_PROTO, td.nextHeader(), buf, offset + TunnelData.HEADER_LENGTH,
                    length - TunnelData.HEADER_LENGTH);
            return null;
        }
        return tree(m, offset);
    }

    /** The field tree of a decoded message located at absolute {@code offset}. */
    public static Field tree(MipMessage m, int offset) {
        List<Field> children = new ArrayList<>(m.fixedFields(offset));
        int[] offs = m.extensionOffsets();
        List<MipExtension> exts = m.extensions();
        for (int i = 0; i < exts.size(); i++) {
            children.add(exts.get(i).toField(offset + offs[i]));
        }
        return Fields.node(MipFields.PROTO, "Mobile IP, " + m.summary(), offset, m.encodedLength(), children);
    }
}
