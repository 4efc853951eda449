package org.multitunnel.wire.mip.auth;

import java.util.Objects;

/**
 * A mobility security association (RFC 5944 §1.6): SPI, the peer it is shared with, algorithm and key. The key
 * never leaves this object — callers get authenticators, not key bytes — and {@link #toString()} omits it, so a
 * log line or a debugger view cannot leak it.
 */
public final class SecurityAssociation {
    private final long spi;
    private final String peer;
    private final AuthAlgorithm algorithm;
    private final byte[] key;

    /** {@code peer} is the other end's address in dotted form, or null for "any peer". */
    public SecurityAssociation(long spi, String peer, AuthAlgorithm algorithm, byte[] key) {
        this.spi = spi & 0xffffffffL;
        this.peer = peer;
        this.algorithm = Objects.requireNonNull(algorithm);
        this.key = key.clone();
    }

    /** HMAC-MD5 association valid for any peer. */
    public static SecurityAssociation hmacMd5(long spi, byte[] key) {
        return new SecurityAssociation(spi, null, AuthAlgorithms.HMAC_MD5, key);
    }

    public long spi() {
        return spi;
    }

    public String peer() {
        return peer;
    }

    public AuthAlgorithm algorithm() {
        return algorithm;
    }

    public int keyLength() {
        return key.length;
    }

    /** The authenticator of {@code len} bytes at {@code off} under this association's key. */
    public byte[] authenticate(byte[] data, int off, int len) {
        return algorithm.compute(key, data, off, len);
    }

    @Override
    public String toString() {
        return "SecurityAssociation(spi=" + spi + ", peer=" + (peer == null ? "*" : peer) + ", " + algorithm.name()
                + ", key=<" + key.length + " bytes hidden>)";
    }
}
