package org.multitunnel.capture.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;
import org.multitunnel.capture.DecompressionLimitException;
import org.multitunnel.capture.SpillLimits;

/**
 * The spill's free-space bound with a simulated file system (filling a real disk in a test is not an option): the
 * spill may use what is free beyond the margin, and the free space is asked for again as it goes, so another
 * program filling the disk meanwhile lowers the bound.
 */
class SpillBudgetTest {
    private static final long MIB = 1 << 20;

    @Test
    void freeSpaceBoundKeepsTheMarginAndFollowsOtherWriters() throws Exception {
        AtomicLong free = new AtomicLong(200 * MIB); // the file system's free space; the spill's writes use it up
        Spill.Budget b = new Spill.Budget("x.gz", "decompression", Path.of("/spill"), 0, free::get, 10 * MIB);
        long written = 0;
        for (int i = 0; i < 64; i++) { // the first 64 MiB: allowed (190 MiB may be spilled as of the first check)
            b.allow(written, MIB);
            written += MIB;
            free.addAndGet(-MIB);
        }
        free.addAndGet(-100 * MIB); // another program takes 100 MiB: 36 MiB free, 26 MiB beyond the margin
        for (int i = 0; i < 26; i++) { // asked again at 64 MiB: 26 more MiB allowed
            b.allow(written, MIB);
            written += MIB;
            free.addAndGet(-MIB);
        }
        assertEquals(90 * MIB, written);
        assertEquals(10 * MIB, free.get());
        long at = written;
        DecompressionLimitException e = assertThrows(DecompressionLimitException.class, () -> b.allow(at, MIB));
        assertEquals(DecompressionLimitException.Limit.FREE_SPACE, e.limit());
        assertEquals("x.gz: decompression stopped at 90.0 MiB: 10.0 MiB must stay free in /spill and only 10.0 MiB"
                + " is", e.getMessage());
    }

    @Test
    void fixedCapIsExact() throws Exception {
        Spill.Budget b = new Spill.Budget("-", "copying", Path.of("/tmp"), 5 * MIB, null, 0);
        b.allow(0, 5 * MIB);
        DecompressionLimitException e = assertThrows(DecompressionLimitException.class, () -> b.allow(5 * MIB, 1));
        assertEquals(DecompressionLimitException.Limit.SPILL_SIZE, e.limit());
        assertEquals("-: copying stopped at 5.0 MiB, the size limit for the spilled capture", e.getMessage());
    }

    @Test
    void marginIsATenthOfTheFileSystemUpToOneGibibyte() {
        assertEquals(200 * MIB, SpillLimits.freeSpaceMargin(2000 * MIB));
        assertEquals(1024 * MIB, SpillLimits.freeSpaceMargin(500L * 1024 * MIB));
    }
}
