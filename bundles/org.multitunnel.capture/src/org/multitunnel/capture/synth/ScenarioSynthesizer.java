package org.multitunnel.capture.synth;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;

import org.multitunnel.capture.write.PcapWriter;
import org.multitunnel.capture.write.PcapngWriter;
import org.multitunnel.wire.dissect.Addresses;
import org.multitunnel.wire.fast.TunnelEncapsulation;
import org.multitunnel.wire.mip.MipFields;
import org.multitunnel.wire.mip.RegistrationReply;
import org.multitunnel.wire.mip.RegistrationRequest;
import org.multitunnel.wire.mip.auth.SecurityAssociation;
import org.multitunnel.wire.mip.ext.ExtensionTypes;
import org.multitunnel.wire.mip.ext.FlowBindingExtension;
import org.multitunnel.wire.mip.ext.MultipathExtension;
import org.multitunnel.wire.mip.ext.NaiExtension;
import org.multitunnel.wire.mip.ext.TrafficSelector;
import org.multitunnel.wire.mip.ext.UdpTunnelReplyExtension;
import org.multitunnel.wire.mip.ext.UdpTunnelRequestExtension;

/**
 * Writes multipath Mobile IP scenario captures with their exact ground truth, so attribution and analysis tests check
 * totals against what was sent rather than against another parser, and benchmarks can generate captures of any size
 * from a seed. A scenario ({@link ScenarioSpec}): mobile nodes with several care-of addresses each register every
 * binding with RFC 7629 (a Registration Request per BID with the Multipath extension, NAI and MN-HA authenticator;
 * an accepting reply), optionally pin a flow with a Flow Binding extension, re-register before the lifetime ends, and
 * exchange tunnelled data with correspondents over IP-in-IP, GRE with a key, minimal encapsulation and RFC 3519 UDP
 * tunnels, in both directions (reverse tunnelling). Capture point: the home agent's link (Ethernet). Output is
 * deterministic: same spec, same bytes.
 */
public final class ScenarioSynthesizer {
    /** Capture file layout. */
    public enum Format {
        PCAP, PCAPNG
    }

    /**
     * The Flow Binding Action value sent. RFC 7629 §4.2's value table could not be consulted here (the wire bundle's
     * {@code FlowBindingActions} names none), so the number is recorded in the ground truth as sent, not named.
     */
    public static final int FLOW_BINDING_ACTION = 1;
    private static final long NTP_EPOCH_OFFSET = 2_208_988_800L;
    private static final long US = 1_000L;
    private static final long MS = 1_000_000L;
    private static final long S = 1_000_000_000L;

    private ScenarioSynthesizer() {
    }

    /** Writes the capture to {@code out} and the ground truth to {@link #expectedJsonPath(Path)}. */
    public static GroundTruth write(ScenarioSpec spec, Path out, Format format) throws IOException {
        GroundTruth truth = writeCapture(spec, out, format);
        Files.writeString(expectedJsonPath(out), GroundTruthJson.write(truth, out.getFileName().toString()),
                StandardCharsets.UTF_8);
        return truth;
    }

    /** {@code demo.pcapng} → {@code demo.expected.json} in the same directory. */
    public static Path expectedJsonPath(Path capture) {
        String name = capture.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return capture.resolveSibling((dot > 0 ? name.substring(0, dot) : name) + ".expected.json");
    }

    /** Writes only the capture and returns its ground truth. */
    public static GroundTruth writeCapture(ScenarioSpec spec, Path out, Format format) throws IOException {
        Plan plan = new Plan(spec);
        List<Signal> signals = signalling(plan);
        try (Sink sink = new Sink(out, format, spec)) {
            return run(plan, signals, sink, format == Format.PCAP ? "pcap" : "pcapng");
        }
    }

    /** A signalling frame ready to write at its time, with what the ground truth records about it. */
    private record Signal(long timeNanos, byte[] frame, Object truth) {
    }

