package org.multitunnel.agent.replay;

import java.util.List;

import org.multitunnel.agent.client.ClientResult;
import org.multitunnel.agent.client.Verdict;
import org.multitunnel.wire.mip.ext.MultipathExtension;

/**
 * One replayed request: the captured original, the client's result for the rewritten, re-signed copy, and notes
 * (e.g. "no key for SPI 4097: authenticator not refreshed"). It matches when the capture held a reply and the
 * replay's reply has the same code with a valid authenticator; unanswered captured requests match nothing.
 */
public record ReplayEntry(CapturedRegistration captured, ClientResult result, List<String> notes) {
    public ReplayEntry {
        notes = List.copyOf(notes);
    }

    public int expectedCode() {
        return captured.capturedCode();
    }

    public int actualCode() {
        return result.code();
    }

    /** The BID of the request's Multipath Extension, or -1. */
    public int bid() {
        List<MultipathExtension> mp = result.request().extensions(MultipathExtension.class);
        return mp.isEmpty() ? -1 : mp.get(0).bid();
    }

    /** Whether this entry counts in the comparison (the capture has the reply to it). */
    public boolean compared() {
        return captured.answered();
    }

    public boolean matches() {
        return compared() && result.reply() != null && result.verdict() != Verdict.AUTH_FAILED
                && actualCode() == expectedCode();
    }
}
