package org.multitunnel.ui.parts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** What {@link LiveCaptureCheck} must have seen; asserted after the workbench has closed. */
final class LiveCaptureAssertions {
    private static final Pattern LEFT = Pattern.compile("120 s, (\\d+) s left");

    private LiveCaptureAssertions() {
    }

    static void check(Map<String, Object> seen) {
        StringBuilder measured = new StringBuilder("live capture on lo:");
        for (Map.Entry<String, Object> e : seen.entrySet()) {
            if (e.getKey().startsWith("live")) {
                measured.append("\n  ").append(e.getKey()).append(" = ").append(e.getValue());
            }
        }
        System.out.println(measured);
        // Capture menu enablement follows the capture: Start until it runs, Stop while it runs.
        assertEquals(List.of(true, false), List.of(seen.get("liveStartEnabledBefore"), seen.get("liveStopEnabledBefore")));
        assertEquals(List.of(false, true), List.of(seen.get("liveStartEnabledWhileCapturing"),
                seen.get("liveStopEnabledWhileCapturing")));
        assertEquals(List.of(true, false), List.of(seen.get("liveStartEnabledAfter"), seen.get("liveStopEnabledAfter")));
        // Dialog: lo is listed, the default filter compiles, a broken one is explained inline and blocks Start.
        assertEquals(Boolean.TRUE, seen.get("liveLoListed"));
        assertTrue(String.valueOf(seen.get("liveProposedOutput")).matches("live-lo-\\d{8}-\\d{6}\\.pcapng"),
                "the proposed file follows the interface: " + seen.get("liveProposedOutput"));
        assertEquals("", seen.get("liveDefaultFilterProblem"));
        assertTrue(String.valueOf(seen.get("liveBadFilterProblem")).contains("syntax error"),
                String.valueOf(seen.get("liveBadFilterProblem")));
        assertEquals(Boolean.FALSE, seen.get("liveStartEnabledWithBadFilter"));
        assertEquals("", seen.get("liveGoodFilterProblem"));
        // The capture starts empty and the status says it is live.
        assertEquals(0, seen.get("liveRowsAtStart"));
        assertTrue(String.valueOf(seen.get("liveStatusWhileCapturing")).startsWith("● Live on lo — "),
                String.valueOf(seen.get("liveStatusWhileCapturing")));
        // Both registrations were accepted by the reference home agent.
        assertEquals(List.of("BID 1 code 0", "BID 2 code 0"), seen.get("liveRegistrations"));
        // A filter applied at the start of the capture shows the BID 2 request that arrived after it, alone.
        assertEquals(Boolean.TRUE, seen.get("liveFilterStarted"));
        assertEquals(1, seen.get("liveFilteredRows"));
        assertTrue(String.valueOf(seen.get("liveFilteredInfo")).startsWith("RRQ HoA=" + LiveCaptureCheck.HOME_ADDRESS)
                && String.valueOf(seen.get("liveFilteredInfo")).contains(" BID=2 "),
                String.valueOf(seen.get("liveFilteredInfo")));
        // Packets grew and Bindings shows the node and its two active bindings while capturing, within 2 s.
        int during = (Integer) seen.get("liveRowsWhileCapturing");
        assertTrue(during >= 4, "request and reply of two registrations: " + during);
        long updated = (Long) seen.get("liveViewsUpdatedMillis");
        assertTrue(updated < 2_000, "views updated " + updated + " ms after the registrations");
        assertTrue(String.valueOf(seen.get("liveNode")).startsWith(LiveCaptureCheck.HOME_ADDRESS),
                String.valueOf(seen.get("liveNode")));
        assertEquals(List.of("BID 1", LiveCaptureCheck.CARE_OF[0], "active"), seen.get("liveBinding1"));
        // The lifetime counts down with the clock: 1.6 s later it shows at least one second less.
        int left1 = left(seen.get("liveLifetime1"));
        int left2 = left(seen.get("liveLifetime2"));
        assertTrue(left1 <= 120 && left1 >= 110, "just registered with 120 s: " + seen.get("liveLifetime1"));
        assertTrue(left2 < left1 && left2 >= left1 - 3, seen.get("liveLifetime1") + " then " + seen.get("liveLifetime2"));
        // Stop returns at once and ends promptly; the views keep the capture, now complete.
        long stopReturned = (Long) seen.get("liveStopReturnedMillis");
        assertTrue(stopReturned < 100, "Stop must not block the UI thread: " + stopReturned + " ms");
        long stopped = (Long) seen.get("liveStoppedMillis");
        assertTrue(stopped < 3_000, "stopped after " + stopped + " ms");
        assertEquals(Boolean.TRUE, seen.get("liveStillCurrent"));
        int after = (Integer) seen.get("liveRowsAfterStop");
        assertTrue(after >= (Integer) seen.get("liveRowsBeforeStop"), "rows never shrink");
        // Every captured packet is in the file, in the index and in the table, and the file re-opens the same.
        long captured = (Long) seen.get("liveCaptured");
        assertEquals(captured, (long) (Long) seen.get("liveWritten"));
        assertEquals((int) captured, (Integer) seen.get("liveIndexed"));
        assertEquals((int) captured, after);
        assertEquals((int) captured, (Integer) seen.get("liveReopened"));
        assertEquals(0, seen.get("liveWarnings"));
        assertEquals(0, seen.get("liveReopenedWarnings"));
        assertTrue(String.valueOf(seen.get("liveStatusAfterStop")).startsWith("■ Captured on lo — " + after + " packets"),
                String.valueOf(seen.get("liveStatusAfterStop")));
    }

    private static int left(Object lifetimeText) {
        Matcher m = LEFT.matcher(String.valueOf(lifetimeText));
        assertTrue(m.matches(), "lifetime column during a live capture: " + lifetimeText);
        return Integer.parseInt(m.group(1));
    }
}