    private static List<Signal> signalling(Plan plan) {
        ScenarioSpec spec = plan.spec;
        FrameCrafter crafter = new FrameCrafter(spec.mipPort());
        List<Signal> out = new ArrayList<>();
        int nodes = plan.nodes.size();
        long slot = 600 * MS / nodes;
        long refresh = spec.lifetime() * 2L * S / 3;
        for (long round = 0; plan.startNanos + round * refresh < plan.endNanos; round++) {
            long base = plan.startNanos + round * refresh;
            for (Plan.Node node : plan.nodes) {
                SecurityAssociation sa = SecurityAssociation.hmacMd5(node.spi(), node.key());
                List<Plan.Binding> bs = node.bindings();
                for (int b = 0; b < bs.size(); b++) {
                    long t = micros(base + node.index() * slot + b * slot / (bs.size() + 1));
                    register(crafter, out, plan, node, bs.get(b), sa, t);
                }
                if (round == 0 && spec.flowBindings()) {
                    for (Plan.Conversation c : plan.conversationsOf(node)) {
                        if (c.pinnedBid() != 0) {
                            long t = micros(plan.startNanos + 700 * MS + node.index() * (250 * MS / nodes));
                            bindFlow(crafter, out, node, c, sa, t, spec.lifetime());
                        }
                    }
                }
            }
        }
        out.sort(Comparator.comparingLong(Signal::timeNanos));
        return out;
    }

    private static void register(FrameCrafter crafter, List<Signal> out, Plan plan, Plan.Node node, Plan.Binding b,
            SecurityAssociation sa, long t) {
        int lifetime = plan.spec.lifetime();
        RegistrationRequest.Builder rq = RegistrationRequest.builder().flag(RegistrationRequest.S, true)
                .flag(RegistrationRequest.D, true).flag(RegistrationRequest.T, true)
                .flag(RegistrationRequest.M, b.encapsulation() == TunnelEncapsulation.MINENC)
                .flag(RegistrationRequest.G, b.encapsulation() == TunnelEncapsulation.GRE).lifetime(lifetime)
                .homeAddress(node.homeAddress()).homeAgent(node.homeAgent()).careOfAddress(b.careOf())
                .identification(ntp(t)).extension(NaiExtension.of(node.nai()))
                .extension(MultipathExtension.builder().ifAtt(b.ifAtt()).ifLabel(b.ifLabel()).bid(b.bid()).build());
        if (b.encapsulation() == TunnelEncapsulation.UDP) {
            rq.extension(UdpTunnelRequestExtension.of(4, false, false)); // RFC 3519: IP in IP inside UDP
        }
        RegistrationRequest request = rq.authenticate(ExtensionTypes.MN_HA_AUTH, sa).build();
        // RFC 7629 §4.1: the home agent MUST NOT add the Multipath Extension to the Registration Reply.
        RegistrationReply.Builder rp = RegistrationReply.replyTo(request).code(0);
        if (b.encapsulation() == TunnelEncapsulation.UDP) {
            rp.extension(UdpTunnelReplyExtension.of(0, false, 110));
        }
        RegistrationReply reply = rp.authenticate(ExtensionTypes.MN_HA_AUTH, sa).build();
        long replyAt = t + 1500 * US;
        GroundTruth.Registration r = new GroundTruth.Registration(t, replyAt, Addresses.ipv4(node.homeAddress()),
                Addresses.ipv4(node.homeAgent()), Addresses.ipv4(b.careOf()), b.bid(), b.ifAtt(), b.ifLabel(),
                b.encapsulation().contractName(), lifetime, 0, request.identification());
        int port = b.mnPort();
        out.add(new Signal(t, crafter.signalling(b.careOf(), node.homeAgent(), port, crafter.mipPort(),
                request.encode(), true), r));
        out.add(new Signal(replyAt, crafter.signalling(node.homeAgent(), b.careOf(), crafter.mipPort(), port,
                reply.encode(), false), null));
    }

