package org.multitunnel.agent.ha;

import org.multitunnel.wire.mip.RegistrationRequest;
import org.multitunnel.wire.mip.ext.ExtensionFormat;
import org.multitunnel.wire.mip.ext.ExtensionRegistry;
import org.multitunnel.wire.mip.ext.ExtensionTypes;

/**
 * A walk over a received request's extension framing — Type and Length only, nothing decoded — that finds the
 * MN-HA Authentication Extension, so the home agent checks the authenticator before it interprets any other
 * extension (RFC 5944 §3.8.2.1 puts authentication first). A 65 KB request full of extensions then costs a pass
 * over its framing and at most one MAC, not a full decode. It agrees with {@code ExtensionListDecoder}: the first
 * type-32 extension whose data holds an SPI, and nothing after an extension that runs past the end.
 */
final class RequestFraming {
    /** What the walk found. */
    record Result(int mnHaOffset, int mnHaLength, boolean unacceptable) {
        boolean hasMnHa() {
            return mnHaOffset >= 0;
        }
    }

    private final ExtensionFormat[] formats = new ExtensionFormat[256];
    private final ExtensionRegistry registry;

    RequestFraming(ExtensionRegistry registry) {
        this.registry = registry;
        for (int t = 0; t < 256; t++) {
            formats[t] = registry.format(t);
        }
    }

    /**
     * Walks {@code b} (a whole Registration Request). With {@code whole} false it stops at the MN-HA extension;
     * with {@code whole} true it walks on to report an unrecognised non-skippable or truncated extension anywhere
     * (RFC 5944 §1.9), which is what the silent-discard policy needs.
     */
    Result walk(byte[] b, boolean whole) {
        int off = RegistrationRequest.FIXED_LENGTH;
        int end = b.length;
        int mnHa = -1;
        int mnHaLength = 0;
        boolean unacceptable = false;
        while (off < end) {
            int type = b[off] & 0xff;
            ExtensionFormat fmt = formats[type];
            int hdr = fmt.headerLength();
            if (end - off < hdr) {
                unacceptable = true;
                break;
            }
            int declared = fmt == ExtensionFormat.LONG ? (b[off + 2] & 0xff) << 8 | (b[off + 3] & 0xff)
                    : b[off + 1] & 0xff;
            if (end - off - hdr < declared) {
                unacceptable = true; // runs past the end of the message
                break;
            }
            if (mnHa < 0 && type == ExtensionTypes.MN_HA_AUTH && fmt == ExtensionFormat.SHORT && declared >= 4) {
                mnHa = off;
                mnHaLength = declared;
                if (!whole) {
                    break;
                }
            } else if (whole && !unacceptable && (type < 128 || type == ExtensionTypes.MULTIPATH)) {
                int subtype = fmt == ExtensionFormat.LONG ? b[off + 1] & 0xff
                        : fmt == ExtensionFormat.SHORT_WITH_SUBTYPE && declared >= 1 ? b[off + 2] & 0xff : -1;
                unacceptable = !registry.known(type, subtype);
            }
            off += hdr + declared;
        }
        return new Result(mnHa, mnHaLength, unacceptable);
    }
}
