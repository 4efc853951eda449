package org.multitunnel.agent.ha;

import java.time.Instant;
import java.util.List;

import org.multitunnel.agent.net.Ipv4;

/**
 * One live binding as the table stores it: numbers only (addresses as ints, times as epoch nanoseconds, the
 * binding identity packed into a long), about 72 bytes, so that 100,000 bindings fit in a few megabytes. It is
 * also its own expiry timer. {@link HaBinding} is the immutable, readable form handed out in snapshots and events.
 */
final class HaSlot extends TimerQueue.Timed {
    /** Binding identity kinds: plain RFC 5944 (keyed by care-of address) and the three multi-binding formats. */
    static final int COA = 0, MP = 1, MTR = 2, MIR = 3;

    final HaNode node;
    /** {@code kind << 32 | id}: id is the care-of address (COA), BID (MP), Binding-Id (MTR) or If-Id (MIR). */
    final long key;
    int careOf;
    int ifAtt;
    int ifLabel;
    int linkWeight;
    int lifetime;
    long registeredAt;
    long refreshedAt;

    HaSlot(HaNode node, long key) {
        this.node = node;
        this.key = key;
    }

    static long key(int kind, int id) {
        return ((long) kind << 32) | (id & 0xffffffffL);
    }

    static int kind(long key) {
        return (int) (key >>> 32);
    }

    static int kindOf(String extension) {
        return switch (extension) {
            case MultiBindingRequest.RFC7629 -> MP;
            case MultiBindingRequest.MTS02 -> MTR;
            case MultiBindingRequest.MIR -> MIR;
            default -> COA;
        };
    }

    int kind() {
        return kind(key);
    }

    int bid() {
        return kind() == COA ? 0 : (int) key;
    }

    String extension() {
        return switch (kind()) {
            case MP -> MultiBindingRequest.RFC7629;
            case MTR -> MultiBindingRequest.MTS02;
            case MIR -> MultiBindingRequest.MIR;
            default -> MultiBindingRequest.NONE;
        };
    }

    /** The readable form, with the node's flow bindings that name this BID. */
    HaBinding toBinding(List<HaFlowBinding> flows) {
        return new HaBinding(Ipv4.text(node.home), bid(), Ipv4.text(careOf), extension(), ifAtt, ifLabel, linkWeight,
                lifetime, instant(registeredAt), instant(refreshedAt), instant(due), flows);
    }

    static long nanos(Instant t) {
        if (t.equals(Instant.MAX)) {
            return Long.MAX_VALUE;
        }
        return Math.addExact(Math.multiplyExact(t.getEpochSecond(), 1_000_000_000L), t.getNano());
    }

    static Instant instant(long nanos) {
        return nanos == Long.MAX_VALUE ? Instant.MAX
                : Instant.ofEpochSecond(Math.floorDiv(nanos, 1_000_000_000L), Math.floorMod(nanos, 1_000_000_000L));
    }
}
