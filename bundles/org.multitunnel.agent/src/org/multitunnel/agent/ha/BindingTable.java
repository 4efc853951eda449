package org.multitunnel.agent.ha;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import java.util.function.LongPredicate;

import org.multitunnel.agent.net.NtpIdentification;

/**
 * The home agent's mobility binding list (RFC 5944 §3.8.1) with RFC 7629's several bindings per home address,
 * each mobile node's accepted flow bindings and its replay cache. Built so that no request costs time in
 * proportion to the table: nodes are found by hash, bindings expire through a {@link TimerQueue} (no scan), and
 * the stored form is compact ({@link HaSlot}, {@link HaNode}). A global count backs the agent-wide cap.
 *
 * <p>Replay cache (RFC 5944 §5.7.1): the timestamps seen from a node are remembered while they are inside the
 * replay window (a timestamp outside it is refused anyway). They go with the node's last binding; if some are
 * still inside the window then (a de-registration just arrived), the node is kept, binding-less, until the window
 * has passed, so that neither the de-registration nor the registration before it can be replayed.
 *
 * <p>Every change is reported to the listeners after the table's lock is released.
 */
final class BindingTable {
    /** Per node, at most this many Identifications are remembered (the oldest is forgotten first). */
    static final int MAX_SEEN = 4096;

    private record Event(BindingListener.Change change, HaBinding binding) {
    }

    private final Map<Integer, HaNode> nodes = new HashMap<>();
    private final TimerQueue timers = new TimerQueue();
    private final List<BindingListener> listeners = new CopyOnWriteArrayList<>();
    private final List<Event> pending = new ArrayList<>();
    private final long windowNanos;
    private final int maxTotal;
    private int total;

    BindingTable(int replayWindowSeconds, int maxTotal) {
        this.windowNanos = replayWindowSeconds * 1_000_000_000L;
        this.maxTotal = maxTotal;
    }

    void addListener(BindingListener l) {
        listeners.add(l);
    }

    void removeListener(BindingListener l) {
        listeners.remove(l);
    }

    /** Runs {@code change} under the table lock (after expiring what is due at {@code now}), then notifies. */
    <T> T update(Instant now, Function<BindingTable, T> change) {
        T result;
        List<Event> events;
        synchronized (this) {
            expireLocked(HaSlot.nanos(now));
            result = change.apply(this);
            if (pending.isEmpty()) {
                events = List.of();
            } else {
                events = new ArrayList<>(pending);
                pending.clear();
            }
        }
        fire(events);
        return result;
    }

    /** All live bindings at {@code now}, ordered by home address (numerically) then registration order. */
    List<HaBinding> snapshot(Instant now) {
        return update(now, t -> {
            int[] homes = t.homesLocked();
            return t.bindingsLocked(homes, 0, homes.length);
        });
    }

    /** The home addresses with live bindings at {@code now}, in ascending numeric order. */
    int[] homes(Instant now) {
        return update(now, BindingTable::homesLocked);
    }

    /** The live bindings of {@code homes[from, to)} (nodes gone meanwhile are skipped). */
    List<HaBinding> bindings(int[] homes, int from, int to, Instant now) {
        return update(now, t -> t.bindingsLocked(homes, from, to));
    }

    /** Expires the bindings whose lifetime has run out at {@code now}. */
    void purge(Instant now) {
        update(now, t -> null);
    }

    synchronized int total() {
        return total;
    }

    synchronized int nodeCount() {
        return nodes.size();
    }

    // ---- the operations below run inside update(), under the lock ----

    /** Whether {@code extra} more bindings would exceed the agent-wide cap ({@code extra} ≤ 0: never). */
    boolean full(int extra) {
        return extra > 0 && (long) total + extra > maxTotal;
    }

    HaNode node(int home) {
        return nodes.get(home);
    }

    HaSlot get(int home, long key) {
        HaNode n = nodes.get(home);
        return n == null ? null : n.find(key);
    }

    int count(int home) {
        HaNode n = nodes.get(home);
        return n == null ? 0 : n.count;
    }

