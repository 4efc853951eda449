package org.multitunnel.wire.mip.auth;

/**
 * A Mobile IPv4 authenticator algorithm (RFC 5944 §3.5.1 and §5.1): computes the authenticator of {@code len}
 * bytes at {@code off} of {@code data} under {@code key}. Implementations must never log or retain the key.
 */
public interface AuthAlgorithm {
    /** Stable name used in key files and preferences, e.g. "hmac-md5". */
    String name();

    /** Authenticator length in bytes. */
    int length();

    byte[] compute(byte[] key, byte[] data, int off, int len);
}
