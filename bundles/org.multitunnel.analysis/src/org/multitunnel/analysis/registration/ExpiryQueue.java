package org.multitunnel.analysis.registration;

import java.util.PriorityQueue;

import org.multitunnel.model.Binding;
import org.multitunnel.model.BindingState;
import org.multitunnel.model.ModelQueries;
import org.multitunnel.model.ModelUpdater;

/**
 * Expires bindings by lifetime in capture time. Each registration or refresh schedules the lease end; when the
 * capture clock passes it and the binding is still active with that same lease, the binding expires. Stale
 * entries (refreshed or ended since) are skipped, so no entry ever has to be removed.
 */
final class ExpiryQueue {
    /** RFC 5944 §3.3: a lifetime of 0xffff means infinity. */
    static final int INFINITE = 0xffff;

    private record Lease(long end, Binding binding) {
    }

    private final PriorityQueue<Lease> leases = new PriorityQueue<>((a, b) -> Long.compare(a.end, b.end));

    void schedule(Binding b) {
        if (b.getLifetimeGranted() != INFINITE) {
            leases.add(new Lease(ModelQueries.leaseEnd(b), b));
        }
    }

    /** Expires every binding whose lease ended at or before {@code now} (ns); true when one expired. */
    boolean advance(long now, ModelUpdater updater) {
        boolean expired = false;
        while (!leases.isEmpty() && leases.peek().end <= now) {
            Lease l = leases.poll();
            if (l.binding.getState() == BindingState.ACTIVE && ModelQueries.leaseEnd(l.binding) == l.end) {
                updater.expire(l.binding, l.end);
                expired = true;
            }
        }
        return expired;
    }
}
