package org.multitunnel.wire.mip.ext;

/**
 * The framing of one extension as found on the wire, handed to an {@link ExtensionDecoder} together with the
 * bytes its Length field counts. {@code subtype} is -1 for plain short extensions (and for short-with-subtype ones
 * whose Length is 0); {@code offset} is absolute in the buffer being decoded.
 */
public record ExtensionHeader(int type, ExtensionFormat format, int subtype, int declaredLength, int offset) {
}
