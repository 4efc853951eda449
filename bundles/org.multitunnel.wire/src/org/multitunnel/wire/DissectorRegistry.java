package org.multitunnel.wire;

import java.util.HashMap;
import java.util.Map;

/**
 * Which dissector handles which (table, value): e.g. ("linktype", 1) → Ethernet, ("ethertype", 0x0800) → IPv4,
 * ("ip.proto", 47) → GRE, ("udp.port", 434) → Mobile IP. Mutable so preferences (MIP port, draft type numbers)
 * can re-register at run time; lookups copy nothing.
 */
public final class DissectorRegistry {
    /** Table names shared by all dissectors. */
    public static final String LINKTYPE = "linktype";
    public static final String ETHERTYPE = "ethertype";
    public static final String IP_PROTO = "ip.proto";
    public static final String UDP_PORT = "udp.port";
    public static final String TCP_PORT = "tcp.port";

    private final Map<String, Map<Integer, Dissector>> tables = new HashMap<>();

    public synchronized DissectorRegistry register(String table, int value, Dissector dissector) {
        tables.computeIfAbsent(table, t -> new HashMap<>()).put(value, dissector);
        return this;
    }

    public synchronized void unregister(String table, int value) {
        Map<Integer, Dissector> t = tables.get(table);
        if (t != null) {
            t.remove(value);
        }
    }

    /** The dissector for (table, value), or null when none is registered. */
    public synchronized Dissector lookup(String table, int value) {
        Map<Integer, Dissector> t = tables.get(table);
        return t == null ? null : t.get(value);
    }
}
