package org.multitunnel.model.export;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

import org.multitunnel.model.Binding;
import org.multitunnel.model.CaptureSession;
import org.multitunnel.model.Finding;
import org.multitunnel.model.MobileNode;
import org.multitunnel.model.ThroughputSeries;
import org.multitunnel.model.Tunnel;
import org.multitunnel.model.internal.CsvWriter;
import org.multitunnel.model.internal.Times;

/**
 * Why: {@code multitunnel analyze --csv DIR} writes the tables spreadsheets and scripts want (bindings, tunnels,
 * series, findings); the columns are part of the headless contract, so they are defined here once, with a header
 * row. Values follow {@link AnalysisJson}'s rules (seconds, literals); an unset value is an empty field; lists
 * (home addresses, BIDs) are separated by single spaces.
 */
public final class AnalysisCsv {
    public static final String BINDINGS = "bindings.csv";
    public static final String TUNNELS = "tunnels.csv";
    public static final String SERIES = "series.csv";
    public static final String FINDINGS = "findings.csv";

    public static final List<String> BINDING_COLUMNS = List.of("homeAddress", "bid", "careOfAddress",
            "accessTechnology", "interfaceLabel", "linkWeight", "interfaceBandwidth", "encapsulation", "state",
            "registeredAt", "lifetime", "endedAt", "extension");
    public static final List<String> TUNNEL_COLUMNS = List.of("homeAgent", "careOfAddress", "encapsulation",
            "greKey", "udpSourcePort", "udpDestinationPort", "homeAddresses", "bids", "toCareOfPackets",
            "toCareOfBytes", "toHomeAgentPackets", "toHomeAgentBytes");
    public static final List<String> SERIES_COLUMNS = List.of("homeAgent", "careOfAddress", "encapsulation", "t",
            "bytes", "packets");
    public static final List<String> FINDING_COLUMNS = List.of("frame", "severity", "rule", "message",
            "homeAddress", "bids", "tunnels");

    private AnalysisCsv() {
    }

    /** Writes the four tables into dir (created if missing), replacing files of the same names. */
    public static void writeAll(CaptureSession session, Path dir) throws IOException {
        Files.createDirectories(dir);
        try (Writer out = Files.newBufferedWriter(dir.resolve(BINDINGS), StandardCharsets.UTF_8)) {
            writeBindings(session, out);
        }
        try (Writer out = Files.newBufferedWriter(dir.resolve(TUNNELS), StandardCharsets.UTF_8)) {
            writeTunnels(session, out);
        }
        try (Writer out = Files.newBufferedWriter(dir.resolve(SERIES), StandardCharsets.UTF_8)) {
            writeSeries(session, out);
        }
        try (Writer out = Files.newBufferedWriter(dir.resolve(FINDINGS), StandardCharsets.UTF_8)) {
            writeFindings(session, out);
        }
    }

    public static void writeBindings(CaptureSession session, Appendable out) throws IOException {
        CsvWriter csv = new CsvWriter(out);
        csv.row(BINDING_COLUMNS.toArray(String[]::new));
        for (MobileNode mn : session.getMobileNodes()) {
            for (Binding b : mn.getBindings()) {
                csv.row(mn.getHomeAddress(),
                        b.isSetBid() ? Integer.toString(b.getBid()) : null,
                        b.getCareOfAddress(),
                        b.isSetAccessTechnology() ? Integer.toString(b.getAccessTechnology()) : null,
                        b.isSetInterfaceLabel() ? Integer.toString(b.getInterfaceLabel()) : null,
                        b.isSetLinkWeight() ? Integer.toString(b.getLinkWeight()) : null,
                        b.isSetInterfaceBandwidth() ? Long.toString(b.getInterfaceBandwidth()) : null,
                        b.getEncapsulation().getLiteral(),
                        b.getState().getLiteral(),
                        b.isSetRegisteredAt() ? Times.seconds(b.getRegisteredAt()) : null,
                        Integer.toString(b.isSetLifetimeGranted() ? b.getLifetimeGranted() : b.getLifetimeRequested()),
                        b.isSetEndedAt() ? Times.seconds(b.getEndedAt()) : null,
                        b.getExtension().getLiteral());
            }
        }
    }

    public static void writeTunnels(CaptureSession session, Appendable out) throws IOException {
        CsvWriter csv = new CsvWriter(out);
        csv.row(TUNNEL_COLUMNS.toArray(String[]::new));
        for (Tunnel t : session.getTunnels()) {
            csv.row(t.getHomeAgent(), t.getCareOfAddress(), t.getEncapsulation().getLiteral(),
                    t.isSetGreKey() ? Long.toString(t.getGreKey()) : null,
                    t.isSetUdpSourcePort() ? Integer.toString(t.getUdpSourcePort()) : null,
                    t.isSetUdpDestinationPort() ? Integer.toString(t.getUdpDestinationPort()) : null,
                    String.join(" ", t.getHomeAddresses()),
                    t.getBids().stream().map(String::valueOf).collect(Collectors.joining(" ")),
                    Long.toString(t.getToCareOfPackets()), Long.toString(t.getToCareOfBytes()),
                    Long.toString(t.getToHomeAgentPackets()), Long.toString(t.getToHomeAgentBytes()));
        }
    }

    public static void writeSeries(CaptureSession session, Appendable out) throws IOException {
        CsvWriter csv = new CsvWriter(out);
        csv.row(SERIES_COLUMNS.toArray(String[]::new));
        for (Tunnel t : session.getTunnels()) {
            ThroughputSeries s = t.getSeries();
            if (s == null || s.getTimes() == null) {
                continue;
            }
            long[] times = s.getTimes();
            long[] bytes = s.getBytes();
            long[] packets = s.getPackets();
            for (int i = 0; i < times.length; i++) {
                csv.row(t.getHomeAgent(), t.getCareOfAddress(), t.getEncapsulation().getLiteral(),
                        Times.bucketSeconds(times[i]), Long.toString(bytes[i]), Long.toString(packets[i]));
            }
        }
    }

    public static void writeFindings(CaptureSession session, Appendable out) throws IOException {
        CsvWriter csv = new CsvWriter(out);
        csv.row(FINDING_COLUMNS.toArray(String[]::new));
        for (Finding f : session.getFindings()) {
            FindingObjects o = FindingObjects.of(f);
            csv.row(Long.toString(f.getFrame()), f.getSeverity().getLiteral(), f.getRule(), f.getMessage(),
                    o.homeAddress(), o.bids().stream().map(String::valueOf).collect(Collectors.joining(" ")),
                    o.tunnels().stream().map(FindingObjects.TunnelRef::text).collect(Collectors.joining(" ")));
        }
    }
}
