package org.multitunnel.capture.synth;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import org.multitunnel.wire.fast.TunnelEncapsulation;

/**
 * The concrete scenario drawn from a {@link ScenarioSpec}: mobile nodes with their home agent, bindings (care-of
 * address, BID, access technology, encapsulation, GRE key or UDP port) and conversations with correspondent nodes,
 * some pinned to a BID by a flow binding and some moving between bindings half-way. Addresses come from documentation
 * ranges (192.0.2/24 HAs, 198.51.100/24 care-of addresses, 10.1/16 home addresses, 172.16/12 correspondents; large
 * scenarios continue care-of addresses in 100.64/10).
 */
final class Plan {
    /** Encapsulations handed out round-robin, so every scenario with four bindings covers all of them. */
    static final TunnelEncapsulation[] ENCAPSULATIONS = {TunnelEncapsulation.IPIP, TunnelEncapsulation.GRE, TunnelEncapsulation.MINENC,
            TunnelEncapsulation.UDP};
    /** RFC 5213 access technology types used: IEEE 802.11a/b/g (4), IEEE 802.3 (3), IEEE 802.16e (5), virtual (1). */
    static final int[] ACCESS_TECHNOLOGIES = {4, 3, 5, 1};

    record Binding(int tunnel, int node, int bid, int careOf, int ifAtt, int ifLabel, TunnelEncapsulation encapsulation,
            long greKey, int mnPort) {
    }

    record Node(int index, int homeAddress, int homeAgent, String nai, long spi, byte[] key, List<Binding> bindings) {
    }

    /**
     * A bidirectional conversation between a correspondent and a mobile node: directional flows 2*index (CN to MN,
     * tunnelled towards the care-of address) and 2*index+1 (MN to CN, reverse-tunnelled towards the HA).
     *
     * @param first      binding (index into the node's bindings) used until {@code switchAtNanos}
     * @param second     binding used from {@code switchAtNanos} on
     * @param pinnedBid  BID a flow binding pins the conversation to, or 0
     * @param kind       what its packets look like: {@link #UNIFORM}, or for {@link ScenarioSpec.Traffic#MIXED}
     *                   {@link #BULK}, {@link #WEB} or {@link #RTP}
     */
    record Conversation(int index, Node node, int correspondent, int protocol, int cnPort, int mnPort, int weight,
            int first, int second, long switchAtNanos, int pinnedBid, int kind) {
        Binding bindingAt(long t) {
            return node.bindings().get(t < switchAtNanos ? first : second);
        }
    }

    /** Conversation kinds: the original random-size mix, a TLS bulk download, a web exchange, an RTP call. */
    static final int UNIFORM = 0;
    static final int BULK = 1;
    static final int WEB = 2;
    static final int RTP = 3;

    final ScenarioSpec spec;
    final List<Node> nodes = new ArrayList<>();
    final List<Binding> bindings = new ArrayList<>();
    final List<Conversation> conversations = new ArrayList<>();
    /** Index into {@link #conversations} of each node's first conversation. */
    private final List<Integer> firstConversation = new ArrayList<>();
    final long startNanos;
    final long dataStartNanos;
    final long endNanos;

