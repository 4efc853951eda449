package org.multitunnel.wire.mip.ext;

import java.nio.ByteBuffer;

import org.multitunnel.wire.Field;

/**
 * One extension of a Mobile IPv4 message (RFC 5944 §1.9-§1.11), typed or raw. Implementations are immutable and encode
 * to exactly the bytes they were decoded from (declared Length and trailing bytes included).
 */
public interface MipExtension {
    int type();

    /** The Sub-Type for long and short-with-subtype framings, or -1. */
    int subtype();

    ExtensionFormat format();

    /** The value of the Length field as it is (or will be) on the wire. */
    int lengthField();

    /** Number of bytes {@link #encodeTo} writes. */
    int encodedLength();

    void encodeTo(ByteBuffer out);

    /** The field tree of this extension, located at absolute {@code offset}. */
    Field toField(int offset);

    /**
     * RFC 5944 §1.9: types 128-255 may be skipped by a receiver that does not know them, 0-127 may not. The long
     * format is for non-skippable extensions (§1.10), which is why RFC 7629 §7 calls type 154 non-skippable
     * although its number is above 127; so long-framed extensions are never skippable here.
     */
    default boolean skippable() {
        return type() >= 128 && format() != ExtensionFormat.LONG;
    }

    default byte[] encode() {
        ByteBuffer b = ByteBuffer.allocate(encodedLength());
        encodeTo(b);
        return b.array();
    }
}
