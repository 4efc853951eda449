package org.multitunnel.model.export;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.multitunnel.model.CaptureSession;
import org.multitunnel.model.MobileNode;
import org.multitunnel.model.Registration;

/**
 * Why: the contract's {@code transactions} object is a summary of the registrations kept per mobile node; computing
 * it from the model (rather than counting in the analysis) keeps JSON, CSV and GUI agreeing by construction.
 *
 * @param requests transactions with a request (retransmissions are not counted again)
 * @param replies transactions with a request and its reply (orphan replies are findings, not replies)
 * @param unanswered transactions whose request got no reply
 * @param retransmissions request retransmissions over all transactions
 * @param medianResponseNanos median of reply time minus first request time over the answered transactions, or
 *        null when none was answered
 */
public record TransactionStats(long requests, long replies, long unanswered, long retransmissions,
        BigDecimal medianResponseNanos) {

    public static TransactionStats of(CaptureSession session) {
        long requests = 0;
        long replies = 0;
        long unanswered = 0;
        long retransmissions = 0;
        List<Long> responseTimes = new ArrayList<>();
        for (MobileNode mn : session.getMobileNodes()) {
            for (Registration r : mn.getRegistrations()) {
                if (!r.isSetRequestFrame()) {
                    continue;
                }
                requests++;
                retransmissions += r.getRetransmissions();
                if (r.isSetReplyFrame()) {
                    replies++;
                    if (r.isSetRequestTime() && r.isSetReplyTime()) {
                        responseTimes.add(r.getReplyTime() - r.getRequestTime());
                    }
                } else {
                    unanswered++;
                }
            }
        }
        return new TransactionStats(requests, replies, unanswered, retransmissions, median(responseTimes));
    }

    private static BigDecimal median(List<Long> values) {
        if (values.isEmpty()) {
            return null;
        }
        Collections.sort(values);
        int mid = values.size() / 2;
        if (values.size() % 2 == 1) {
            return BigDecimal.valueOf(values.get(mid));
        }
        return BigDecimal.valueOf(values.get(mid - 1)).add(BigDecimal.valueOf(values.get(mid)))
                .divide(BigDecimal.valueOf(2));
    }
}
