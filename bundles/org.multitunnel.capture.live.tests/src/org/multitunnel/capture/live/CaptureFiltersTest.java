package org.multitunnel.capture.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;

import org.junit.jupiter.api.Test;

/** Filter checking with libpcap's compiler, no interface opened (works without capture privileges). */
class CaptureFiltersTest {
    @Test
    void defaultAndEmptyFiltersCompile() throws Exception {
        assertEquals(Optional.empty(), CaptureFilters.problem(LiveCaptureOptions.DEFAULT_FILTER, 65535));
        assertEquals(Optional.empty(), CaptureFilters.problem("  ", 65535));
        assertEquals(Optional.empty(), CaptureFilters.problem("udp port 434 and host 127.0.0.77", 65535));
    }

    @Test
    void aBrokenFilterGetsLibpcapsWords() throws Exception {
        Optional<String> p = CaptureFilters.problem("udp port", 65535);
        assertTrue(p.isPresent());
        assertTrue(p.get().contains("syntax error"), p.get());
        Optional<String> q = CaptureFilters.problem("udp port 99999", 65535);
        assertTrue(q.isPresent() && q.get().contains("port"), String.valueOf(q));
    }
}
