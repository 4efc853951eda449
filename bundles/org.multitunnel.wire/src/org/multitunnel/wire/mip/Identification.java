package org.multitunnel.wire.mip;

import org.multitunnel.wire.Field;

/**
 * The 64-bit Identification field (RFC 5944 §5.7): usually an NTP timestamp (seconds since 1900 in the high 32
 * bits) or nonces. Its field value is the Long bit pattern; the display shows it unsigned and in hex.
 */
final class Identification {
    private Identification() {
    }

    static Field field(long id, int off) {
        return Field.leaf(MipFields.IDENT, "Identification: " + Long.toUnsignedString(id) + " (0x"
                + String.format("%016x", id) + ")", id, off, 8);
    }
}
