package org.multitunnel.cli;

import java.math.BigDecimal;

/**
 * A duration in seconds typed on the command line ({@code --interval 0.5}), read exactly (decimal, not binary
 * floating point) into nanoseconds. The error states the range that is really accepted, so "0" is not told it is
 * out of a range that starts at 0.
 */
final class Seconds {
    /** The smallest duration: one nanosecond. */
    static final String MIN_TEXT = "0.000000001";

    private Seconds() {
    }

    /**
     * {@code text} in nanoseconds; accepted: {@value #MIN_TEXT} up to {@code maxSeconds} (0: no upper bound but the
     * 64-bit nanosecond count), at most 9 decimals.
     */
    static long nanos(String text, String option, long maxSeconds) throws UsageException {
        try {
            BigDecimal s = new BigDecimal(text.strip());
            long ns = s.movePointRight(9).longValueExact();
            if (ns > 0 && (maxSeconds <= 0 || s.compareTo(BigDecimal.valueOf(maxSeconds)) <= 0)) {
                return ns;
            }
        } catch (ArithmeticException | NumberFormatException e) {
            // below
        }
        throw new UsageException(option + " wants seconds from " + MIN_TEXT
                + (maxSeconds > 0 ? " to " + maxSeconds : "") + " (at most 9 decimals), not '" + text + "'");
    }
}
