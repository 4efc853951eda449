package org.multitunnel.analysis;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.eclipse.emf.ecore.EObject;
import org.multitunnel.analysis.dataplane.PolicyChecks;
import org.multitunnel.analysis.dataplane.UnboundTunnelCheck;
import org.multitunnel.analysis.registration.Mip6Analyzer;
import org.multitunnel.analysis.registration.SignallingAnalyzer;
import org.multitunnel.capture.DecodeAsResolver;
import org.multitunnel.capture.PacketView;
import org.multitunnel.capture.ReadWarning;
import org.multitunnel.capture.tunnel.FlowTunnelUse;
import org.multitunnel.capture.tunnel.InnerFlow;
import org.multitunnel.capture.tunnel.TunnelAccounting;
import org.multitunnel.capture.tunnel.TunnelReport;
import org.multitunnel.capture.tunnel.TunnelSeries;
import org.multitunnel.model.Binding;
import org.multitunnel.model.Encapsulation;
import org.multitunnel.model.MobileNode;
import org.multitunnel.model.ModelUpdater;
import org.multitunnel.model.MultitunnelPackage;
import org.multitunnel.model.Severity;
import org.multitunnel.model.Tunnel;
import org.multitunnel.wire.fast.PacketKind;
import org.multitunnel.wire.fast.PacketSummary;
import org.multitunnel.wire.fast.TunnelEncapsulation;

/**
 * The analysis as a stream that can be looked at before it ends: {@link #packet} takes packets one by one (any
 * source: a file pass, a file being followed during a live capture), {@link #publish} writes the tunnels, their
 * traffic and series so far to the model, and {@link #finish} does the capture-wide checks once. Bindings and
 * per-packet findings reach the model as the packets arrive. {@link CaptureAnalyzer} is this over a whole file,
 * so a live capture and the same capture opened later are analysed by the same code. Not thread-safe: one thread
 * feeds, publishes and finishes.
 */
public final class IncrementalAnalysis {
    private final AnalysisOptions options;
    private final ModelUpdater updater;
    private final TunnelAccounting accounting;
    private final SignallingAnalyzer signalling;
    private final UnboundTunnelCheck unbound;
    private final Mip6Analyzer mip6;
    private long last;
    private long packets;
    private boolean finished;
    /** Per tunnel (HA, CoA, encapsulation, key, ports): packet total and buckets shown at the last publication. */
    private final Map<String, List<Long>> published = new HashMap<>();

    public IncrementalAnalysis(AnalysisOptions options, ModelUpdater updater) {
        this(options, updater, new TunnelAccounting(options.intervalNanos(), new DecodeAsResolver(options.mip())));
    }

    /**
     * For a capture read in chunks ({@link CaptureAnalyzer}): the tunnel accounting was done by the chunks and
     * merged; the packets' analysis is replayed in frame order through {@link #signallingMessage},
     * {@link #mobility}, {@link #tunnelData}, {@link #mip6Data} and {@link #observe}, the same steps {@link #packet}
     * takes.
     */
    IncrementalAnalysis(AnalysisOptions options, ModelUpdater updater, TunnelAccounting accounting) {
        this.options = options;
        this.updater = updater;
        this.accounting = accounting;
        this.signalling = new SignallingAnalyzer(updater, options);
        this.unbound = new UnboundTunnelCheck(updater, signalling.homeAgents());
        this.mip6 = new Mip6Analyzer(updater, signalling.semantics());
    }

    /** Analyses one packet; {@code p.index()} is its 0-based number in the capture. */
    public void packet(PacketView p) {
        long frame = p.index() + 1;
        long time = p.timestampNanos();
        last = Math.max(last, time);
        packets++;
        PacketSummary s = accounting.accept(p); // Mobile IP ports: the setting plus what the file records
        if (isSignalling(s)) {
            // every message is checked (a revocation or a message cut short has findings too); only requests and
            // replies change bindings
            signallingMessage(udpPayload(p, s), s.outerSrc(), s.outerDst(), frame, time);
        } else if (s.kind() == PacketKind.MIP6_MOBILITY) {
            mobility(p.linkType(), p.slice(), frame, time);
        } else if (isIpv4TunnelData(s)) {
            tunnelData(s.outerSrc(), s.outerDst(), s.encapsulation(), frame, time);
        } else if (isMip6Data(s)) {
            mip6Data(p.buffer(), s, frame); // seed 003's data-plane rules (route-optimised or HA-tunnelled IPv6)
        }
    }

    /** Mobile IPv4 signalling over IPv4: every message is checked, requests and replies change bindings. */
    static boolean isSignalling(PacketSummary s) {
        return s.kind() == PacketKind.MIP_SIGNALLING && s.ipVersion() == 4;
    }

    /** IPv6 data that Mobile IPv6's data-plane rules look at (route-optimised or HA-tunnelled). */
    static boolean isMip6Data(PacketSummary s) {
        return s.ipVersion() == 6 && (s.mip6HomeAddressKind() != 0 || s.kind() == PacketKind.TUNNEL_DATA);
    }

