package org.multitunnel.wire.mip;

import org.multitunnel.wire.mip.ext.ExtensionRegistry;

/**
 * Decodes one message type from {@code b[off, end)}. Registered per Type in a {@link MipCodec}, so a new message
 * type is a registration, not an edit of a switch. Throws only {@link org.multitunnel.wire.DecodeException}.
 */
@FunctionalInterface
public interface MessageDecoder {
    MipMessage decode(byte[] b, int off, int end, ExtensionRegistry extensions);
}
