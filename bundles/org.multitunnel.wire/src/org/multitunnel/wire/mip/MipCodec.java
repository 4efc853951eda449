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
    /** Fixed-part length and name of each type, so a short message can be shown as far as it goes. */
    private final Map<Integer, Integer> fixedLengths = new ConcurrentHashMap<>();
    private final Map<Integer, String> names = new ConcurrentHashMap<>();

    /** A codec with every known message and extension, draft extensions at their default numbers. */
    public MipCodec() {
        this(ExtensionRegistry.defaults());
    }

    public MipCodec(ExtensionRegistry extensions) {
        this.extensions = extensions;
        register(MessageTypes.REGISTRATION_REQUEST, RegistrationRequest::decode, RegistrationRequest.FIXED_LENGTH,
                "Registration Request"); // RFC 5944 §3.3
        register(MessageTypes.REGISTRATION_REPLY, RegistrationReply::decode, RegistrationReply.FIXED_LENGTH,
                "Registration Reply"); // RFC 5944 §3.4
        register(MessageTypes.TUNNEL_DATA, (b, off, end, r) -> TunnelData.decode(b, off, end),
                TunnelData.HEADER_LENGTH, "UDP Tunnel Data"); // RFC 3519 §3.3
        register(MessageTypes.REVOCATION, Revocation::decode, Revocation.FIXED_LENGTH,
                "Registration Revocation"); // RFC 3543 §6.1
        register(MessageTypes.REVOCATION_ACK, RevocationAck::decode, RevocationAck.FIXED_LENGTH,
                "Registration Revocation Acknowledgement"); // RFC 3543 §6.2
    }

    public MipCodec register(int type, MessageDecoder decoder) {
        decoders.put(type, decoder);
        return this;
    }

    /**
     * Registers a decoder with the length of its type's fixed part, so {@link #decodeTolerant} can show a message
     * cut short as a {@link TruncatedMessage} with the fields it holds.
     */
    public MipCodec register(int type, MessageDecoder decoder, int fixedLength, String name) {
        fixedLengths.put(type, fixedLength);
        names.put(type, name);
        return register(type, decoder);
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

    /**
     * As {@link #decode(byte[], int, int)}, but a message shorter than its type's fixed part (or empty) comes back
     * as a {@link TruncatedMessage} instead of an exception: for readers of captures, which must show and report
     * it. Other decode errors still throw.
     */
    public MipMessage decodeTolerant(byte[] b, int off, int len) {
        if (off < 0 || len < 0 || off > b.length || len > b.length - off) {
            throw DecodeException.truncated(Math.max(0, off), "Mobile IP message", len,
                    Math.max(0, b.length - Math.max(0, off)));
        }
        byte[] wire = Bytes.slice(b, off, len);
        if (len == 0) {
            return new TruncatedMessage(wire, 1, "Mobile IP message", null);
        }
        int type = wire[0] & 0xff;
        Integer fixed = fixedLengths.get(type);
        MessageDecoder d = decoders.get(type);
        if (fixed == null || d == null || len >= fixed) {
            return decode(wire, 0, len);
        }
        byte[] padded = java.util.Arrays.copyOf(wire, fixed);
        return new TruncatedMessage(wire, fixed, names.get(type), d.decode(padded, 0, fixed, extensions));
    }

    public MipMessage decodeTolerant(byte[] message) {
        return decodeTolerant(message, 0, message.length);
    }

    /** As {@link #decodeTolerant(byte[], int, int)} for {@code len} bytes at absolute {@code off} of {@code buf}. */
    public MipMessage decodeTolerant(ByteBuffer buf, int off, int len) {
        if (off < 0 || len < 0 || off + len > buf.limit()) {
            throw DecodeException.truncated(off, "Mobile IP message", len, Math.max(0, buf.limit() - off));
        }
        byte[] copy = new byte[len];
        buf.get(off, copy);
        try {
            return decodeTolerant(copy, 0, len);
        } catch (DecodeException e) {
            String m = e.getMessage();
            int at = m.lastIndexOf(" at offset ");
            throw new DecodeException(e.kind(), e.offset() + off, at >= 0 ? m.substring(0, at) : m);
        }
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
