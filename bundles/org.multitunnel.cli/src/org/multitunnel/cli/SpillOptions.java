package org.multitunnel.cli;

import java.util.Locale;

import org.multitunnel.capture.OpenOptions;
import org.multitunnel.capture.SpillLimits;

/**
 * {@code --max-gzip-ratio N} and {@code --max-spill SIZE} of the commands that read captures: the bounds on
 * decompressing a gzip capture into its temporary spill file (see {@link SpillLimits}), so a gzip bomb stops within
 * seconds instead of filling the disk. Defaults: ratio 100:1, spill up to the free space of the temporary folder
 * minus a margin.
 */
final class SpillOptions {
    static final String RATIO = "--max-gzip-ratio";
    static final String SPILL = "--max-spill";
    static final String USAGE = """
              --max-gzip-ratio N  stop decompressing a gzip capture that expands more than N:1 (default 100;
                                  0 = no limit; real captures compress a few times)
              --max-spill SIZE    stop when the decompressed capture reaches SIZE (bytes, or with K, M, G, T;
                                  default: the temporary folder's free space minus a margin)
            """;

    private SpillLimits limits = SpillLimits.defaults();

    /** True if {@code option} was one of ours (its value consumed). */
    boolean accept(String option, String value) throws UsageException {
        if (option.equals(RATIO)) {
            try {
                int r = Integer.parseInt(value);
                if (r < 0) {
                    throw new NumberFormatException();
                }
                limits = limits.withMaxRatio(r);
            } catch (NumberFormatException e) {
                throw new UsageException(RATIO + " wants a whole number, 0 for no limit: " + value);
            }
            return true;
        }
        if (option.equals(SPILL)) {
            limits = limits.withMaxBytes(size(value));
            return true;
        }
        return false;
    }

    OpenOptions openOptions() {
        return OpenOptions.defaults().withSpill(limits);
    }

    static long size(String v) throws UsageException {
        String s = v.trim().toUpperCase(Locale.ROOT);
        int shift = 0;
        if (!s.isEmpty()) {
            switch (s.charAt(s.length() - 1)) {
                case 'K' -> shift = 10;
                case 'M' -> shift = 20;
                case 'G' -> shift = 30;
                case 'T' -> shift = 40;
                default -> shift = -1;
            }
        }
        String digits = shift >= 0 ? s.substring(0, s.length() - 1) : s;
        try {
            long n = Long.parseLong(digits);
            if (n < 1 || n > (Long.MAX_VALUE >> Math.max(0, shift))) {
                throw new NumberFormatException();
            }
            return n << Math.max(0, shift);
        } catch (NumberFormatException e) {
            throw new UsageException(SPILL + " wants a size such as 500M or 20G: " + v);
        }
    }
}