    /** Tunnelled data with an IPv4 outer header: what the unbound-tunnel check looks at. */
    static boolean isIpv4TunnelData(PacketSummary s) {
        return s.kind() == PacketKind.TUNNEL_DATA && s.ipVersion() == 4;
    }

    /** Notes one packet of any kind at {@code time} (replay of a chunked read). */
    void observe(long time) {
        last = Math.max(last, time);
        packets++;
    }

    /** The latest time among packets replayed only as counted ({@link #observe} with no time of their own). */
    void observeLast(long time) {
        last = Math.max(last, time);
    }

    void signallingMessage(byte[] payload, int src, int dst, long frame, long time) {
        signalling.message(payload, src, dst, frame, time);
    }

    void mobility(int linkType, ByteBuffer frameBytes, long frame, long time) {
        mip6.packet(linkType, frameBytes, frame, time);
    }

    void tunnelData(int outerSrc, int outerDst, TunnelEncapsulation encapsulation, long frame, long time) {
        signalling.semantics().advanceTo(time);
        unbound.packet(outerSrc, outerDst, encapsulation, frame);
    }

    void mip6Data(ByteBuffer frameBuffer, PacketSummary s, long frame) {
        mip6.data(frameBuffer, s, frame);
    }

    /** Packets analysed so far. */
    public long packets() {
        return packets;
    }

    /**
     * Writes the running totals: every tunnel seen so far with its traffic and series, and the session's time
     * span. The series leave out the bucket still filling (the one holding the newest packet or {@code now}): drawn
     * half-full it would look like a drop in throughput. With {@code now} (ns since the epoch, e.g. the wall clock of a live capture; 0 for none) bindings
     * whose lifetime ran out by then expire even if no packet has arrived since.
     */
    public void publish(String captureName, long now) {
        if (finished) {
            throw new IllegalStateException("finish() was called");
        }
        if (now > last) {
            signalling.semantics().advanceTo(now);
        }
        TunnelReport report = accounting.snapshot();
        long interval = options.intervalNanos();
        long newest = Math.max(last, now);
        writeTunnels(report, updater, published, Math.floorDiv(newest, interval) * interval);
        updater.setSeriesInterval(options.intervalNanos());
        updater.describeCapture(captureName, report.packets(), report.wireBytes(), report.firstNanos(),
                Math.max(report.lastNanos(), now));
    }

    /** Ends the analysis: unanswered requests, final tunnels, flow splits, policy checks and read warnings. */
    public void finish(String captureName, List<ReadWarning> warnings) {
        finished = true;
        signalling.finish(last);
        TunnelReport report = accounting.finish();
        for (ReadWarning w : warnings) {
            // the last packet read before the damage, or the first one after it when the damage comes first
            long at = w.frame() > 0 ? w.frame() : Math.min(1, packets);
            updater.addFinding(at, Severity.WARNING, AnalysisRules.CAPTURE_READ, w.toString()
                    + (w.frame() > 0 ? " (after frame " + w.frame() + ")" : at > 0 ? " (before frame 1)" : ""));
        }
        writeTunnels(report, updater, null, Long.MAX_VALUE);
        unbound.linkTunnels();
        flowSplits(report, updater);
        PolicyChecks.run(report, signalling.semantics(), updater);
        updater.setSeriesInterval(options.intervalNanos());
        updater.describeCapture(captureName, report.packets(), report.wireBytes(), report.firstNanos(),
                report.lastNanos());
    }

    /** The UDP payload (the registration message) as its own array: signalling is rare, so copying is fine. */
    static byte[] udpPayload(PacketView p, PacketSummary s) {
        ByteBuffer buf = p.buffer();
        int m = s.mipOffset();
        int frameEnd = p.dataOffset() + p.capturedLength();
        int udpLength = buf.getShort(m - 4) & 0xffff;
        int len = udpLength >= 8 ? Math.min(udpLength - 8, frameEnd - m) : frameEnd - m;
        byte[] out = new byte[Math.max(0, len)];
        buf.get(m, out);
        return out;
    }