    /** How many of {@code home}'s bindings match {@code which}. */
    int count(int home, LongPredicate which) {
        HaNode n = nodes.get(home);
        int c = 0;
        for (int i = 0; n != null && i < n.count; i++) {
            if (which.test(n.slots[i].key)) {
                c++;
            }
        }
        return c;
    }

    /**
     * Adds or refreshes the binding {@code key} of {@code home}: lifetime {@code lifetime} seconds from {@code now}
     * (0xffff: infinite). The first-registered time is kept when the care-of address did not change.
     */
    HaSlot put(int home, long key, int careOf, int ifAtt, int ifLabel, int linkWeight, int lifetime, long now) {
        HaNode n = nodes.computeIfAbsent(home, HaNode::new);
        HaSlot s = n.find(key);
        boolean added = s == null;
        if (added) {
            s = new HaSlot(n, key);
            s.registeredAt = now;
            n.append(s);
            total++;
            timers.cancel(n); // a node with a binding is not forgotten
        } else if (s.careOf != careOf) {
            s.registeredAt = now;
        }
        s.careOf = careOf;
        s.ifAtt = ifAtt;
        s.ifLabel = ifLabel;
        s.linkWeight = linkWeight;
        s.lifetime = lifetime;
        s.refreshedAt = now;
        schedule(s, lifetime, now);
        event(added ? BindingListener.Change.ADDED : BindingListener.Change.REFRESHED, s);
        return s;
    }

    void remove(int home, long key, BindingListener.Change why, long now) {
        HaNode n = nodes.get(home);
        HaSlot s = n == null ? null : n.find(key);
        if (s != null) {
            remove(s, why, now);
        }
    }

    /** Removes the bindings of {@code home} whose key matches {@code which}. */
    void removeIf(int home, LongPredicate which, BindingListener.Change why, long now) {
        HaNode n = nodes.get(home);
        if (n == null) {
            return;
        }
        for (HaSlot s : Arrays.copyOf(n.slots, n.count)) {
            if (which.test(s.key)) {
                remove(s, why, now);
            }
        }
    }

    /** RFC 7629 §5.2 B flag: every binding of {@code home} gets {@code lifetime} from {@code now}. */
    void refreshAll(int home, int lifetime, long now) {
        HaNode n = nodes.get(home);
        for (int i = 0; n != null && i < n.count; i++) {
            HaSlot s = n.slots[i];
            s.lifetime = lifetime;
            s.refreshedAt = now;
            schedule(s, lifetime, now);
            event(BindingListener.Change.REFRESHED, s);
        }
    }

    List<HaFlowBinding> flows(int home) {
        HaNode n = nodes.get(home);
        return n == null ? List.of() : n.flows;
    }

    void setFlows(int home, List<HaFlowBinding> fbs) {
        HaNode n = nodes.get(home);
        if (n != null) {
            n.flows = List.copyOf(fbs);
        }
    }

    /**
     * RFC 5944 §5.7.1 for {@code home}: true (and {@code id} remembered) when the timestamp {@code id} is within
     * the replay window of {@code now} and was not seen before; false for a stale or replayed one.
     */
    boolean freshIdentification(int home, long id, long now) {
        long stamp = ntpNanos(id);
        if (Math.abs(now - stamp) > windowNanos) {
            return false;
        }
        HaNode n = nodes.get(home);
        if (n != null) {
            n.pruneSeen(ntp(now - windowNanos));
            if (n.hasSeen(id)) {
                return false;
            }
        } else {
            n = new HaNode(home);
            nodes.put(home, n);
        }
        n.addSeen(id, MAX_SEEN);
        if (n.count == 0) {
            forgetLater(n);
        }
        return true;
    }

    /** How many Identifications the replay cache holds over all nodes (for tests and status). */
    int replayEntries() {
        int c = 0;
        for (HaNode n : nodes.values()) {
            c += n.seenCount;
        }
        return c;
    }

    // ---- internals ----

    private void schedule(HaSlot s, int lifetime, long now) {
        if (lifetime == HaBinding.INFINITE) {
            timers.cancel(s);
            s.due = Long.MAX_VALUE;
        } else {
            timers.schedule(s, now + lifetime * 1_000_000_000L);
        }
    }