    private static void bindFlow(FrameCrafter crafter, List<Signal> out, Plan.Node node, Plan.Conversation c,
            SecurityAssociation sa, long t, int lifetime) {
        Plan.Binding b = node.bindings().get(0);
        String cn = Addresses.ipv4(c.correspondent());
        TrafficSelector ts = TrafficSelector.builder(TrafficSelector.FORMAT_IPV4).address(MipFields.TS_SRC_START, cn)
                .value(MipFields.TS_PROTO_START, c.protocol()).build();
        RegistrationRequest request = RegistrationRequest.builder().flag(RegistrationRequest.S, true)
                .flag(RegistrationRequest.D, true).flag(RegistrationRequest.T, true)
                .flag(RegistrationRequest.M, b.encapsulation() == TunnelEncapsulation.MINENC)
                .flag(RegistrationRequest.G, b.encapsulation() == TunnelEncapsulation.GRE).lifetime(lifetime)
                .homeAddress(node.homeAddress()).homeAgent(node.homeAgent()).careOfAddress(b.careOf())
                .identification(ntp(t)).extension(NaiExtension.of(node.nai()))
                .extension(MultipathExtension.builder().ifAtt(b.ifAtt()).ifLabel(b.ifLabel()).bid(b.bid()).build())
                .extension(FlowBindingExtension.builder().action(FLOW_BINDING_ACTION).bids(c.pinnedBid())
                        .selector(ts).build())
                .authenticate(ExtensionTypes.MN_HA_AUTH, sa).build();
        RegistrationReply reply = RegistrationReply.replyTo(request).code(0)
                .authenticate(ExtensionTypes.MN_HA_AUTH, sa).build();
        GroundTruth.FlowBinding fb = new GroundTruth.FlowBinding(t, Addresses.ipv4(node.homeAddress()),
                FLOW_BINDING_ACTION, List.of(c.pinnedBid()), ts.text());
        out.add(new Signal(t, crafter.signalling(b.careOf(), node.homeAgent(), b.mnPort(), crafter.mipPort(),
                request.encode(), true), fb));
        out.add(new Signal(t + 1500 * US, crafter.signalling(node.homeAgent(), b.careOf(), crafter.mipPort(),
                b.mnPort(), reply.encode(), false), null));
    }

