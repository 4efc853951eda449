package org.multitunnel.agent.net;

import java.time.Instant;

/**
 * The timestamp form of the 64-bit Identification field (RFC 5944 §5.7 and §5.7.1): NTP format, seconds since
 * 1900-01-01 in the high 32 bits and the fraction of a second in the low 32 bits. Shared by the home agent (replay
 * check, resynchronising reply), the mobile node and the registration client so all three agree on the encoding.
 */
public final class NtpIdentification {
    /** Seconds from 1900-01-01 (NTP era 0) to 1970-01-01 (Unix epoch). */
    public static final long NTP_UNIX_OFFSET = 2_208_988_800L;

    private NtpIdentification() {
    }

    /** The Identification for {@code t}: NTP seconds and fraction. */
    public static long of(Instant t) {
        long seconds = (t.getEpochSecond() + NTP_UNIX_OFFSET) & 0xffffffffL;
        long fraction = ((long) t.getNano() << 32) / 1_000_000_000L;
        return (seconds << 32) | (fraction & 0xffffffffL);
    }

    /** The instant the high 32 bits (NTP seconds) and low 32 bits (fraction) of {@code id} denote. */
    public static Instant toInstant(long id) {
        long seconds = (id >>> 32) - NTP_UNIX_OFFSET;
        long nanos = ((id & 0xffffffffL) * 1_000_000_000L) >>> 32;
        return Instant.ofEpochSecond(seconds, nanos);
    }

    /** High 32 bits: NTP seconds. */
    public static long seconds(long id) {
        return id >>> 32;
    }

    /** Low 32 bits (the part the home agent copies back when it rejects with 133, RFC 5944 §5.7.1). */
    public static long low32(long id) {
        return id & 0xffffffffL;
    }

    /**
     * RFC 5944 §5.7.1: the Identification of a 133 reply — the home agent's own time in the high 32 bits, the
     * request's low-order 32 bits copied.
     */
    public static long resynchronising(Instant haTime, long requestId) {
        return (of(haTime) & 0xffffffff00000000L) | low32(requestId);
    }
}
