package org.multitunnel.wire.mip;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

import org.multitunnel.wire.Field;
import org.multitunnel.wire.mip.ext.MipExtension;
import org.multitunnel.wire.mip.internal.Bytes;
import org.multitunnel.wire.mip.internal.Fields;

/** A message whose Type no decoder is registered for: kept whole so nothing is lost and it re-encodes exactly. */
public final class UnknownMessage implements MipMessage {
    private final byte[] wire;

    public UnknownMessage(byte[] wire) {
        if (wire.length == 0) {
            throw new IllegalArgumentException("a message has at least its Type octet");
        }
        this.wire = wire.clone();
    }

    @Override
    public int type() {
        return wire[0] & 0xff;
    }

    public byte[] wire() {
        return wire.clone();
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
    public List<Field> fixedFields(int o) {
        List<Field> f = new ArrayList<>();
        f.add(Fields.named(MipFields.TYPE, "Message Type", type(), null, o, 1));
        if (wire.length > 1) {
            f.add(Fields.bytes(MipFields.PAYLOAD, "Message data", Bytes.slice(wire, 1, wire.length - 1), o + 1));
        }
        return f;
    }

    @Override
    public List<MipExtension> extensions() {
        return List.of();
    }

    @Override
    public String summary() {
        return "Mobile IP message type " + type() + " (" + wire.length + " bytes)";
    }
}
