package org.multitunnel.model.internal;

import java.math.BigDecimal;

/**
 * Why: the model keeps times as exact long nanoseconds since the epoch, while the headless contract prints decimal
 * seconds; formatting through {@link BigDecimal} in one place keeps every writer exact (no binary-double noise such
 * as 1700000001.2000000477) and consistent.
 */
public final class Times {
    public static final long NANOS_PER_SECOND = 1_000_000_000L;

    private Times() {
    }

    /** A timestamp as JSON seconds, always with a fraction: 1700000000.0, 1700000001.2, 1700000001.000000123. */
    public static String seconds(long nanos) {
        String text = plain(nanos);
        return text.indexOf('.') < 0 ? text + ".0" : text;
    }

    /** A series bucket start: an integer when it falls on a whole second (1700000001), else decimal seconds. */
    public static String bucketSeconds(long nanos) {
        return plain(nanos);
    }

    /**
     * {@code BigDecimal.valueOf(nanos, 9).stripTrailingZeros().toPlainString()}, computed without BigDecimal for
     * the usual non-negative times (a capture's series has hundreds of thousands of them).
     */
    static String plain(long nanos) {
        if (nanos < 0) {
            return BigDecimal.valueOf(nanos, 9).stripTrailingZeros().toPlainString();
        }
        long s = nanos / NANOS_PER_SECOND;
        long f = nanos % NANOS_PER_SECOND;
        if (f == 0) {
            return Long.toString(s);
        }
        int digits = 9;
        while (f % 10 == 0) {
            f /= 10;
            digits--;
        }
        char[] frac = new char[digits];
        for (int i = digits - 1; i >= 0; i--) {
            frac[i] = (char) ('0' + f % 10);
            f /= 10;
        }
        return new StringBuilder(20 + digits).append(s).append('.').append(frac).toString();
    }

    /** A duration in ns as milliseconds without trailing zeros (3200000 ns is 3.2). */
    public static String millis(BigDecimal nanos) {
        BigDecimal ms = nanos.movePointLeft(6).stripTrailingZeros();
        return ms.signum() == 0 ? "0" : ms.toPlainString();
    }
}
