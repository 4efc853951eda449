package org.multitunnel.wire.fast;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * The UDP ports on which the classifier takes a datagram for Mobile IPv4 (RFC 5944 §3.1 assigns 434; test beds
 * and agents on unprivileged ports use others, set in the preferences). Immutable; {@link #contains} is a loop
 * over a small primitive array, so the per-packet path stays allocation-free.
 */
public final class MipPorts {
    /** RFC 5944 §3.1: UDP 434 only. */
    public static final MipPorts DEFAULT = new MipPorts(new int[] { 434 });

    private final int[] ports;

    private MipPorts(int[] ports) {
        this.ports = ports;
    }

    /** The given ports (1-65535, duplicates dropped); at least one. */
    public static MipPorts of(Collection<Integer> ports) {
        List<Integer> unique = new ArrayList<>();
        for (int p : ports) {
            if (p < 1 || p > 65535) {
                throw new IllegalArgumentException(p + " is not a UDP port (1-65535)");
            }
            if (!unique.contains(p)) {
                unique.add(p);
            }
        }
        if (unique.isEmpty()) {
            throw new IllegalArgumentException("at least one Mobile IP port is needed");
        }
        int[] a = new int[unique.size()];
        for (int i = 0; i < a.length; i++) {
            a[i] = unique.get(i);
        }
        return new MipPorts(a);
    }

    public static MipPorts of(int... ports) {
        List<Integer> l = new ArrayList<>();
        for (int p : ports) {
            l.add(p);
        }
        return of(l);
    }

    public boolean contains(int port) {
        for (int p : ports) {
            if (p == port) {
                return true;
            }
        }
        return false;
    }

    /** The ports in the order given. */
    public List<Integer> list() {
        List<Integer> l = new ArrayList<>(ports.length);
        for (int p : ports) {
            l.add(p);
        }
        return List.copyOf(l);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof MipPorts m && java.util.Arrays.equals(ports, m.ports);
    }

    @Override
    public int hashCode() {
        return java.util.Arrays.hashCode(ports);
    }

    @Override
    public String toString() {
        return list().toString();
    }
}
