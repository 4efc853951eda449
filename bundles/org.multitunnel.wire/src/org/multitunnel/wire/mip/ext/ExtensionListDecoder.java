package org.multitunnel.wire.mip.ext;

import java.util.ArrayList;
import java.util.List;

import org.multitunnel.wire.DecodeException;
import org.multitunnel.wire.mip.internal.Bytes;

/**
 * Walks the extensions of a message (RFC 5944 §1.9-§1.11) from {@code start} to {@code end}. It never throws and
 * never drops a byte: a known type whose data cannot hold its structure becomes a {@link RawExtension} with the
 * reason, and the last extension, if cut short by the end of the message, becomes a truncated raw one.
 */
public final class ExtensionListDecoder {
    private ExtensionListDecoder() {
    }

    public static List<MipExtension> decode(byte[] b, int start, int end, ExtensionRegistry registry) {
        List<MipExtension> out = new ArrayList<>();
        int off = start;
        while (off < end) {
            int type = Bytes.u8(b, off);
            ExtensionFormat fmt = registry.format(type);
            int hdr = fmt.headerLength();
            if (end - off < hdr) {
                out.add(RawExtension.ofWire(Bytes.slice(b, off, end - off), fmt, true, null));
                break;
            }
            int declared = fmt == ExtensionFormat.LONG ? Bytes.u16(b, off + 2) : Bytes.u8(b, off + 1);
            if (end - off - hdr < declared) {
                out.add(RawExtension.ofWire(Bytes.slice(b, off, end - off), fmt, true, null));
                break;
            }
            int subtype = fmt == ExtensionFormat.LONG ? Bytes.u8(b, off + 1)
                    : fmt == ExtensionFormat.SHORT_WITH_SUBTYPE && declared >= 1 ? Bytes.u8(b, off + 2) : -1;
            int total = hdr + declared;
            ExtensionDecoder d = registry.decoder(type, subtype);
            MipExtension ext;
            if (d == null) {
                ext = RawExtension.ofWire(Bytes.slice(b, off, total), fmt, false, null);
            } else {
                try {
                    ext = d.decode(new ExtensionHeader(type, fmt, subtype, declared, off),
                            Bytes.slice(b, off + hdr, declared));
                    if (ext.encodedLength() != total) {
                        // a (third-party) decoder that does not account for every byte would break round trips
                        ext = RawExtension.ofWire(Bytes.slice(b, off, total), fmt, false, "decoder for type " + type
                                + " accounts for " + ext.encodedLength() + " of " + total + " bytes");
                    }
                } catch (DecodeException e) {
                    ext = RawExtension.ofWire(Bytes.slice(b, off, total), fmt, false, e.getMessage());
                }
            }
            out.add(ext);
            off += total;
        }
        return out;
    }
}
