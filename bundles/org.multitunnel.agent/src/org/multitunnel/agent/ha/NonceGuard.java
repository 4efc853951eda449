package org.multitunnel.agent.ha;

import java.security.SecureRandom;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;

/**
 * Replay protection with nonces (RFC 5944 §5.7.2) for the mobile nodes configured to use it: the home agent puts a
 * new random nonce in the high-order 32 bits of the Identification of every reply to an authenticated request
 * (the low-order 32 bits are the mobile node's, copied back), and a request is fresh only when its high-order 32
 * bits are a nonce this agent issued to that node and that has not been used yet. A node the agent has never
 * answered has no valid nonce: its first request is refused with 133 and the reply carries the nonce to use — the
 * protocol is self-synchronising. RFC 5944 speaks of the last nonce; a multipath node keeps one registration per
 * care-of address in flight, so the agent keeps up to {@code outstanding} unused nonces per node (one per binding
 * it allows), each good once, the oldest forgotten first.
 */
final class NonceGuard {
    private final SecureRandom random = new SecureRandom();
    private final int outstanding;
    private final Map<String, Deque<Integer>> issued = new HashMap<>();

    NonceGuard(int outstanding) {
        this.outstanding = Math.max(1, outstanding);
    }

    /** True (and the nonce used up) when the high-order 32 bits of {@code id} are an unused nonce of this node. */
    synchronized boolean consume(String homeAddress, long id) {
        Deque<Integer> q = issued.get(homeAddress);
        return q != null && q.remove(Integer.valueOf((int) (id >>> 32)));
    }

    /** A new nonce for this node, remembered as unused: the high-order half of the reply's Identification. */
    synchronized int issue(String homeAddress) {
        Deque<Integer> q = issued.computeIfAbsent(homeAddress, k -> new ArrayDeque<>());
        int n;
        do {
            n = random.nextInt();
        } while (q.contains(n));
        q.addLast(n);
        while (q.size() > outstanding) {
            q.removeFirst();
        }
        return n;
    }

    /** The reply Identification: the new nonce high, the request's own low-order 32 bits (RFC 5944 §5.7.2). */
    static long replyIdentification(int nonce, long requestId) {
        return ((nonce & 0xffffffffL) << 32) | (requestId & 0xffffffffL);
    }
}