    private void remove(HaSlot s, BindingListener.Change why, long now) {
        HaNode n = s.node;
        if (!n.detach(s)) {
            return;
        }
        timers.cancel(s);
        total--;
        event(why, s);
        dropBid(n, s.bid());
        if (n.count == 0) {
            n.flows = List.of();
            n.pruneSeen(ntp(now - windowNanos));
            forgetLater(n);
        }
    }

    /** A binding-less node stays only while its replay cache matters. */
    private void forgetLater(HaNode n) {
        if (n.seenCount == 0) {
            timers.cancel(n);
            nodes.remove(n.home);
        } else {
            timers.schedule(n, ntpNanos(n.newestSeen()) + windowNanos + 1);
        }
    }

    private void expireLocked(long now) {
        for (TimerQueue.Timed t = timers.pollDue(now); t != null; t = timers.pollDue(now)) {
            if (t instanceof HaSlot s) {
                remove(s, BindingListener.Change.EXPIRED, now);
            } else if (t instanceof HaNode n && n.count == 0) {
                n.pruneSeen(ntp(now - windowNanos));
                forgetLater(n);
            }
        }
    }

    /** A removed BID leaves every flow binding; a flow binding left with no BID is dropped. */
    private static void dropBid(HaNode n, int bid) {
        if (n.flows.isEmpty()) {
            return;
        }
        List<HaFlowBinding> out = new ArrayList<>();
        for (HaFlowBinding f : n.flows) {
            List<Integer> bids = new ArrayList<>(f.bids());
            bids.remove(Integer.valueOf(bid));
            if (!bids.isEmpty()) {
                out.add(new HaFlowBinding(f.action(), bids, f.tsFormat(), f.selectorHex()));
            }
        }
        n.flows = List.copyOf(out);
    }

    private int[] homesLocked() {
        int[] homes = new int[nodes.size()];
        int i = 0;
        for (HaNode n : nodes.values()) {
            if (n.count > 0) {
                homes[i++] = n.home;
            }
        }
        homes = Arrays.copyOf(homes, i);
        for (int k = 0; k < homes.length; k++) {
            homes[k] ^= Integer.MIN_VALUE; // unsigned order by sorting signed values
        }
        Arrays.sort(homes);
        for (int k = 0; k < homes.length; k++) {
            homes[k] ^= Integer.MIN_VALUE;
        }
        return homes;
    }

    private List<HaBinding> bindingsLocked(int[] homes, int from, int to) {
        List<HaBinding> out = new ArrayList<>();
        for (int i = from; i < to; i++) {
            HaNode n = nodes.get(homes[i]);
            for (int k = 0; n != null && k < n.count; k++) {
                out.add(binding(n.slots[k]));
            }
        }
        return out;
    }

    private static HaBinding binding(HaSlot s) {
        List<HaFlowBinding> fbs = List.of();
        int bid = s.bid();
        for (HaFlowBinding f : s.node.flows) {
            if (f.bids().contains(bid)) {
                if (fbs.isEmpty()) {
                    fbs = new ArrayList<>();
                }
                fbs.add(f);
            }
        }
        return s.toBinding(fbs);
    }

    private void event(BindingListener.Change change, HaSlot s) {
        if (!listeners.isEmpty()) {
            pending.add(new Event(change, binding(s)));
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

    /** The instant (epoch nanoseconds) an NTP-format Identification denotes (RFC 5944 §5.7.1). */
    static long ntpNanos(long id) {
        long seconds = (id >>> 32) - NtpIdentification.NTP_UNIX_OFFSET;
        return seconds * 1_000_000_000L + (((id & 0xffffffffL) * 1_000_000_000L) >>> 32);
    }

    /** The NTP-format timestamp of {@code nanos} since the epoch. */
    static long ntp(long nanos) {
        long seconds = Math.floorDiv(nanos, 1_000_000_000L) + NtpIdentification.NTP_UNIX_OFFSET;
        long fraction = (Math.floorMod(nanos, 1_000_000_000L) << 32) / 1_000_000_000L;
        return ((seconds & 0xffffffffL) << 32) | fraction;
    }
}
