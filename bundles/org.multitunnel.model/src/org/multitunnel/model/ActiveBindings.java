package org.multitunnel.model;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * Why: applying a registration asks "which active binding of this node holds BID n / care-of address c", and
 * {@link ModelQueries} answers by walking the node's whole binding history — linear in its registrations, so a node
 * re-registering 100k times made the analysis quadratic. This index, kept by {@link ModelUpdater} (the only code
 * that activates or ends bindings), answers in O(1): active bindings per node in registration order, by (node, BID)
 * and by (node, care-of address), plus the number of active bindings per care-of address over all nodes. Listeners
 * hear of every activation and ending, so data-plane checks can keep their own primitive views without rescanning.
 * Not thread-safe: used by the one analysis thread that owns the updater.
 */
public final class ActiveBindings {
    /** Told of each binding that became active or stopped being active (after the model changed). */
    public interface Listener {
        void activated(Binding binding);

        void ended(Binding binding);
    }

    /** BID (or null) and care-of address a binding was indexed under, in case they are edited while active. */
    private record Keys(Integer bid, String careOf) {
    }

    private static final class Node {
        final LinkedHashSet<Binding> active = new LinkedHashSet<>();
        final Map<Binding, Keys> keys = new IdentityHashMap<>();
        /** Active bindings per BID in registration order (normally one). */
        final Map<Integer, List<Binding>> byBid = new HashMap<>();
        /** Active bindings per care-of address in registration order (several BIDs may share one). */
        final Map<String, List<Binding>> byCareOf = new HashMap<>();
    }

    private final Map<MobileNode, Node> nodes = new IdentityHashMap<>();
    private final Map<String, int[]> careOfCounts = new HashMap<>();
    private final List<Listener> listeners = new ArrayList<>();
    private int size;

    public void addListener(Listener l) {
        listeners.add(l);
    }

    /** Number of active bindings over all nodes. */
    public int size() {
        return size;
    }

    /** The node's active binding with this BID (the earliest registered if several), or null. */
    public Binding byBid(MobileNode mn, int bid) {
        Node n = nodes.get(mn);
        List<Binding> l = n == null ? null : n.byBid.get(bid);
        return l == null || l.isEmpty() ? null : l.get(0);
    }

    /** The node's active binding to this care-of address (the earliest registered if several), or null. */
    public Binding toCareOf(MobileNode mn, String careOfAddress) {
        Node n = nodes.get(mn);
        List<Binding> l = n == null ? null : n.byCareOf.get(careOfAddress);
        return l == null || l.isEmpty() ? null : l.get(0);
    }

    /** The node's active bindings in registration order (a copy: safe to end bindings while iterating it). */
    public List<Binding> of(MobileNode mn) {
        Node n = nodes.get(mn);
        return n == null ? List.of() : new ArrayList<>(n.active);
    }

    /** How many active bindings, of any node, use this care-of address. */
    public int careOfCount(String careOfAddress) {
        int[] c = careOfCounts.get(careOfAddress);
        return c == null ? 0 : c[0];
    }

    /** The binding (contained in {@code mn}) has just become active. */
    void activated(MobileNode mn, Binding b) {
        Node n = nodes.computeIfAbsent(mn, k -> new Node());
        if (!n.active.add(b)) {
            return;
        }
        size++;
        Integer bid = b.isSetBid() ? b.getBid() : null;
        String coa = b.getCareOfAddress();
        n.keys.put(b, new Keys(bid, coa));
        if (bid != null) {
            n.byBid.computeIfAbsent(bid, k -> new ArrayList<>(1)).add(b);
        }
        if (coa != null) {
            n.byCareOf.computeIfAbsent(coa, k -> new ArrayList<>(1)).add(b);
            careOfCounts.computeIfAbsent(coa, k -> new int[1])[0]++;
        }
        for (Listener l : listeners) {
            l.activated(b);
        }
    }

    /** The binding of {@code mn} has just stopped being active. */
    void ended(MobileNode mn, Binding b) {
        Node n = nodes.get(mn);
        if (n == null || !n.active.remove(b)) {
            return;
        }
        size--;
        Keys k = n.keys.remove(b);
        if (k.bid() != null) {
            remove(n.byBid, k.bid(), b);
        }
        String coa = k.careOf();
        if (coa != null) {
            remove(n.byCareOf, coa, b);
            int[] c = careOfCounts.get(coa);
            if (c != null && --c[0] == 0) {
                careOfCounts.remove(coa);
            }
        }
        if (n.active.isEmpty()) {
            nodes.remove(mn);
        }
        for (Listener l : listeners) {
            l.ended(b);
        }
    }

    private static <K> void remove(Map<K, List<Binding>> map, K key, Binding b) {
        List<Binding> l = map.get(key);
        if (l != null) {
            l.remove(b); // identity: Binding does not override equals; lists hold one or a few entries
            if (l.isEmpty()) {
                map.remove(key);
            }
        }
    }

    /** Unmodifiable view for tests and diagnostics: nodes with at least one active binding. */
    public java.util.Set<MobileNode> nodes() {
        return Collections.unmodifiableSet(nodes.keySet());
    }
}
