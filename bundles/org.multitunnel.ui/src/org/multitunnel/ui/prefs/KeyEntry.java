package org.multitunnel.ui.prefs;

import java.util.HexFormat;
import java.util.Locale;

import org.multitunnel.wire.mip.auth.AuthAlgorithm;
import org.multitunnel.wire.mip.auth.AuthAlgorithms;
import org.multitunnel.wire.mip.auth.SecurityAssociation;

/**
 * One row of the key table: a mobility security association as the user enters it. {@link #toString()} never
 * shows the key.
 *
 * @param spi       security parameter index (0..2^32-1)
 * @param peer      peer address in dotted form, or null for any peer
 * @param algorithm "hmac-md5" or "keyed-md5"
 * @param keyHex    the key as hex digits
 */
public record KeyEntry(long spi, String peer, String algorithm, String keyHex) {
    public static final String ANY_PEER = "any";

    public KeyEntry {
        if (spi < 0 || spi > 0xffffffffL) {
            throw new IllegalArgumentException("SPI must be 0-4294967295");
        }
        peer = peer == null || peer.isBlank() || ANY_PEER.equalsIgnoreCase(peer.trim()) || "*".equals(peer.trim())
                ? null
                : peer.trim();
        if (AuthAlgorithms.byName(algorithm) == null) {
            throw new IllegalArgumentException("unknown algorithm '" + algorithm + "' (hmac-md5 or keyed-md5)");
        }
        keyHex = keyHex == null ? "" : keyHex.replaceAll("[\\s:]", "").toLowerCase(Locale.ROOT);
        if (keyHex.isEmpty() || keyHex.length() % 2 != 0 || !keyHex.matches("[0-9a-f]+")) {
            throw new IllegalArgumentException("the key must be an even number of hex digits");
        }
    }

    public AuthAlgorithm auth() {
        return AuthAlgorithms.byName(algorithm);
    }

    public SecurityAssociation toAssociation() {
        return new SecurityAssociation(spi, peer, auth(), HexFormat.of().parseHex(keyHex));
    }

    public String peerLabel() {
        return peer == null ? ANY_PEER : peer;
    }

    @Override
    public String toString() {
        return "KeyEntry(spi=" + spi + ", peer=" + peerLabel() + ", " + algorithm + ", key=<hidden>)";
    }
}
