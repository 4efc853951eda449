package org.multitunnel.ui.testbed.send;

import java.time.Instant;

import org.multitunnel.agent.client.ClientResult;
import org.multitunnel.agent.client.Verdict;
import org.multitunnel.wire.mip.ReplyCodes;

/**
 * One row of the Send history: when it was sent, the composer's summary, where to, and the client's result with
 * every datagram, so the row can be shown again (request and reply side by side) and exported as pcapng.
 */
public record SentExchange(int number, Instant time, String summary, SendSettings settings, ClientResult result) {

    public Verdict verdict() {
        return result.verdict();
    }

    /** "0 accepted", "131 MN_FAILED_AUTH" …, or "" without a reply. */
    public String codeText() {
        int code = result.code();
        if (code < 0) {
            return "";
        }
        String name = ReplyCodes.standard().name(code);
        return name == null ? Integer.toString(code) : code + " " + name;
    }

    /** The verdict sentence shown above the decoded packets. */
    public String verdictText() {
        return switch (result.verdict()) {
            case ACCEPTED -> "Accepted: " + codeText() + ", lifetime " + result.grantedLifetime() + " s" + rtt();
            case REJECTED -> "Rejected: " + codeText() + rtt();
            case NO_REPLY -> "No reply from " + settings.target().getAddress().getHostAddress() + ":"
                    + settings.target().getPort() + " after " + result.transmissions() + " transmission(s)";
            case AUTH_FAILED -> "Reply failed authentication (code " + codeText()
                    + "): its MN-HA authenticator does not verify with the key table, so it was discarded";
        };
    }

    private String rtt() {
        return result.roundTrip() == null ? ""
                : String.format(java.util.Locale.ROOT, ", round trip %.1f ms, %d transmission(s)",
                        result.roundTrip().toNanos() / 1e6, result.transmissions());
    }
}
