package org.multitunnel.wire.mip;

import java.nio.ByteBuffer;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.multitunnel.wire.DecodeException;
import org.multitunnel.wire.mip.ext.ExtensionRegistry;
import org.multitunnel.wire.mip.internal.Bytes;

/**
 * Decodes and encodes whole Mobile IPv4 messages (the UDP payload of port 434). The message decoders and the
 * {@link ExtensionRegistry} are data, so preferences can move draft extension numbers or add message types.
 * Decoding throws only {@link DecodeException} (a fixed part that is too short); everything after the fixed part
 * is kept, typed or raw, so {@code encode(decode(x))} equals {@code x}.
 */
public final class MipCodec {
    private final ExtensionRegistry extensions;
    private final Map<Integer, MessageDecoder> decoders = new ConcurrentHashMap<>();

    /** A codec with every known message and extension, draft extensions at their default numbers. */
    public MipCodec() {
        this(ExtensionRegistry.defaults());
    }

    public MipCodec(ExtensionRegistry extensions) {
        this.extensions = extensions;
        register(MessageTypes.REGISTRATION_REQUEST, RegistrationRequest::decode);
        register(MessageTypes.REGISTRATION_REPLY, RegistrationReply::decode);
        register(MessageTypes.TUNNEL_DATA, (b, off, end, r) -> TunnelData.decode(b, off, end));
        register(MessageTypes.REVOCATION, Revocation::decode);
        register(MessageTypes.REVOCATION_ACK, RevocationAck::decode);
    }

    public MipCodec register(int type, MessageDecoder decoder) {
        decoders.put(type, decoder);
        return this;
    }

    public ExtensionRegistry extensions() {
        return extensions;
    }

    public MipMessage decode(byte[] message) {
        return decode(message, 0, message.length);
    }

    /** Decodes {@code b[off, off+len)}; error offsets are indices into {@code b}. */
    public MipMessage decode(byte[] b, int off, int len) {
        if (off < 0 || len < 0 || off > b.length || len > b.length - off) {
            throw DecodeException.truncated(Math.max(0, off), "Mobile IP message", len,
                    Math.max(0, b.length - Math.max(0, off)));
        }
        Bytes.require(off, off + len, 1, "Mobile IP message");
        MessageDecoder d = decoders.get(Bytes.u8(b, off));
        if (d == null) {
            return new UnknownMessage(Bytes.slice(b, off, len));
        }
        return d.decode(b, off, off + len, extensions);
    }

    /** Decodes {@code len} bytes at absolute {@code off} of {@code buf} without moving its position. */
    public MipMessage decode(ByteBuffer buf, int off, int len) {
        if (off < 0 || len < 0 || off + len > buf.limit()) {
            throw DecodeException.truncated(off, "Mobile IP message", len, Math.max(0, buf.limit() - off));
        }
        byte[] copy = new byte[len];
        buf.get(off, copy);
        try {
            return decode(copy, 0, len);
        } catch (DecodeException e) {
            String m = e.getMessage();
            int at = m.lastIndexOf(" at offset ");
            throw new DecodeException(e.kind(), e.offset() + off, at >= 0 ? m.substring(0, at) : m);
        }
    }

    public static byte[] encode(MipMessage m) {
        return m.encode();
    }
}
