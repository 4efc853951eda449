package org.multitunnel.wire.mip.ext;

import org.multitunnel.wire.DecodeException;

/**
 * Turns one framed extension into its typed model. {@code data} holds exactly the bytes the Length field counts
 * (for short-with-subtype framing it starts with the Sub-Type). A decoder throws {@link DecodeException} when the
 * data cannot hold its structure; the list decoder then keeps the extension as a {@link RawExtension} with the
 * reason, so nothing is dropped.
 */
@FunctionalInterface
public interface ExtensionDecoder {
    MipExtension decode(ExtensionHeader header, byte[] data);
}
