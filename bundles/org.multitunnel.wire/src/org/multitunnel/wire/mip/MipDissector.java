package org.multitunnel.wire.mip;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

import org.multitunnel.wire.DecodeException;
import org.multitunnel.wire.DissectContext;
import org.multitunnel.wire.DissectorRegistry;
import org.multitunnel.wire.Dissector;
import org.multitunnel.wire.Field;
import org.multitunnel.wire.mip.ext.MipExtension;
import org.multitunnel.wire.mip.finding.MessageFinding;
import org.multitunnel.wire.mip.finding.MipChecker;
import org.multitunnel.wire.mip.internal.Fields;

/**
 * The Mobile IPv4 layer of a dissection (UDP port 434): decodes the message with a {@link MipCodec} and renders
 * its field tree with absolute offsets. RFC 3519 tunnel data (type 4) shows its 4-byte header and hands the
 * payload on through the registry's {@code ip.proto} table by Next Header, so inner packets dissect recursively.
 */
public final class MipDissector implements Dissector {
    private final MipCodec codec;
    /** The analyzer's own checks: every malformation they report is marked here too. */
    private final MipChecker checker;

    public MipDissector() {
        this(new MipCodec());
    }

    public MipDissector(MipCodec codec) {
        this.codec = codec;
        this.checker = new MipChecker(codec.extensions(), ReplyCodes.standard());
    }

    @Override
    public Field dissect(DissectContext ctx, ByteBuffer buf, int offset, int length) {
        MipMessage m = codec.decodeTolerant(buf, offset, length);
        if (m instanceof TruncatedMessage t) {
            // RFC5944-3.3-TRUNCATED: every field present, then the malformed marker at the cut
            DecodeException e = DecodeException.truncated(offset + t.cutAt(), t.name(), t.needed(), t.length());
            ctx.errors().add(e);
            List<Field> children = new ArrayList<>(t.fixedFields(offset));
            children.add(malformed(e));
            return Fields.node(MipFields.PROTO, "Mobile IP, " + t.summary(), offset, t.length(), children);
        }
        if (m instanceof TunnelData td) {
            Field layer = Fields.node(MipFields.PROTO, "Mobile IP, " + m.summary(), offset, TunnelData.HEADER_LENGTH,
                    td.fixedFields(offset));
            ctx.layers().add(layer);
            ctx.next(DissectorRegistry.IP_PROTO, td.nextHeader(), buf, offset + TunnelData.HEADER_LENGTH,
                    length - TunnelData.HEADER_LENGTH);
            return null;
        }
        Field tree = tree(m, offset);
        List<Field> marks = new ArrayList<>();
        for (MessageFinding f : checker.check(m, offset)) {
            if (f.malformation()) {
                DecodeException e = DecodeException.malformed(f.offset(), f.rule() + ": " + f.message());
                ctx.errors().add(e);
                marks.add(malformed(e));
            }
        }
        if (marks.isEmpty()) {
            return tree;
        }
        List<Field> children = new ArrayList<>(tree.children());
        children.addAll(marks);
        return Field.node(tree.name(), tree.display(), tree.value(), tree.offset(), tree.length(), children);
    }

    /** Wireshark's expert marker for a malformed packet, at the offset of the error. */
    static Field malformed(DecodeException e) {
        return Field.node("_ws.malformed", "[Malformed Packet: " + e.getMessage() + "]", null, e.offset(), 0,
                List.of(Field.leaf("_ws.malformed.offset", "Error offset: " + e.offset(), (long) e.offset(),
                        e.offset(), 0)));
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