    /**
     * Writes each tunnel's totals and series, the series without buckets starting at or after {@code openFrom}.
     * With {@code unchanged}, tunnels whose packet total and shown buckets are those remembered there are skipped
     * (and the map updated): during a live capture most tunnels are idle between two publications, and every
     * model change is a hop to the UI thread.
     */
    private static void writeTunnels(TunnelReport report, ModelUpdater updater, Map<String, List<Long>> unchanged,
            long openFrom) {
        Map<String, List<Binding>> users = null; // built on first need: one pass over all bindings, not one per tunnel
        for (org.multitunnel.capture.tunnel.TunnelTotals t : report.tunnels()) {
            TunnelSeries s = t.series();
            int n = 0;
            while (n < s.size() && s.startNanos(n) < openFrom) {
                n++;
            }
            if (unchanged != null) {
                List<Long> state = List.of(t.toCareOf().packets() + t.toHomeAgent().packets(), (long) n);
                String key = t.homeAgentText() + '>' + t.careOfAddressText() + ' ' + t.encapsulation() + ' '
                        + t.greKey() + ' ' + t.homeAgentPort() + ' ' + t.careOfPort();
                if (state.equals(unchanged.put(key, state))) {
                    continue;
                }
            }
            Encapsulation enc = Encapsulation.getByName(t.encapsulation().contractName());
            Tunnel mt = updater.tunnel(t.homeAgentText(), t.careOfAddressText(), enc);
            if (t.greKey() >= 0) {
                updater.set(mt, MultitunnelPackage.Literals.TUNNEL__GRE_KEY, t.greKey());
            }
            if (t.homeAgentPort() >= 0) {
                updater.set(mt, MultitunnelPackage.Literals.TUNNEL__UDP_DESTINATION_PORT, t.homeAgentPort());
                updater.set(mt, MultitunnelPackage.Literals.TUNNEL__UDP_SOURCE_PORT, t.careOfPort());
            }
            updater.setTraffic(mt, t.toCareOf().packets(), t.toCareOf().bytes(), t.toHomeAgent().packets(),
                    t.toHomeAgent().bytes());
            if (n == s.size()) {
                long[][] all = s.sharedArrays(); // finished series: the model shares the report's arrays
                updater.adoptSeries(mt, s.intervalNanos(), all[0], all[1], all[2]);
            } else {
                long[] times = new long[n];
                long[] bytes = new long[n];
                long[] counts = new long[n];
                for (int i = 0; i < n; i++) {
                    times[i] = s.startNanos(i);
                    bytes[i] = s.bytes(i);
                    counts[i] = s.packets(i);
                }
                updater.adoptSeries(mt, s.intervalNanos(), times, bytes, counts);
            }
            if (users == null) {
                users = bindingsByEndpoints(updater);
            }
            for (Binding b : users.getOrDefault(endpoints(t.homeAgentText(), mt.getCareOfAddress()), List.of())) {
                updater.addHomeAddress(mt, ((MobileNode) b.eContainer()).getHomeAddress());
                if (b.isSetBid()) {
                    updater.addBid(mt, b.getBid());
                }
            }
        }
    }

    /** Every binding (any state) by its node's home agent and its care-of address, in model order. */
    private static Map<String, List<Binding>> bindingsByEndpoints(ModelUpdater updater) {
        Map<String, List<Binding>> out = new HashMap<>();
        for (MobileNode mn : updater.session().getMobileNodes()) {
            for (Binding b : mn.getBindings()) {
                out.computeIfAbsent(endpoints(mn.getHomeAgent(), b.getCareOfAddress()), k -> new ArrayList<>()).add(b);
            }
        }
        return out;
    }

    private static String endpoints(String homeAgent, String careOf) {
        return homeAgent + '>' + careOf;
    }

    /**
     * RFC 7629 §7 recommends per-flow load balancing: one inner flow seen on several tunnels is worth a note. The
     * finding points at the flow's first packet on its second tunnel (where the split shows) and names both
     * tunnels, the mobile node and its bindings on them.
     */
    private static void flowSplits(TunnelReport report, ModelUpdater updater) {
        // each node's bindings by care-of address, built once per node: a flow of a node that roamed across
        // thousands of care-of addresses must not walk the node's history once per tunnel it used
        Map<MobileNode, Map<String, List<Binding>>> byCareOf = new java.util.IdentityHashMap<>();
        for (InnerFlow f : report.flows()) {
            List<FlowTunnelUse> uses = f.tunnels(); // in order of first use
            Set<Integer> tunnels = new HashSet<>();
            for (FlowTunnelUse u : uses) {
                tunnels.add(u.tunnel());
            }
            if (tunnels.size() < 2) {
                continue;
            }
            FlowTunnelUse second = uses.get(1);
            MobileNode mn = updater.knownMobileNode(f.destination());
            if (mn == null) {
                mn = updater.knownMobileNode(f.source());
            }
            java.util.LinkedHashSet<EObject> related = new java.util.LinkedHashSet<>();
            Map<String, List<Binding>> bindings = mn == null ? Map.of() : byCareOf.computeIfAbsent(mn, n -> {
                Map<String, List<Binding>> m = new HashMap<>();
                for (Binding b : n.getBindings()) {
                    m.computeIfAbsent(b.getCareOfAddress(), k -> new ArrayList<>()).add(b);
                }
                return m;
            });
            StringBuilder names = new StringBuilder();
            for (FlowTunnelUse u : uses) {
                org.multitunnel.capture.tunnel.TunnelTotals t = report.tunnels().get(u.tunnel());
                related.add(updater.tunnel(t.homeAgentText(), t.careOfAddressText(),
                        Encapsulation.getByName(t.encapsulation().contractName())));
                names.append(names.length() == 0 ? "" : ", ").append(t.label()).append(" from frame ")
                        .append(u.firstFrame());
                related.addAll(bindings.getOrDefault(t.careOfAddressText(), List.of()));
            }
            if (mn != null) {
                related.add(mn);
            }
            updater.addFinding(second.firstFrame(), Severity.INFO, AnalysisRules.FLOW_SPLIT, "flow " + f.label()
                    + " was carried on " + tunnels.size() + " tunnels: " + names, related.toArray(EObject[]::new));
        }
    }
}
