package org.multitunnel.agent.client;

import org.multitunnel.agent.net.NtpIdentification;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Where the 64-bit Identification of each request comes from (RFC 5944 §5.7). The default is the timestamp method
 * of §5.7.1: NTP format, seconds since 1900 in the high 32 bits; the fraction bits a clock cannot supply are "SHOULD
 * be generated from a good source of randomness". Values strictly increase, because a home agent using timestamps
 * rejects a request not newer than the last one it accepted. {@link #fixed} is for nonce-style or negative tests.
 */
public interface IdentificationSource {

    long next();

    /** True when every call yields a new value (timestamps), so a retransmission counts as a new request. */
    boolean fresh();

    /** RFC 5944 §5.7.1 timestamps from {@code clock}, strictly increasing, low 12 bits random. */
    static IdentificationSource timestamps(Clock clock) {
        SecureRandom random = new SecureRandom();
        AtomicLong last = new AtomicLong();
        return new IdentificationSource() {
            @Override
            public long next() {
                // Millisecond clocks fill about 10 fraction bits; randomize the 12 lowest (RFC 5944 §5.7.1).
                long candidate = (NtpIdentification.of(clock.instant()) & ~0xfffL) | random.nextInt(0x1000);
                return last.updateAndGet(prev -> Long.compareUnsigned(candidate, prev) > 0 ? candidate : prev + 1);
            }

            @Override
            public boolean fresh() {
                return true;
            }
        };
    }

    /** The JVM-wide timestamp source: values stay increasing across every client in this process. */
    static IdentificationSource timestamps() {
        return SharedTimestamps.INSTANCE;
    }

    /** The same value every time (retransmissions are then identical, as with nonces, §3.6.3). */
    static IdentificationSource fixed(long value) {
        return new IdentificationSource() {
            @Override
            public long next() {
                return value;
            }

            @Override
            public boolean fresh() {
                return false;
            }
        };
    }
}
