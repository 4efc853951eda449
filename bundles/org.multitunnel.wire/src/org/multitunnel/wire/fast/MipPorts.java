package org.multitunnel.wire.fast;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;

/**
 * The UDP ports on which Mobile IPv4 is taken for a datagram: the "Decode As" setting every reader shares (RFC 5944
 * §3.1 assigns 434; test beds and the reference agents use unprivileged ports, 4434 by default, and users add
 * more in the preferences, with {@code -d udp.port==N,mip} on the command line, or a capture records its own in a
 * pcapng comment). Immutable and allocation-free on the per-packet path: {@link #contains} scans a small array for
 * up to {@value #SCAN_LIMIT} ports and tests one bit of a 64 Kib bitmap for more (port ranges), so it stays fast
 * however many ports are configured while small sets, the usual case, cost a few bytes each.
 */
public final class MipPorts {
    /** RFC 5944 §3.1: the IANA-assigned port of Mobile IPv4 registration. */
    public static final int IANA_PORT = 434;
    /** The reference agents' default port (unprivileged, next to 434): what the product's own agents use. */
    public static final int REFERENCE_AGENT_PORT = 4434;
    /** What every reader uses without other settings: UDP 434 and the reference agents' 4434. */
    public static final MipPorts DEFAULT = of(IANA_PORT, REFERENCE_AGENT_PORT);

    /** Sets up to this size are searched linearly; larger ones get a bitmap. */
    static final int SCAN_LIMIT = 16;

    private final int[] ports;
    /** One bit per port, or null for a set of at most {@link #SCAN_LIMIT} ports. */
    private final long[] bits;

    private MipPorts(int[] ports) {
        this.ports = ports;
        if (ports.length > SCAN_LIMIT) {
            bits = new long[1024];
            for (int p : ports) {
                bits[p >>> 6] |= 1L << (p & 63);
            }
        } else {
            bits = null;
        }
    }

    /** The given ports in order (1-65535, duplicates dropped); at least one. */
    public static MipPorts of(Collection<Integer> ports) {
        List<Integer> unique = new ArrayList<>();
        boolean[] seen = new boolean[65536];
        for (Integer boxed : ports) {
            if (boxed == null) {
                throw new IllegalArgumentException("a Mobile IP port is missing");
            }
            int p = boxed;
            if (p < 1 || p > 65535) {
                throw new IllegalArgumentException(p + " is not a UDP port (1-65535)");
            }
            if (!seen[p]) {
                seen[p] = true;
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
        List<Integer> l = new ArrayList<>(ports.length);
        for (int p : ports) {
            l.add(p);
        }
        return of(l);
    }

    /** True when UDP port {@code port} carries Mobile IPv4. Allocation-free; at most 16 compares or one bit test. */
    public boolean contains(int port) {
        long[] b = bits;
        if (b == null) {
            for (int p : ports) {
                if (p == port) {
                    return true;
                }
            }
            return false;
        }
        return port >= 0 && port <= 65535 && (b[port >>> 6] & (1L << (port & 63))) != 0;
    }

    /** These ports followed by those of {@code more} not already here ({@code this} when nothing is new). */
    public MipPorts plus(Collection<Integer> more) {
        boolean anyNew = false;
        for (Integer p : more) {
            if (p == null || !contains(p)) {
                anyNew = true;
                break;
            }
        }
        if (!anyNew) {
            return this;
        }
        List<Integer> all = new ArrayList<>(list());
        all.addAll(more);
        return of(all);
    }

    /** The ports in the order given. */
    public List<Integer> list() {
        List<Integer> l = new ArrayList<>(ports.length);
        for (int p : ports) {
            l.add(p);
        }
        return List.copyOf(l);
    }

    public int size() {
        return ports.length;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof MipPorts m && Arrays.equals(ports, m.ports);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(ports);
    }

    @Override
    public String toString() {
        return list().toString();
    }
}