    Plan(ScenarioSpec spec) {
        this.spec = spec;
        this.startNanos = spec.startSeconds() * 1_000_000_000L;
        this.dataStartNanos = startNanos + 1_000_000_000L;
        this.endNanos = startNanos + spec.seconds() * 1_000_000_000L;
        SplittableRandom rnd = new SplittableRandom(spec.seed());
        int homeAgents = Math.max(1, (spec.mobileNodes() + 63) / 64);
        int correspondents = 0;
        for (int m = 0; m < spec.mobileNodes(); m++) {
            int ha = ipv4(192, 0, 2, 1 + m % homeAgents);
            byte[] key = new byte[16];
            for (int i = 0; i < key.length; i++) {
                key[i] = (byte) rnd.nextInt(256);
            }
            List<Binding> nb = new ArrayList<>();
            Node node = new Node(m, ipv4(10, 1, 0, 0) + m + 1, ha, "mn" + (m + 1) + "@example.net", 0x100 + m, key, nb);
            int k = spec.minCareOf() + rnd.nextInt(spec.maxCareOf() - spec.minCareOf() + 1);
            for (int b = 0; b < k; b++) {
                int t = bindings.size();
                int coa = t < 254 ? ipv4(198, 51, 100, t + 1) : ipv4(100, 64, 0, 0) + t + 1;
                TunnelEncapsulation e = ENCAPSULATIONS[t % ENCAPSULATIONS.length];
                long greKey = e == TunnelEncapsulation.GRE ? 1 + rnd.nextLong(0xffff_fffeL) : -1;
                Binding binding = new Binding(t, m, b + 1, coa, ACCESS_TECHNOLOGIES[b % ACCESS_TECHNOLOGIES.length],
                        b + 1, e, greKey, 49152 + rnd.nextInt(16000));
                nb.add(binding);
                bindings.add(binding);
            }
            nodes.add(node);
            firstConversation.add(conversations.size());
            int conv = Math.max(k + 1, 3 + rnd.nextInt(4)); // at least one conversation starts on each binding
            for (int c = 0; c < conv; c++) {
                if (spec.traffic() == ScenarioSpec.Traffic.MIXED) {
                    mixedConversation(rnd, node, k, c, m, correspondents++);
                    continue;
                }
                boolean udp = rnd.nextInt(3) != 0;
                int first = c % k;
                boolean pinned = spec.flowBindings() && m % 2 == 0 && c == 0;
                boolean moves = !pinned && k > 1 && rnd.nextBoolean();
                long switchAt = moves ? dataStartNanos + (1 + rnd.nextLong(spec.seconds() * 1000L - 1000)) * 1_000_000L
                        : Long.MAX_VALUE;
                int second = moves ? (first + 1) % k : first;
                int cn = ipv4(172, 16, 0, 0) + (correspondents++ % 65_000) + 1;
                conversations.add(new Conversation(conversations.size(), node, cn, udp ? 17 : 6,
                        udp ? 5000 + rnd.nextInt(100) : 443, 32768 + rnd.nextInt(28000), 1 + rnd.nextInt(4),
                        pinned ? 0 : first, pinned ? 0 : second, pinned ? Long.MAX_VALUE : switchAt,
                        pinned ? 1 : 0, UNIFORM));
            }
        }
    }

    /**
     * One conversation of the {@link ScenarioSpec.Traffic#MIXED} mix: 30 % TLS bulk downloads (heavy), 40 % web
     * exchanges over TLS, 30 % RTP calls; all on TCP 443 or an even RTP port pair. Pinning and moving between
     * bindings work as in the uniform mix.
     */
    private void mixedConversation(SplittableRandom rnd, Node node, int k, int c, int m, int correspondent) {
        int draw = rnd.nextInt(10);
        int kind = draw < 3 ? BULK : draw < 7 ? WEB : RTP;
        int first = c % k;
        boolean pinned = spec.flowBindings() && m % 2 == 0 && c == 0;
        boolean moves = !pinned && k > 1 && rnd.nextBoolean();
        long switchAt = moves ? dataStartNanos + (1 + rnd.nextLong(spec.seconds() * 1000L - 1000)) * 1_000_000L
                : Long.MAX_VALUE;
        int second = moves ? (first + 1) % k : first;
        int cn = ipv4(172, 16, 0, 0) + (correspondent % 65_000) + 1;
        boolean rtp = kind == RTP;
        int cnPort = rtp ? 16384 + 2 * rnd.nextInt(8000) : 443;
        int mnPort = rtp ? 16384 + 2 * rnd.nextInt(8000) : 32768 + rnd.nextInt(28000);
        int weight = switch (kind) {
            case BULK -> 7 + rnd.nextInt(6);
            case WEB -> 1 + rnd.nextInt(3);
            default -> 2 + rnd.nextInt(2);
        };
        conversations.add(new Conversation(conversations.size(), node, cn, rtp ? 17 : 6, cnPort, mnPort, weight,
                pinned ? 0 : first, pinned ? 0 : second, pinned ? Long.MAX_VALUE : switchAt, pinned ? 1 : 0,
                kind));
    }

    /** The node's conversations in plan order (they are created node by node, so they are contiguous). */
    List<Conversation> conversationsOf(Node node) {
        int from = firstConversation.get(node.index());
        int to = node.index() + 1 < firstConversation.size() ? firstConversation.get(node.index() + 1)
                : conversations.size();
        return conversations.subList(from, to);
    }

    static int ipv4(int a, int b, int c, int d) {
        return a << 24 | b << 16 | c << 8 | d;
    }
}