    private static GroundTruth run(Plan plan, List<Signal> signals, Sink sink, String format) throws IOException {
        ScenarioSpec spec = plan.spec;
        SplittableRandom rnd = new SplittableRandom(spec.seed() ^ 0x5DEECE66DL);
        FrameCrafter crafter = new FrameCrafter(spec.mipPort());
        int tunnels = plan.bindings.size();
        long[] counters = new long[4 * tunnels]; // toCoA packets, toCoA bytes, toHA packets, toHA bytes
        // per tunnel: (bucket, bytes, packets) triples; data times only grow, so buckets are appended in order
        long[][] series = new long[tunnels][];
        int[] seriesLength = new int[tunnels];
        for (int i = 0; i < tunnels; i++) {
            series[i] = new long[3 * 16];
        }
        int flows = 2 * plan.conversations.size();
        List<TreeMap<Integer, long[]>> uses = new ArrayList<>(flows); // tunnel -> first, last, packets, bytes
        for (int i = 0; i < flows; i++) {
            uses.add(new TreeMap<>());
        }
        long[] tcpSeq = new long[flows];
        int[] cumulative = new int[plan.conversations.size()];
        int total = 0;
        for (int c = 0; c < cumulative.length; c++) {
            total += plan.conversations.get(c).weight();
            cumulative[c] = total;
        }
        List<GroundTruth.Registration> registrations = new ArrayList<>();
        List<GroundTruth.FlowBinding> flowBindings = new ArrayList<>();
        long dataPackets = (long) (spec.seconds() - 1) * spec.packetsPerSecond();
        long spanMicros = (plan.endNanos - plan.dataStartNanos) / US;
        long packets = 0;
        long first = Long.MAX_VALUE;
        long last = Long.MIN_VALUE;
        int s = 0;
        for (long i = 0; i < dataPackets; i++) {
            long t = plan.dataStartNanos + (i * spanMicros / dataPackets) * US;
            while (s < signals.size() && signals.get(s).timeNanos() <= t) {
                Signal sig = signals.get(s++);
                sink.write(sig.timeNanos(), sig.frame(), sig.frame().length);
                packets++;
                first = Math.min(first, sig.timeNanos());
                last = Math.max(last, sig.timeNanos());
                if (sig.truth() instanceof GroundTruth.Registration r) {
                    registrations.add(r);
                } else if (sig.truth() instanceof GroundTruth.FlowBinding f) {
                    flowBindings.add(f);
                }
            }
            int pick = rnd.nextInt(total);
            int c = firstAbove(cumulative, pick);
            Plan.Conversation conv = plan.conversations.get(c);
            Plan.Binding b = conv.bindingAt(t);
            boolean down;
            int payload;
            switch (conv.kind()) {
                case Plan.BULK -> { // full segments down, one ACK up per two segments
                    down = rnd.nextInt(3) != 0;
                    payload = down ? 1460 : 0;
                }
                case Plan.WEB -> { // responses down (half of them full segments); requests or ACKs up
                    down = rnd.nextInt(100) < 55;
                    payload = down ? (rnd.nextBoolean() ? 1460 : 100 + rnd.nextInt(1360))
                            : rnd.nextInt(5) < 3 ? 0 : 300 + rnd.nextInt(500);
                }
                case Plan.RTP -> { // 20 ms of G.711 each way: 12-byte RTP header + 160 bytes
                    down = rnd.nextBoolean();
                    payload = 172;
                }
                default -> {
                    down = rnd.nextInt(100) < 65;
                    payload = down ? 200 + rnd.nextInt(1200) : 40 + rnd.nextInt(160);
                }
            }
            int content = conv.kind() == Plan.UNIFORM ? FrameCrafter.ZEROS
                    : conv.kind() == Plan.RTP ? FrameCrafter.RTP : FrameCrafter.TLS;
            int flow = 2 * c + (down ? 0 : 1);
            int hoa = conv.node().homeAddress();
            // the uniform mix always acknowledged 1 (kept: committed captures); the mixed one acknowledges what the
            // reverse flow sent, as TCP does (tshark keeps every unacknowledged segment, so a constant ACK makes
            // its sequence analysis quadratic and the capture useless as a benchmark)
            long ack = content == FrameCrafter.TLS ? tcpSeq[flow ^ 1] : 1;
            if (down) {
                crafter.data(b, conv.node().homeAgent(), true, conv.correspondent(), hoa, conv.protocol(),
                        conv.cnPort(), conv.mnPort(), payload, tcpSeq[flow], ack, content);
            } else {
                crafter.data(b, conv.node().homeAgent(), false, hoa, conv.correspondent(), conv.protocol(),
                        conv.mnPort(), conv.cnPort(), payload, tcpSeq[flow], ack, content);
            }
            tcpSeq[flow] += content == FrameCrafter.RTP ? 1 : payload;
            sink.write(t, crafter.frame(), crafter.length());
            packets++;
            first = Math.min(first, t);
            last = Math.max(last, t);
            long bytes = crafter.outerTotalLength();
            int k = 4 * b.tunnel() + (down ? 0 : 2);
            counters[k]++;
            counters[k + 1] += bytes;
            long bucket = Math.floorDiv(t, spec.intervalNanos());
            int tn = b.tunnel();
            int n = seriesLength[tn];
            if (n == 0 || series[tn][3 * (n - 1)] != bucket) {
                if (3 * (n + 1) > series[tn].length) {
                    series[tn] = java.util.Arrays.copyOf(series[tn], series[tn].length * 2);
                }
                series[tn][3 * n] = bucket;
                seriesLength[tn] = ++n;
            }
            series[tn][3 * (n - 1) + 1] += bytes;
            series[tn][3 * (n - 1) + 2]++;
            long[] use = uses.get(flow).computeIfAbsent(b.tunnel(), x -> new long[] {t, t, 0, 0});
            use[1] = t;
            use[2]++;
            use[3] += bytes;
        }
        while (s < signals.size()) {
            Signal sig = signals.get(s++);
            sink.write(sig.timeNanos(), sig.frame(), sig.frame().length);
            packets++;
            first = Math.min(first, sig.timeNanos());
            last = Math.max(last, sig.timeNanos());
            if (sig.truth() instanceof GroundTruth.Registration r) {
                registrations.add(r);
            } else if (sig.truth() instanceof GroundTruth.FlowBinding f) {
                flowBindings.add(f);
            }
        }
        return new GroundTruth(plan, format, packets, dataPackets, first, last, registrations, flowBindings,
                expectedTunnels(plan, counters, series, seriesLength), expectedFlows(plan, uses));
    }

