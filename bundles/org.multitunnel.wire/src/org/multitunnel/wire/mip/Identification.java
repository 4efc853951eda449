package org.multitunnel.wire.mip;

import org.multitunnel.wire.Field;

/**
 * The 64-bit Identification field (RFC 5944 §5.7): usually an NTP timestamp (seconds since 1900 in the high 32
 * bits) or nonces. Its field value is the unsigned number (a BigInteger past 2^63, so JSON never shows an NTP
 * timestamp as a negative number); the display shows it unsigned and in hex.
 */
final class Identification {
    private Identification() {
    }

    static Field field(long id, int off) {
        return Field.leaf(MipFields.IDENT, "Identification: " + Long.toUnsignedString(id) + " (0x"
                + String.format("%016x", id) + ")", id >= 0 ? (Object) id : new java.math.BigInteger(Long.toUnsignedString(id)),
                off, 8);
    }
}
