package org.multitunnel.wire.mip;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

import org.multitunnel.wire.Field;
import org.multitunnel.wire.mip.ext.MipExtension;
import org.multitunnel.wire.mip.internal.Fields;

/**
 * A message whose fixed part ends before its format does (a Registration Request under 24 bytes, a Reply under
 * 20, a Revocation under 20, ...). A short message is evidence, not noise: it keeps its bytes, shows every fixed
 * field that is wholly present (read from the decoder of its type), and says where the cut is, so the decode can
 * mark it malformed and the analyzer can report RFC5944-3.3-TRUNCATED instead of the message vanishing.
 */
public final class TruncatedMessage implements MipMessage {
    private final byte[] wire;
    private final int needed;
    private final String name;
    /** The message decoded from the bytes padded with zeros to its fixed length; only the present fields count. */
    private final MipMessage padded;

    TruncatedMessage(byte[] wire, int needed, String name, MipMessage padded) {
        this.wire = wire.clone();
        this.needed = needed;
        this.name = name;
        this.padded = padded;
    }

    /** The Type octet, or -1 for an empty message. */
    @Override
    public int type() {
        return wire.length == 0 ? -1 : wire[0] & 0xff;
    }

    /** Bytes present. */
    public int length() {
        return wire.length;
    }

    /** Bytes the fixed part of this type needs. */
    public int needed() {
        return needed;
    }

    /** The message name, e.g. "Registration Request". */
    public String name() {
        return name;
    }

    public byte[] wire() {
        return wire.clone();
    }

    /** Offset (from the message start) of the first fixed field not wholly present: where the cut is. */
    public int cutAt() {
        int cut = wire.length;
        if (padded != null) {
            for (Field f : padded.fixedFields(0)) {
                if (f.offset() + f.length() > wire.length) {
                    return Math.min(cut, f.offset());
                }
            }
        }
        return cut;
    }

    /** What is missing, for findings and the malformed marker. */
    public String reason() {
        return name + " of " + wire.length + " byte(s) is shorter than its " + needed + "-byte fixed part";
    }

    @Override
    public int fixedLength() {
        return wire.length;
    }

    @Override
    public void encodeFixed(ByteBuffer out) {
        out.put(wire);
    }

    @Override
    public List<Field> fixedFields(int base) {
        List<Field> out = new ArrayList<>();
        if (padded == null) {
            if (wire.length > 0) {
                out.add(Fields.named(MipFields.TYPE, "Message Type", type(), null, base, 1));
            }
            return out;
        }
        for (Field f : padded.fixedFields(base)) {
            if (f.offset() + f.length() <= base + wire.length) {
                out.add(f);
            }
        }
        return out;
    }

    @Override
    public List<MipExtension> extensions() {
        return List.of();
    }

    @Override
    public String summary() {
        return name + " (truncated: " + wire.length + " of " + needed + " bytes)";
    }

    @Override
    public String toString() {
        return summary();
    }
}
