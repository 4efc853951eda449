package org.multitunnel.wire.mip.ext;

/**
 * How an extension is framed on the wire: RFC 5944 §1.9 (type-length-value), §1.10 (long), §1.11 (short)
 * — section numbers as in RFC 3220/3344, which RFC 5944 revises. This describes framing only; which type uses which
 * framing is data in the {@link ExtensionRegistry}, never a switch.
 * <ul>
 * <li>{@code SHORT}: Type(8) | Length(8) | data — Length counts the data.</li>
 * <li>{@code SHORT_WITH_SUBTYPE}: Type(8) | Length(8) | Sub-Type(8) | data — Length counts Sub-Type and data.</li>
 * <li>{@code LONG}: Type(8) | Sub-Type(8) | Length(16) | data — Length counts the data only.</li>
 * </ul>
 */
public enum ExtensionFormat {
    SHORT(2, 1),
    SHORT_WITH_SUBTYPE(2, 1),
    LONG(4, 2);

    private final int headerLength;
    private final int lengthFieldSize;

    ExtensionFormat(int headerLength, int lengthFieldSize) {
        this.headerLength = headerLength;
        this.lengthFieldSize = lengthFieldSize;
    }

    /** Bytes before the first byte counted by the Length field. */
    public int headerLength() {
        return headerLength;
    }

    public int lengthFieldSize() {
        return lengthFieldSize;
    }

    /** Largest value the Length field can carry. */
    public int maxLength() {
        return lengthFieldSize == 1 ? 0xff : 0xffff;
    }

    /** Offset of the Sub-Type octet from the extension start, or -1 when the framing has none. */
    public int subtypeOffset() {
        return this == LONG ? 1 : this == SHORT_WITH_SUBTYPE ? 2 : -1;
    }
}
