package org.multitunnel.wire.mip.auth;

import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;

import org.multitunnel.wire.mip.MipMessage;
import org.multitunnel.wire.mip.ext.AuthExtension;
import org.multitunnel.wire.mip.ext.ExtensionFormat;
import org.multitunnel.wire.mip.ext.GeneralizedAuthExtension;
import org.multitunnel.wire.mip.ext.MipExtension;

/**
 * Computes and verifies Mobile IPv4 authenticators over exactly the bytes RFC 5944 §3.5.1 names: "the UDP payload
 * (that is, the Registration Request or Reply data), all prior Extensions in their entirety, and the Type, Length,
 * and SPI of this Extension" — i.e. the message bytes from its first octet up to and including this extension's
 * SPI. For the long-framed generalized extension (RFC 3012 §3) that prefix also includes its Sub-Type and 16-bit
 * Length. Verification always runs over the received bytes, never over a re-encoding.
 */
public final class MipAuthenticator {
    private MipAuthenticator() {
    }

    /** Number of message bytes an authenticator at {@code extOffset} (from the message start) covers. */
    public static int coveredLength(int extOffset, ExtensionFormat format) {
        return extOffset + format.headerLength() + 4;
    }

    /** The authenticator for the extension at {@code extOffset} of {@code message} under {@code sa}. */
    public static byte[] compute(SecurityAssociation sa, byte[] message, int extOffset, ExtensionFormat format) {
        return sa.authenticate(message, 0, coveredLength(extOffset, format));
    }

    /**
     * Checks every authentication extension (MN-HA, MN-FA, FA-HA, generalized) of {@code decoded}, which must be
     * the decoding of {@code message}. Keys are looked up by (SPI, {@code peer}).
     */
    public static List<AuthResult> verify(byte[] message, MipMessage decoded, KeyTable keys, String peer) {
        List<AuthResult> out = new ArrayList<>();
        List<MipExtension> exts = decoded.extensions();
        int[] offs = decoded.extensionOffsets();
        for (int i = 0; i < exts.size(); i++) {
            MipExtension e = exts.get(i);
            long spi;
            byte[] auth;
            if (e instanceof AuthExtension a) {
                spi = a.spi();
                auth = a.authenticator();
            } else if (e instanceof GeneralizedAuthExtension g) {
                spi = g.spi();
                auth = g.authenticator();
            } else {
                continue;
            }
            SecurityAssociation sa = keys.lookup(spi, peer);
            AuthResult.Status st;
            if (sa == null) {
                st = AuthResult.Status.NO_KEY;
            } else {
                byte[] expected = compute(sa, message, offs[i], e.format());
                st = MessageDigest.isEqual(expected, auth) ? AuthResult.Status.VALID : AuthResult.Status.INVALID;
            }
            out.add(new AuthResult(e.type(), spi, offs[i], st));
        }
        return out;
    }

    /** The first result for extension type {@code type}, or null when the message has none. */
    public static AuthResult resultFor(List<AuthResult> results, int type) {
        for (AuthResult r : results) {
            if (r.extensionType() == type) {
                return r;
            }
        }
        return null;
    }
}
