package org.multitunnel.capture.internal;

/**
 * Converts pcapng timestamp units to nanoseconds since the epoch for any if_tsresol (10^-n or 2^-n seconds) without
 * overflow surprises: results that do not fit in a signed long saturate to {@link Long#MAX_VALUE}.
 */
public final class Timestamps {
    public static final long NANOS_PER_SECOND = 1_000_000_000L;
    private static final long[] POW10 = new long[19];

    static {
        POW10[0] = 1;
        for (int i = 1; i < POW10.length; i++) {
            POW10[i] = POW10[i - 1] * 10;
        }
    }

    private Timestamps() {
    }

    /**
     * @param units        the 64-bit unsigned timestamp of a pcapng packet block
     * @param tsResolution the if_tsresol byte: bit 7 clear = 10^-n s, set = 2^-n s (n = low 7 bits)
     * @param offsetSeconds if_tsoffset
     */
    public static long toNanos(long units, int tsResolution, long offsetSeconds) {
        int n = tsResolution & 0x7F;
        long ns;
        if ((tsResolution & 0x80) == 0) {
            if (n <= 9) {
                long f = POW10[9 - n];
                if (Math.unsignedMultiplyHigh(units, f) != 0) {
                    return Long.MAX_VALUE;
                }
                ns = units * f;
            } else if (n - 9 <= 18) {
                ns = Long.divideUnsigned(units, POW10[n - 9]);
            } else if (n - 9 == 19) {
                ns = Long.divideUnsigned(units, POW10[18] * 10); // 10^19 as an unsigned long
            } else {
                ns = 0;
            }
        } else {
            long hi = Math.unsignedMultiplyHigh(units, NANOS_PER_SECOND);
            long lo = units * NANOS_PER_SECOND;
            if (n == 0) {
                if (hi != 0) {
                    return Long.MAX_VALUE;
                }
                ns = lo;
            } else if (n < 64) {
                if ((hi >>> n) != 0) {
                    return Long.MAX_VALUE;
                }
                ns = (hi << (64 - n)) | (lo >>> n);
            } else {
                ns = hi >>> (n - 64);
            }
        }
        if (ns < 0) {
            return Long.MAX_VALUE;
        }
        if (offsetSeconds != 0) {
            long off;
            try {
                off = Math.multiplyExact(offsetSeconds, NANOS_PER_SECOND);
                return Math.addExact(ns, off);
            } catch (ArithmeticException e) {
                return offsetSeconds > 0 ? Long.MAX_VALUE : Long.MIN_VALUE;
            }
        }
        return ns;
    }
}
