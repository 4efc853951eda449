package org.multitunnel.model.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.math.BigDecimal;

import org.junit.jupiter.api.Test;
import org.multitunnel.model.CaptureSession;
import org.multitunnel.model.MobileNode;
import org.multitunnel.model.ModelUpdater;
import org.multitunnel.model.MultitunnelFactory;
import org.multitunnel.model.Registration;

/** Transaction counts ignore orphan replies, and the median response time is exact. */
class TransactionStatsTest {
    private final CaptureSession session = MultitunnelFactory.eINSTANCE.createCaptureSession();
    private final ModelUpdater updater = new ModelUpdater(session);
    private final MobileNode mn = updater.mobileNode("10.1.0.5");

    @Test
    void oddNumberOfResponsesGivesTheMiddleOne() {
        answered(1_000_000);
        answered(7_000_000);
        answered(2_500_000);
        TransactionStats stats = TransactionStats.of(session);
        assertEquals(new BigDecimal(2_500_000), stats.medianResponseNanos());
        assertEquals(3, stats.requests());
        assertEquals(3, stats.replies());
    }

    @Test
    void evenNumberOfResponsesAveragesTheMiddleTwoExactly() {
        answered(1_000_001);
        answered(1_000_002);
        assertEquals(new BigDecimal("1000001.5"), TransactionStats.of(session).medianResponseNanos());
    }

    @Test
    void orphanRepliesAndUnansweredRequestsAreCountedApart() {
        Registration orphan = MultitunnelFactory.eINSTANCE.createRegistration();
        updater.addRegistration(mn, orphan);
        updater.answered(orphan, 9, 100, 0, 300);
        Registration unanswered = MultitunnelFactory.eINSTANCE.createRegistration();
        unanswered.setRequestFrame(10);
        unanswered.setRequestTime(200);
        updater.addRegistration(mn, unanswered);
        updater.retransmitted(unanswered);
        updater.retransmitted(unanswered);

        TransactionStats stats = TransactionStats.of(session);
        assertEquals(new TransactionStats(1, 0, 1, 2, null), stats);
        assertNull(stats.medianResponseNanos());
    }

    private void answered(long responseNanos) {
        Registration r = MultitunnelFactory.eINSTANCE.createRegistration();
        r.setRequestFrame(1);
        r.setRequestTime(1_000);
        updater.addRegistration(mn, r);
        updater.answered(r, 2, 1_000 + responseNanos, 0, 300);
    }
}
