package org.multitunnel.agent.ha;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The home agent's mobility binding list (RFC 5944 §3.8.1) with RFC 7629's several bindings per home address,
 * keyed by binding identity ("mp:3", "mtr:7", "mir:1", "coa:198.51.100.7"), plus each mobile node's accepted flow
 * bindings. Every change is reported to the listeners after the table's lock is released.
 */
final class BindingTable {
    private record Event(BindingListener.Change change, HaBinding binding) {
    }

    private final Map<String, LinkedHashMap<String, HaBinding>> byHome = new TreeMap<>();
    private final Map<String, List<HaFlowBinding>> flows = new TreeMap<>();
    private final List<BindingListener> listeners = new CopyOnWriteArrayList<>();
    private final List<Event> pending = new ArrayList<>();

    void addListener(BindingListener l) {
        listeners.add(l);
    }

    void removeListener(BindingListener l) {
        listeners.remove(l);
    }

    /** Runs {@code change} under the table lock (after purging expired bindings), then notifies listeners. */
    <T> T update(Instant now, java.util.function.Function<BindingTable, T> change) {
        T result;
        List<Event> events;
        synchronized (this) {
            purgeLocked(now);
            result = change.apply(this);
            events = new ArrayList<>(pending);
            pending.clear();
        }
        fire(events);
        return result;
    }

    /** All live bindings at {@code now}, ordered by home address then registration order. */
    List<HaBinding> snapshot(Instant now) {
        return update(now, t -> {
            List<HaBinding> out = new ArrayList<>();
            for (Map.Entry<String, LinkedHashMap<String, HaBinding>> e : t.byHome.entrySet()) {
                for (HaBinding b : e.getValue().values()) {
                    out.add(b.withFlowBindings(t.flowsNaming(e.getKey(), b.bid())));
                }
            }
            return out;
        });
    }

    /** Expires bindings whose lifetime has run out at {@code now}. */
    void purge(Instant now) {
        update(now, t -> null);
    }

    // ---- the operations below run inside update(), under the lock ----

    Map<String, HaBinding> of(String home) {
        return byHome.getOrDefault(home, new LinkedHashMap<>());
    }

    HaBinding get(String home, String key) {
        return of(home).get(key);
    }

    int count(String home) {
        return of(home).size();
    }

    void put(String key, HaBinding b) {
        LinkedHashMap<String, HaBinding> m = byHome.computeIfAbsent(b.homeAddress(), k -> new LinkedHashMap<>());
        HaBinding old = m.put(key, b);
        pending.add(new Event(old == null ? BindingListener.Change.ADDED : BindingListener.Change.REFRESHED, b));
    }

    void remove(String home, String key, BindingListener.Change why) {
        LinkedHashMap<String, HaBinding> m = byHome.get(home);
        HaBinding old = m == null ? null : m.remove(key);
        if (old != null) {
            pending.add(new Event(why, old));
            dropBid(home, old.bid());
        }
        if (m != null && m.isEmpty()) {
            byHome.remove(home);
            flows.remove(home);
        }
    }

    /** Removes every binding of {@code home} except {@code keep} (null: all). */
    void removeAllExcept(String home, String keep, BindingListener.Change why) {
        for (String k : new ArrayList<>(of(home).keySet())) {
            if (!k.equals(keep)) {
                remove(home, k, why);
            }
        }
    }

    /** Removes the bindings of {@code home} whose key matches {@code which} ({@code why} null: REPLACED). */
    void removeAllExcept(String home, String keep, BindingListener.Change why,
            java.util.function.Predicate<String> which) {
        for (String k : new ArrayList<>(of(home).keySet())) {
            if (!k.equals(keep) && which.test(k)) {
                remove(home, k, why == null ? BindingListener.Change.REPLACED : why);
            }
        }
    }

    /** RFC 7629 §5.2 B flag: every binding of {@code home} gets {@code lifetime} from {@code now}. */
    void refreshAll(String home, int lifetime, Instant now) {
        for (Map.Entry<String, HaBinding> e : of(home).entrySet()) {
            HaBinding r = e.getValue().refreshed(lifetime, now);
            e.setValue(r);
            pending.add(new Event(BindingListener.Change.REFRESHED, r));
        }
    }

    List<HaFlowBinding> flows(String home) {
        return flows.getOrDefault(home, List.of());
    }

    void setFlows(String home, List<HaFlowBinding> fbs) {
        if (fbs.isEmpty()) {
            flows.remove(home);
        } else {
            flows.put(home, List.copyOf(fbs));
        }
    }

    private List<HaFlowBinding> flowsNaming(String home, int bid) {
        List<HaFlowBinding> out = new ArrayList<>();
        for (HaFlowBinding f : flows(home)) {
            if (f.bids().contains(bid)) {
                out.add(f);
            }
        }
        return out;
    }

    /** A removed BID leaves every flow binding; a flow binding left with no BID is dropped. */
    private void dropBid(String home, int bid) {
        List<HaFlowBinding> out = new ArrayList<>();
        for (HaFlowBinding f : flows(home)) {
            List<Integer> bids = new ArrayList<>(f.bids());
            bids.remove(Integer.valueOf(bid));
            if (!bids.isEmpty()) {
                out.add(new HaFlowBinding(f.action(), bids, f.tsFormat(), f.selectorHex()));
            }
        }
        setFlows(home, out);
    }

    private void purgeLocked(Instant now) {
        for (String home : new ArrayList<>(byHome.keySet())) {
            for (Map.Entry<String, HaBinding> e : new ArrayList<>(of(home).entrySet())) {
                if (e.getValue().expired(now)) {
                    remove(home, e.getKey(), BindingListener.Change.EXPIRED);
                }
            }
        }
    }

    private void fire(List<Event> events) {
        for (Event e : events) {
            for (BindingListener l : listeners) {
                try {
                    l.bindingChanged(e.change(), e.binding());
                } catch (RuntimeException ex) {
                    System.err.println("binding listener failed: " + ex);
                }
            }
        }
    }
}
