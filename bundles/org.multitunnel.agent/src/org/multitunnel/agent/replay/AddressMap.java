package org.multitunnel.agent.replay;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The {@code --map OLD=NEW} rewriting of a replay: every IPv4 address field of a request (Home Address, Home
 * Agent, Care-of Address) and the datagram's source that equals OLD becomes NEW; others stay as captured.
 */
public final class AddressMap {
    private final Map<String, String> map = new LinkedHashMap<>();

    /** Adds one "OLD=NEW" pair. */
    public AddressMap add(String pair) {
        int eq = pair.indexOf('=');
        if (eq <= 0 || eq == pair.length() - 1) {
            throw new IllegalArgumentException("map entry must be OLD=NEW: " + pair);
        }
        return add(pair.substring(0, eq).trim(), pair.substring(eq + 1).trim());
    }

    public AddressMap add(String from, String to) {
        check(from);
        check(to);
        map.put(from, to);
        return this;
    }

    public String apply(String address) {
        return address == null ? null : map.getOrDefault(address, address);
    }

    public int size() {
        return map.size();
    }

    private static void check(String a) {
        String[] p = a.split("\\.");
        if (p.length != 4) {
            throw new IllegalArgumentException("not an IPv4 address: " + a);
        }
        for (String s : p) {
            int v;
            try {
                v = Integer.parseInt(s);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("not an IPv4 address: " + a);
            }
            if (v < 0 || v > 255) {
                throw new IllegalArgumentException("not an IPv4 address: " + a);
            }
        }
    }
}