    private static List<GroundTruth.ExpectedTunnel> expectedTunnels(Plan plan, long[] counters, long[][] series,
            int[] seriesLength) {
        List<GroundTruth.ExpectedTunnel> out = new ArrayList<>();
        for (Plan.Binding b : plan.bindings) {
            Plan.Node node = plan.nodes.get(b.node());
            List<GroundTruth.Bucket> buckets = new ArrayList<>();
            long[] sr = series[b.tunnel()];
            for (int i = 0; i < seriesLength[b.tunnel()]; i++) {
                buckets.add(new GroundTruth.Bucket(sr[3 * i] * plan.spec.intervalNanos(), sr[3 * i + 1],
                        sr[3 * i + 2]));
            }
            boolean udp = b.encapsulation() == TunnelEncapsulation.UDP;
            int k = 4 * b.tunnel();
            out.add(new GroundTruth.ExpectedTunnel(Addresses.ipv4(node.homeAgent()), Addresses.ipv4(b.careOf()),
                    b.encapsulation().contractName(), b.greKey(), udp ? plan.spec.mipPort() : -1,
                    udp ? b.mnPort() : -1, Addresses.ipv4(node.homeAddress()), b.bid(), counters[k], counters[k + 1],
                    counters[k + 2], counters[k + 3], buckets));
        }
        return out;
    }

    private static List<GroundTruth.ExpectedFlow> expectedFlows(Plan plan, List<TreeMap<Integer, long[]>> uses) {
        List<GroundTruth.ExpectedFlow> out = new ArrayList<>();
        for (Plan.Conversation c : plan.conversations) {
            for (int dir = 0; dir < 2; dir++) {
                TreeMap<Integer, long[]> u = uses.get(2 * c.index() + dir);
                if (u.isEmpty()) {
                    continue;
                }
                List<GroundTruth.ExpectedUse> list = new ArrayList<>();
                for (Map.Entry<Integer, long[]> e : u.entrySet()) {
                    Plan.Binding b = plan.bindings.get(e.getKey());
                    long[] v = e.getValue();
                    list.add(new GroundTruth.ExpectedUse(Addresses.ipv4(c.node().homeAgent()),
                            Addresses.ipv4(b.careOf()), b.encapsulation().contractName(), v[0], v[1], v[2], v[3]));
                }
                list.sort(Comparator.comparingLong(GroundTruth.ExpectedUse::firstNanos));
                String cn = Addresses.ipv4(c.correspondent());
                String hoa = Addresses.ipv4(c.node().homeAddress());
                out.add(dir == 0
                        ? new GroundTruth.ExpectedFlow(cn, hoa, c.protocol(), c.cnPort(), c.mnPort(), list)
                        : new GroundTruth.ExpectedFlow(hoa, cn, c.protocol(), c.mnPort(), c.cnPort(), list));
            }
        }
        return out;
    }

    /** The first index whose cumulative weight exceeds {@code pick} (binary search: thousands of conversations). */
    private static int firstAbove(int[] cumulative, int pick) {
        int lo = 0;
        int hi = cumulative.length - 1;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (cumulative[mid] <= pick) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    private static long micros(long nanos) {
        return nanos / US * US;
    }

    /** RFC 5944 §5.7 timestamp identification: NTP seconds and fraction of the request time. */
    private static long ntp(long nanos) {
        long seconds = nanos / S + NTP_EPOCH_OFFSET;
        long fraction = ((nanos % S) << 32) / S;
        return seconds << 32 | fraction;
    }

    /** The capture writer behind one interface (Ethernet), microsecond timestamps in both formats. */
    private static final class Sink implements AutoCloseable {
        private final PcapWriter pcap;
        private final PcapngWriter pcapng;
        private final int itf;

        Sink(Path out, Format format, ScenarioSpec spec) throws IOException {
            if (format == Format.PCAP) {
                pcap = PcapWriter.create(out, 1, 65_535, PcapWriter.Precision.MICROSECONDS, false);
                pcapng = null;
                itf = -1;
            } else {
                pcap = null;
                // Mobile IP off 434 is recorded in the file (multitunnel:decode-as), so it opens decoded anyway
                pcapng = PcapngWriter.create(out, "MultiTunnel synthesized multipath scenario, seed " + spec.seed(),
                        spec.mipPort() == FrameCrafter.MIP_PORT ? List.of() : List.of(spec.mipPort()), false);
                itf = pcapng.addInterface(1, 65_535, "ha-link");
            }
        }

        void write(long t, byte[] frame, int length) throws IOException {
            ByteBuffer data = ByteBuffer.wrap(frame, 0, length);
            if (pcap != null) {
                pcap.write(t, data, length);
            } else {
                pcapng.write(itf, t, data, length);
            }
        }

        @Override
        public void close() throws IOException {
            if (pcap != null) {
                pcap.close();
            } else {
                pcapng.close();
            }
        }
    }
}
