package org.multitunnel.capture.synth;

/**
 * What a synthesized multipath scenario should contain; together with the seed it determines the capture byte for
 * byte, so tests and benchmarks can regenerate any file instead of storing it.
 *
 * @param mobileNodes     number of mobile nodes (1 .. 65 000)
 * @param minCareOf       fewest care-of addresses (bindings) per mobile node, 1 .. 8
 * @param maxCareOf       most care-of addresses per mobile node, minCareOf .. 8
 * @param seconds         length of the scenario; data flows from second 1 to the end
 * @param packetsPerSecond tunnelled data packets per second over all tunnels (signalling comes on top)
 * @param seed            everything random (addresses, keys, ports, sizes, timing) derives from it
 * @param startSeconds    capture time of the first packet, seconds since the epoch
 * @param lifetime        registration lifetime; bindings are re-registered after two thirds of it
 * @param flowBindings    send RFC 7629 flow binding requests that pin some flows to one BID
 * @param intervalNanos   series bucket width of the ground truth
 * @param mipPort         UDP port of the Mobile IP signalling and of the home agent's end of RFC 3519 UDP tunnels
 *                        (434; another port gives a test bed's capture, which a pcapng then records, see
 *                        docs/decode-as.md)
 * @param traffic         what the tunnelled data looks like (see {@link Traffic})
 */
public record ScenarioSpec(int mobileNodes, int minCareOf, int maxCareOf, int seconds, int packetsPerSecond,
        long seed, long startSeconds, int lifetime, boolean flowBindings, long intervalNanos, int mipPort,
        Traffic traffic) {
    public static final long DEFAULT_START_SECONDS = 1_700_000_000L;

    /**
     * The inner traffic mix. {@link #UNIFORM}: the original mix (random sizes, zero payloads; the committed
     * scenarios use it, so it must never change). {@link #MIXED}: what an operator's HA link carries and what
     * benchmarks against tshark need to be representative — TLS over TCP 443 bulk downloads (full 1460-byte
     * segments down, ACKs up) and web exchanges (requests up, responses down), and RTP-sized UDP (172-byte
     * payloads, both ways), with TLS record headers and non-zero payload bytes.
     */
    public enum Traffic {
        UNIFORM, MIXED
    }

    public ScenarioSpec {
        if (mobileNodes < 1 || mobileNodes > 65_000) {
            throw new IllegalArgumentException("mobile nodes must be 1..65000: " + mobileNodes);
        }
        if (minCareOf < 1 || maxCareOf > 8 || minCareOf > maxCareOf) {
            throw new IllegalArgumentException("care-of addresses per node must satisfy 1 <= min <= max <= 8: "
                    + minCareOf + ".." + maxCareOf);
        }
        if (seconds < 2 || seconds > 86_400) {
            throw new IllegalArgumentException("seconds must be 2..86400: " + seconds);
        }
        if (packetsPerSecond < 1 || (long) packetsPerSecond * seconds > 200_000_000L) {
            throw new IllegalArgumentException("packets per second must be >= 1 and total <= 2e8: " + packetsPerSecond);
        }
        if (lifetime < 3 || lifetime > 0xfffe) {
            throw new IllegalArgumentException("lifetime must be 3..65534 s: " + lifetime);
        }
        if (intervalNanos <= 0) {
            throw new IllegalArgumentException("interval must be positive: " + intervalNanos);
        }
        if (mipPort < 1 || mipPort > 65535) {
            throw new IllegalArgumentException("the Mobile IP port must be 1..65535: " + mipPort);
        }
        if (traffic == null) {
            throw new IllegalArgumentException("traffic mix is required");
        }
    }

    /** A scenario on UDP 434, the registered Mobile IP port. */
    public ScenarioSpec(int mobileNodes, int minCareOf, int maxCareOf, int seconds, int packetsPerSecond, long seed,
            long startSeconds, int lifetime, boolean flowBindings, long intervalNanos) {
        this(mobileNodes, minCareOf, maxCareOf, seconds, packetsPerSecond, seed, startSeconds, lifetime, flowBindings,
                intervalNanos, FrameCrafter.MIP_PORT, Traffic.UNIFORM);
    }

    /** 3 mobile nodes with 2–4 care-of addresses, 60 s at 50 packets/s, flow bindings on, seed 1. */
    public static ScenarioSpec demo() {
        return new ScenarioSpec(3, 2, 4, 60, 50, 1, DEFAULT_START_SECONDS, 300, true, 1_000_000_000L);
    }

    public ScenarioSpec withMobileNodes(int n) {
        return new ScenarioSpec(n, minCareOf, maxCareOf, seconds, packetsPerSecond, seed, startSeconds, lifetime,
                flowBindings, intervalNanos, mipPort, traffic);
    }

    public ScenarioSpec withCareOf(int min, int max) {
        return new ScenarioSpec(mobileNodes, min, max, seconds, packetsPerSecond, seed, startSeconds, lifetime,
                flowBindings, intervalNanos, mipPort, traffic);
    }

    public ScenarioSpec withSeconds(int s) {
        return new ScenarioSpec(mobileNodes, minCareOf, maxCareOf, s, packetsPerSecond, seed, startSeconds, lifetime,
                flowBindings, intervalNanos, mipPort, traffic);
    }

    public ScenarioSpec withPacketsPerSecond(int pps) {
        return new ScenarioSpec(mobileNodes, minCareOf, maxCareOf, seconds, pps, seed, startSeconds, lifetime,
                flowBindings, intervalNanos, mipPort, traffic);
    }

    public ScenarioSpec withSeed(long s) {
        return new ScenarioSpec(mobileNodes, minCareOf, maxCareOf, seconds, packetsPerSecond, s, startSeconds,
                lifetime, flowBindings, intervalNanos, mipPort, traffic);
    }

    public ScenarioSpec withLifetime(int s) {
        return new ScenarioSpec(mobileNodes, minCareOf, maxCareOf, seconds, packetsPerSecond, seed, startSeconds, s,
                flowBindings, intervalNanos, mipPort, traffic);
    }

    public ScenarioSpec withFlowBindings(boolean on) {
        return new ScenarioSpec(mobileNodes, minCareOf, maxCareOf, seconds, packetsPerSecond, seed, startSeconds,
                lifetime, on, intervalNanos, mipPort, traffic);
    }

    /** The same scenario with its Mobile IP on UDP {@code port} instead of 434. */
    public ScenarioSpec withMipPort(int port) {
        return new ScenarioSpec(mobileNodes, minCareOf, maxCareOf, seconds, packetsPerSecond, seed, startSeconds,
                lifetime, flowBindings, intervalNanos, port, traffic);
    }

    public ScenarioSpec withIntervalNanos(long ns) {
        return new ScenarioSpec(mobileNodes, minCareOf, maxCareOf, seconds, packetsPerSecond, seed, startSeconds,
                lifetime, flowBindings, ns, mipPort, traffic);
    }

    public ScenarioSpec withTraffic(Traffic t) {
        return new ScenarioSpec(mobileNodes, minCareOf, maxCareOf, seconds, packetsPerSecond, seed, startSeconds,
                lifetime, flowBindings, intervalNanos, mipPort, t);
    }
}
