package org.multitunnel.agent.ha;

import java.time.Instant;
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
 * <li>RFC 5944 §3.4 code 135 when a new binding would exceed the configured maximum per node.</li>
 * </ul>
 * Runs inside {@link BindingTable#update}, under the table lock.
 */
final class BindingUpdater {
    private final HomeAgentConfig config;

    BindingUpdater(HomeAgentConfig config) {
        this.config = config;
    }

    int apply(BindingTable t, RegistrationRequest rq, MultiBindingRequest multi, List<HaFlowBinding> flows,
            int granted, Instant now) {
        return multi == null ? plain(t, rq, granted, now) : multipath(t, rq, multi, flows, granted, now);
    }

    private int plain(BindingTable t, RegistrationRequest rq, int granted, Instant now) {
        String hoa = rq.homeAddress();
        String key = "coa:" + rq.careOfAddress();
        boolean home = rq.careOfAddressInt() == rq.homeAddressInt();
        boolean simultaneous = rq.flag(RegistrationRequest.S) && config.simultaneousBindings();
        if (rq.lifetime() == 0 || home) {
            if (simultaneous && !home) {
                t.remove(hoa, key, BindingListener.Change.DEREGISTERED);
            } else {
                t.removeAllExcept(hoa, null, BindingListener.Change.DEREGISTERED);
            }
            return RegistrationProcessor.ACCEPTED;
        }
        HaBinding old = t.get(hoa, key);
        if (simultaneous) {
            int others = (int) t.of(hoa).keySet().stream().filter(k -> k.startsWith("coa:") && !k.equals(key)).count();
            if (old == null && others + 1 > config.maxBindings()) {
                return RegistrationProcessor.TOO_MANY_BINDINGS;
            }
            t.removeAllExcept(hoa, null, null, k -> !k.startsWith("coa:"));
        } else {
            t.removeAllExcept(hoa, key, BindingListener.Change.REPLACED);
        }
        t.put(key, binding(rq, 0, MultiBindingRequest.NONE, 0, 0, 0, granted, old, now));
        boolean askedSimultaneous = rq.flag(RegistrationRequest.S);
        return askedSimultaneous && !simultaneous ? RegistrationProcessor.ACCEPTED_NO_SIMULTANEOUS
                : RegistrationProcessor.ACCEPTED;
    }

    private int multipath(BindingTable t, RegistrationRequest rq, MultiBindingRequest m, List<HaFlowBinding> flows,
            int granted, Instant now) {
        String hoa = rq.homeAddress();
        String key = m.key();
        boolean home = rq.careOfAddressInt() == rq.homeAddressInt();
        if (rq.lifetime() == 0 || home) {
            if (m.bulk() || home) {
                t.removeAllExcept(hoa, null, BindingListener.Change.DEREGISTERED);
            } else {
                t.remove(hoa, key, BindingListener.Change.DEREGISTERED);
            }
            return RegistrationProcessor.ACCEPTED;
        }
        HaBinding old = t.get(hoa, key);
        long remaining = m.overwrite() ? 0
                : t.of(hoa).keySet().stream().filter(k -> k.startsWith(m.keyPrefix()) && !k.equals(key)).count();
        if (remaining + 1 > config.maxBindings()) {
            return RegistrationProcessor.TOO_MANY_BINDINGS;
        }
        if (m.overwrite()) {
            t.removeAllExcept(hoa, key, BindingListener.Change.REPLACED);
        } else {
            t.removeAllExcept(hoa, null, BindingListener.Change.REPLACED, k -> !k.startsWith(m.keyPrefix()));
        }
        t.put(key, binding(rq, m.bid(), m.extension(), m.ifAtt(), m.ifLabel(), m.linkWeight(), granted, old, now));
        if (m.bulk()) {
            t.refreshAll(hoa, granted, now);
        }
        if (!flows.isEmpty()) {
            t.setFlows(hoa, flows);
        }
        return RegistrationProcessor.ACCEPTED;
    }

    private static HaBinding binding(RegistrationRequest rq, int bid, String ext, int ifAtt, int ifLabel, int weight,
            int granted, HaBinding old, Instant now) {
        Instant first = old != null && old.careOfAddress().equals(rq.careOfAddress()) ? old.registeredAt() : now;
        return new HaBinding(rq.homeAddress(), bid, rq.careOfAddress(), ext, ifAtt, ifLabel, weight, granted, first,
                now, HaBinding.expiry(now, granted), List.of());
    }
}
