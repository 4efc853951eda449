package org.multitunnel.wire.mip.auth;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The two authenticator algorithms Mobile IPv4 uses, plus a by-name registry for key files:
 * <ul>
 * <li>{@link #HMAC_MD5}: RFC 5944 §3.5.1 default, HMAC (RFC 2104) with MD5, 16-byte authenticator.</li>
 * <li>{@link #KEYED_MD5}: the RFC 2002 "prefix+suffix" keyed MD5, MD5(key ‖ data ‖ key), for old peers.</li>
 * </ul>
 */
public final class AuthAlgorithms {
    private AuthAlgorithms() {
    }

    public static final AuthAlgorithm HMAC_MD5 = new AuthAlgorithm() {
        @Override
        public String name() {
            return "hmac-md5";
        }

        @Override
        public int length() {
            return 16;
        }

        /**
         * One initialised Mac per thread for the key it used last: an agent computes two MACs per request with the
         * same key, and setting a Mac up (provider lookup, key schedule) allocated about 2 KB each time.
         */
        private final ThreadLocal<KeyedMac> last = new ThreadLocal<>();

        @Override
        public byte[] compute(byte[] key, byte[] data, int off, int len) {
            try {
                KeyedMac m = last.get();
                if (m == null || !MessageDigest.isEqual(m.key, key)) {
                    Mac mac = Mac.getInstance("HmacMD5");
                    // SecretKeySpec rejects an empty key; HMAC zero-pads keys, so one zero byte is the same key.
                    mac.init(new SecretKeySpec(key.length == 0 ? new byte[1] : key, "HmacMD5"));
                    m = new KeyedMac(key.clone(), mac);
                    last.set(m);
                }
                m.mac.update(data, off, len);
                return m.mac.doFinal(); // also resets the Mac to its key for the next message
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("HmacMD5 unavailable in this JDK", e);
            }
        }

        @Override
        public String toString() {
            return name();
        }
    };

    public static final AuthAlgorithm KEYED_MD5 = new AuthAlgorithm() {
        @Override
        public String name() {
            return "keyed-md5";
        }

        @Override
        public int length() {
            return 16;
        }

        @Override
        public byte[] compute(byte[] key, byte[] data, int off, int len) {
            try {
                MessageDigest md = MessageDigest.getInstance("MD5");
                md.update(key);
                md.update(data, off, len);
                md.update(key);
                return md.digest();
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("MD5 unavailable in this JDK", e);
            }
        }

        @Override
        public String toString() {
            return name();
        }
    };

    /** A Mac initialised with {@code key} (a copy, compared by value so a reused array cannot go stale). */
    private record KeyedMac(byte[] key, Mac mac) {
    }

    private static final Map<String, AuthAlgorithm> BY_NAME = new ConcurrentHashMap<>(
            Map.of(HMAC_MD5.name(), HMAC_MD5, KEYED_MD5.name(), KEYED_MD5));

    public static void register(AuthAlgorithm a) {
        BY_NAME.put(a.name(), a);
    }

    /** The algorithm named {@code name}, or null. */
    public static AuthAlgorithm byName(String name) {
        return BY_NAME.get(name);
    }
}
