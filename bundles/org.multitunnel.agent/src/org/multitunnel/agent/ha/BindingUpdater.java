package org.multitunnel.agent.ha;

import java.util.List;

import org.multitunnel.wire.mip.RegistrationRequest;

/**
 * Applies an authenticated, well-formed, permitted request to the binding table — the binding semantics proper:
 * <ul>
 * <li>RFC 5944 §3.6.1.2/§3.8.2.2 plain registration: replaces the node's bindings, unless S asks for simultaneous
 * bindings (kept only when configured, else code 1); Lifetime 0 or CoA = HoA removes all (with S and Lifetime 0:
 * only that care-of address).</li>
 * <li>RFC 7629 §5.1/§5.2 (and seed 001 §5.3 alike): one binding per BID; re-registration refreshes only that BID;
 * Lifetime 0 removes only that BID; B refreshes all (with Lifetime 0 removes all); O replaces all with this one. A
 * multipath registration also retires the node's bindings of another kind (a plain binding cannot coexist with
 * BID-keyed ones — RFC 7629 is silent, this is the agent's choice).</li>
 * <li>RFC 5944 §3.4 code 135 when a new binding would exceed the configured maximum per node, and code 130
 * (insufficient resources) when it would exceed the agent-wide maximum; a request that replaces as many bindings
 * as it adds is never refused for the latter.</li>
 * </ul>
 * Runs inside {@link BindingTable#update}, under the table lock.
 */
final class BindingUpdater {
    private final HomeAgentConfig config;

    BindingUpdater(HomeAgentConfig config) {
        this.config = config;
    }

    int apply(BindingTable t, RegistrationRequest rq, MultiBindingRequest multi, List<HaFlowBinding> flows,
            int granted, long now) {
        return multi == null ? plain(t, rq, granted, now) : multipath(t, rq, multi, flows, granted, now);
    }

    private int plain(BindingTable t, RegistrationRequest rq, int granted, long now) {
        int hoa = rq.homeAddressInt();
        long key = HaSlot.key(HaSlot.COA, rq.careOfAddressInt());
        boolean home = rq.careOfAddressInt() == hoa;
        boolean simultaneous = rq.flag(RegistrationRequest.S) && config.simultaneousBindings();
        if (rq.lifetime() == 0 || home) {
            if (simultaneous && !home) {
                t.remove(hoa, key, BindingListener.Change.DEREGISTERED, now);
            } else {
                t.removeIf(hoa, k -> true, BindingListener.Change.DEREGISTERED, now);
            }
            return RegistrationProcessor.ACCEPTED;
        }
        HaSlot old = t.get(hoa, key);
        int added = old == null ? 1 : 0;
        if (simultaneous) {
            int others = t.count(hoa, k -> HaSlot.kind(k) == HaSlot.COA && k != key);
            if (old == null && others + 1 > config.maxBindings()) {
                return RegistrationProcessor.TOO_MANY_BINDINGS;
            }
            if (t.full(added - t.count(hoa, k -> HaSlot.kind(k) != HaSlot.COA))) {
                return RegistrationProcessor.INSUFFICIENT_RESOURCES;
            }
            t.removeIf(hoa, k -> HaSlot.kind(k) != HaSlot.COA, BindingListener.Change.REPLACED, now);
        } else {
            if (t.full(added - t.count(hoa, k -> k != key))) {
                return RegistrationProcessor.INSUFFICIENT_RESOURCES;
            }
            t.removeIf(hoa, k -> k != key, BindingListener.Change.REPLACED, now);
        }
        t.put(hoa, key, rq.careOfAddressInt(), 0, 0, 0, granted, now);
        boolean askedSimultaneous = rq.flag(RegistrationRequest.S);
        return askedSimultaneous && !simultaneous ? RegistrationProcessor.ACCEPTED_NO_SIMULTANEOUS
                : RegistrationProcessor.ACCEPTED;
    }

    private int multipath(BindingTable t, RegistrationRequest rq, MultiBindingRequest m, List<HaFlowBinding> flows,
            int granted, long now) {
        int hoa = rq.homeAddressInt();
        int kind = HaSlot.kindOf(m.extension());
        long key = HaSlot.key(kind, m.bid());
        boolean home = rq.careOfAddressInt() == hoa;
        if (rq.lifetime() == 0 || home) {
            if (m.bulk() || home) {
                t.removeIf(hoa, k -> true, BindingListener.Change.DEREGISTERED, now);
            } else {
                t.remove(hoa, key, BindingListener.Change.DEREGISTERED, now);
            }
            return RegistrationProcessor.ACCEPTED;
        }
        HaSlot old = t.get(hoa, key);
        int remaining = m.overwrite() ? 0 : t.count(hoa, k -> HaSlot.kind(k) == kind && k != key);
        if (remaining + 1 > config.maxBindings()) {
            return RegistrationProcessor.TOO_MANY_BINDINGS;
        }
        int replaced = m.overwrite() ? t.count(hoa, k -> k != key) : t.count(hoa, k -> HaSlot.kind(k) != kind);
        if (t.full((old == null ? 1 : 0) - replaced)) {
            return RegistrationProcessor.INSUFFICIENT_RESOURCES;
        }
        if (m.overwrite()) {
            t.removeIf(hoa, k -> k != key, BindingListener.Change.REPLACED, now);
        } else {
            t.removeIf(hoa, k -> HaSlot.kind(k) != kind, BindingListener.Change.REPLACED, now);
        }
        t.put(hoa, key, rq.careOfAddressInt(), m.ifAtt(), m.ifLabel(), m.linkWeight(), granted, now);
        if (m.bulk()) {
            t.refreshAll(hoa, granted, now);
        }
        if (!flows.isEmpty()) {
            t.setFlows(hoa, flows);
        }
        return RegistrationProcessor.ACCEPTED;
    }
}
