package org.multitunnel.analysis;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;

import org.multitunnel.analysis.dataplane.PolicyChecks;
import org.multitunnel.analysis.dataplane.UnboundTunnelCheck;
import org.multitunnel.analysis.registration.Mip6Analyzer;
import org.multitunnel.analysis.registration.SignallingAnalyzer;
import org.multitunnel.capture.CaptureReader;
import org.multitunnel.capture.PacketView;
import org.multitunnel.capture.ReadSummary;
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
import org.multitunnel.model.Severity;
import org.multitunnel.model.Tunnel;
import org.multitunnel.wire.fast.PacketKind;
import org.multitunnel.wire.fast.PacketSummary;

/**
 * The whole analysis of a capture in one streaming pass, the engine behind {@code multitunnel analyze} and the
 * GUI: each packet is classified once (allocation-free); data packets go to the tunnel accounting and the
 * unbound-tunnel check, signalling to the registration analyzer; at the end the tunnels, their traffic and series
 * are written to the model next to the bindings they carry. Every model change goes through the given
 * {@link ModelUpdater}.
 */
public final class CaptureAnalyzer {
    private static final int PROGRESS_EVERY = 1 << 14;
    /** Only registration requests (1) and replies (3) change bindings; revocations are dissected elsewhere. */
    private static final int RRQ = 1;
    private static final int RRP = 3;

    private CaptureAnalyzer() {
    }

    /** Analyzes {@code file} into the updater's session; returns the reader's summary (format, warnings). */
    public static ReadSummary analyze(Path file, AnalysisOptions options, ModelUpdater updater,
            AnalysisProgress progress) throws IOException {
        TunnelAccounting accounting = new TunnelAccounting(options.intervalNanos(), options.mip().ports());
        SignallingAnalyzer signalling = new SignallingAnalyzer(updater, options);
        UnboundTunnelCheck unbound = new UnboundTunnelCheck(updater, signalling.semantics(),
                signalling.homeAgents());
        Mip6Analyzer mip6 = new Mip6Analyzer(updater, signalling.semantics());
        long[] last = { 0 };
        ReadSummary summary = CaptureReader.read(file, (PacketView p) -> {
            long frame = p.index() + 1;
            long time = p.timestampNanos();
            last[0] = Math.max(last[0], time);
            PacketSummary s = accounting.accept(p.linkType(), p.buffer(), p.dataOffset(), p.capturedLength(),
                    p.originalLength(), time);
            if (s.kind() == PacketKind.MIP_SIGNALLING && s.ipVersion() == 4
                    && (s.mipType() == RRQ || s.mipType() == RRP)) {
                signalling.message(udpPayload(p, s), s.outerSrc(), s.outerDst(), frame, time);
            } else if (s.kind() == PacketKind.MIP6_MOBILITY) {
                mip6.packet(p.linkType(), p.slice(), frame, time);
            } else if (s.kind() == PacketKind.TUNNEL_DATA && s.ipVersion() == 4) {
                signalling.semantics().advanceTo(time);
                unbound.packet(s, frame);
            }
            if ((frame & (PROGRESS_EVERY - 1)) == 0) {
                progress.packets(frame);
                return !progress.cancelled();
            }
            return true;
        });
        signalling.finish(last[0]);
        TunnelReport report = accounting.finish();
        for (ReadWarning w : summary.warnings()) {
            updater.addFinding(0, Severity.WARNING, AnalysisRules.CAPTURE_READ, w.toString());
        }
        writeTunnels(report, updater);
        flowSplits(report, updater);
        PolicyChecks.run(report, signalling.semantics(), updater);
        updater.setSeriesInterval(options.intervalNanos());
        updater.describeCapture(file.getFileName().toString(), report.packets(), report.wireBytes(),
                report.firstNanos(), report.lastNanos());
        return summary;
    }

    /** The UDP payload (the registration message) as its own array: signalling is rare, so copying is fine. */
    private static byte[] udpPayload(PacketView p, PacketSummary s) {
        ByteBuffer buf = p.buffer();
        int m = s.mipOffset();
        int frameEnd = p.dataOffset() + p.capturedLength();
        int udpLength = buf.getShort(m - 4) & 0xffff;
        int len = udpLength >= 8 ? Math.min(udpLength - 8, frameEnd - m) : frameEnd - m;
        byte[] out = new byte[Math.max(0, len)];
        buf.get(m, out);
        return out;
    }

    private static void writeTunnels(TunnelReport report, ModelUpdater updater) {
        for (org.multitunnel.capture.tunnel.Tunnel t : report.tunnels()) {
            Encapsulation enc = Encapsulation.getByName(t.encapsulation().contractName());
            Tunnel mt = updater.tunnel(t.homeAgentText(), t.careOfAddressText(), enc);
            if (t.greKey() >= 0) {
                updater.set(mt, org.multitunnel.model.MultitunnelPackage.Literals.TUNNEL__GRE_KEY, t.greKey());
            }
            if (t.homeAgentPort() >= 0) {
                updater.set(mt, org.multitunnel.model.MultitunnelPackage.Literals.TUNNEL__UDP_DESTINATION_PORT,
                        t.homeAgentPort());
                updater.set(mt, org.multitunnel.model.MultitunnelPackage.Literals.TUNNEL__UDP_SOURCE_PORT,
                        t.careOfPort());
            }
            updater.setTraffic(mt, t.toCareOf().packets(), t.toCareOf().bytes(), t.toHomeAgent().packets(),
                    t.toHomeAgent().bytes());
            TunnelSeries s = t.series();
            long[] times = new long[s.size()];
            long[] bytes = new long[s.size()];
            long[] packets = new long[s.size()];
            for (int i = 0; i < s.size(); i++) {
                times[i] = s.startNanos(i);
                bytes[i] = s.bytes(i);
                packets[i] = s.packets(i);
            }
            updater.setSeries(mt, s.intervalNanos(), times, bytes, packets);
            for (MobileNode mn : updater.session().getMobileNodes()) {
                for (Binding b : mn.getBindings()) {
                    if (b.getCareOfAddress().equals(mt.getCareOfAddress())
                            && t.homeAgentText().equals(mn.getHomeAgent())) {
                        updater.addHomeAddress(mt, mn.getHomeAddress());
                        if (b.isSetBid()) {
                            updater.addBid(mt, b.getBid());
                        }
                    }
                }
            }
        }
    }

    /** RFC 7629 §7 recommends per-flow load balancing: one inner flow seen on several tunnels is worth a note. */
    private static void flowSplits(TunnelReport report, ModelUpdater updater) {
        for (InnerFlow f : report.flows()) {
            Set<Integer> tunnels = new HashSet<>();
            for (FlowTunnelUse u : f.tunnels()) {
                tunnels.add(u.tunnel());
            }
            if (tunnels.size() > 1) {
                // A flow-level observation, not one packet's: frame 0 marks capture-wide findings.
                updater.addFinding(0, Severity.INFO, AnalysisRules.FLOW_SPLIT, "flow " + f.label()
                        + " was carried on " + tunnels.size() + " tunnels");
            }
        }
    }
}
