package org.multitunnel.agent.load;

import org.multitunnel.wire.mip.MessageTypes;
import org.multitunnel.wire.mip.auth.SecurityAssociation;
import org.multitunnel.wire.mip.ext.ExtensionFormat;
import org.multitunnel.wire.mip.ext.ExtensionRegistry;
import org.multitunnel.wire.mip.ext.ExtensionTypes;

/**
 * Reads what the load generator needs from a Registration Reply (RFC 5944 §3.4: Type 3 | Code | Lifetime(16) |
 * Home Address | Home Agent | Identification(64), then extensions) straight from the received bytes, and checks its
 * MN-HA authenticator (RFC 5944 §3.5.1, over the received bytes up to and including the SPI) — the receive thread's
 * whole job, done without decoding into objects.
 */
final class ReplyReader {
    static final int AUTH_MISSING = 0, AUTH_VALID = 1, AUTH_INVALID = 2;
    private static final int FIXED = 20;

    private final SecurityAssociation sa;
    private final ExtensionFormat[] formats = new ExtensionFormat[256];

    // the last reply read
    int code;
    int lifetime;
    int home;
    long identification;
    int auth;

    ReplyReader(SecurityAssociation sa, ExtensionRegistry registry) {
        this.sa = sa;
        for (int t = 0; t < 256; t++) {
            formats[t] = registry.format(t);
        }
    }

    /** Reads {@code b[0, len)}; false when it is not a Registration Reply. */
    boolean read(byte[] b, int len) {
        if (len < FIXED || (b[0] & 0xff) != MessageTypes.REGISTRATION_REPLY) {
            return false;
        }
        code = b[1] & 0xff;
        lifetime = (b[2] & 0xff) << 8 | (b[3] & 0xff);
        home = getInt(b, 4);
        identification = (getInt(b, 12) & 0xffffffffL) << 32 | (getInt(b, 16) & 0xffffffffL);
        auth = AUTH_MISSING;
        int off = FIXED;
        while (off < len) {
            int type = b[off] & 0xff;
            ExtensionFormat f = formats[type];
            int hdr = f.headerLength();
            if (len - off < hdr) {
                break;
            }
            int declared = f == ExtensionFormat.LONG ? (b[off + 2] & 0xff) << 8 | (b[off + 3] & 0xff)
                    : b[off + 1] & 0xff;
            if (len - off - hdr < declared) {
                break;
            }
            if (type == ExtensionTypes.MN_HA_AUTH && f == ExtensionFormat.SHORT && declared >= 4) {
                auth = verify(b, off, declared) ? AUTH_VALID : AUTH_INVALID;
                break; // RFC 5944 §3.6.2.1: extensions after the authenticator are not protected; we need none
            }
            off += hdr + declared;
        }
        return true;
    }

    private boolean verify(byte[] b, int off, int declared) {
        if ((getInt(b, off + 2) & 0xffffffffL) != sa.spi()) {
            return false;
        }
        int covered = off + 2 + 4;
        byte[] expected = sa.authenticate(b, 0, covered);
        if (declared - 4 != expected.length) {
            return false;
        }
        int diff = 0;
        for (int i = 0; i < expected.length; i++) {
            diff |= expected[i] ^ b[covered + i];
        }
        return diff == 0;
    }

    private static int getInt(byte[] b, int off) {
        return (b[off] & 0xff) << 24 | (b[off + 1] & 0xff) << 16 | (b[off + 2] & 0xff) << 8 | (b[off + 3] & 0xff);
    }
}
