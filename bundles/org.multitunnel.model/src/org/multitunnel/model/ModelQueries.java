package org.multitunnel.model;

import java.util.ArrayList;
import java.util.List;

/**
 * Why: the questions the analysis asks again and again while applying registrations (which bindings of a mobile
 * node are active, which one holds a BID or a care-of address, when does a lease run out) answered in one place,
 * read-only, so the rules in the analysis stay about protocol semantics rather than list walking.
 */
public final class ModelQueries {
    private static final long NANOS_PER_SECOND = 1_000_000_000L;

    private ModelQueries() {
    }

    /** The mobile node with this home address, or null. */
    public static MobileNode mobileNode(CaptureSession session, String homeAddress) {
        for (MobileNode mn : session.getMobileNodes()) {
            if (homeAddress.equals(mn.getHomeAddress())) {
                return mn;
            }
        }
        return null;
    }

    /** The mobile node's active bindings, in registration order. */
    public static List<Binding> activeBindings(MobileNode mn) {
        List<Binding> active = new ArrayList<>();
        for (Binding b : mn.getBindings()) {
            if (b.getState() == BindingState.ACTIVE) {
                active.add(b);
            }
        }
        return active;
    }

    /** The active binding with this BID, or null. */
    public static Binding activeBinding(MobileNode mn, int bid) {
        for (Binding b : mn.getBindings()) {
            if (b.getState() == BindingState.ACTIVE && b.isSetBid() && b.getBid() == bid) {
                return b;
            }
        }
        return null;
    }

    /** The active binding to this care-of address, or null (the first one if several BIDs share it). */
    public static Binding activeBindingTo(MobileNode mn, String careOfAddress) {
        for (Binding b : mn.getBindings()) {
            if (b.getState() == BindingState.ACTIVE && careOfAddress.equals(b.getCareOfAddress())) {
                return b;
            }
        }
        return null;
    }

    /**
     * When the current lease of an active binding runs out, in ns since the epoch: the latest accepting reply plus
     * the granted lifetime. Long.MAX_VALUE for the infinite lifetime 0xffff (RFC 5944 3.2).
     */
    public static long leaseEnd(Binding b) {
        if (!b.isSetRefreshedAt() || !b.isSetLifetimeGranted()) {
            throw new IllegalStateException("binding " + b.getBid() + " was never accepted");
        }
        if (b.getLifetimeGranted() == 0xffff) {
            return Long.MAX_VALUE;
        }
        return b.getRefreshedAt() + b.getLifetimeGranted() * NANOS_PER_SECOND;
    }

    /** The tunnel between this home agent and care-of address with this encapsulation, or null. */
    public static Tunnel tunnel(CaptureSession session, String homeAgent, String careOfAddress,
            Encapsulation encapsulation) {
        for (Tunnel t : session.getTunnels()) {
            if (homeAgent.equals(t.getHomeAgent()) && careOfAddress.equals(t.getCareOfAddress())
                    && t.getEncapsulation() == encapsulation) {
                return t;
            }
        }
        return null;
    }
}
