package org.multitunnel.wire.mip;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

import org.multitunnel.wire.Field;
import org.multitunnel.wire.mip.ext.MipExtension;

/**
 * One Mobile IPv4 message on UDP port 434: a fixed part whose layout depends on the Type octet, followed (for
 * registration and revocation messages) by extensions. Implementations are immutable and encode to exactly the
 * bytes they were decoded from.
 */
public interface MipMessage {
    int type();

    /** Bytes of the fixed part (for tunnel data and unknown types: the whole message). */
    int fixedLength();

    void encodeFixed(ByteBuffer out);

    /** Fields of the fixed part, located at absolute {@code base}. */
    List<Field> fixedFields(int base);

    List<MipExtension> extensions();

    /** One line for packet lists, e.g. "Registration Request HoA=10.1.0.5 CoA=198.51.100.7". */
    String summary();

    default int encodedLength() {
        int n = fixedLength();
        for (MipExtension e : extensions()) {
            n += e.encodedLength();
        }
        return n;
    }

    default byte[] encode() {
        ByteBuffer b = ByteBuffer.allocate(encodedLength());
        encodeFixed(b);
        for (MipExtension e : extensions()) {
            e.encodeTo(b);
        }
        return b.array();
    }

    /** Offset of each extension from the start of the message, in order. */
    default int[] extensionOffsets() {
        List<MipExtension> exts = extensions();
        int[] out = new int[exts.size()];
        int off = fixedLength();
        for (int i = 0; i < out.length; i++) {
            out[i] = off;
            off += exts.get(i).encodedLength();
        }
        return out;
    }

    /** The extensions of class {@code c}, in order. */
    default <T extends MipExtension> List<T> extensions(Class<T> c) {
        List<T> out = new ArrayList<>();
        for (MipExtension e : extensions()) {
            if (c.isInstance(e)) {
                out.add(c.cast(e));
            }
        }
        return out;
    }
}
