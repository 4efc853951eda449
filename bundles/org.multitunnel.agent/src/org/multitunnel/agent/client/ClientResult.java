package org.multitunnel.agent.client;

import java.time.Duration;
import java.util.List;

import org.multitunnel.wire.mip.RegistrationReply;
import org.multitunnel.wire.mip.RegistrationRequest;
import org.multitunnel.wire.mip.auth.AuthResult;

/**
 * The outcome of one registration exchange: the verdict, the last request sent, the matched reply (null when none
 * arrived) with its exact bytes, the round-trip time from the matching transmission, how many transmissions were
 * needed, the MN-HA check of the reply (null when not verified) and every datagram exchanged, strays included.
 */
public record ClientResult(Verdict verdict, RegistrationRequest request, RegistrationReply reply, byte[] replyBytes,
        Duration roundTrip, int transmissions, AuthResult replyAuth, List<ExchangedPacket> packets) {

    public ClientResult {
        packets = List.copyOf(packets);
    }

    /** The reply code, or -1 without a reply. */
    public int code() {
        return reply == null ? -1 : reply.code();
    }

    /** The reply's lifetime, or -1 without a reply. */
    public int grantedLifetime() {
        return reply == null ? -1 : reply.lifetime();
    }

    /** The datagram that carried the matched reply, or null. */
    public ExchangedPacket replyPacket() {
        for (int i = packets.size() - 1; i >= 0; i--) {
            ExchangedPacket p = packets.get(i);
            if (!p.sent() && replyBytes != null && java.util.Arrays.equals(p.payload(), replyBytes)) {
                return p;
            }
        }
        return null;
    }
}
