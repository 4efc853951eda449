package org.multitunnel.cli;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.multitunnel.analysis.AnalysisOptions;
import org.multitunnel.analysis.CaptureAnalyzer;
import org.multitunnel.capture.NotACaptureFileException;
import org.multitunnel.capture.ReadSummary;
import org.multitunnel.capture.ReadWarning;
import org.multitunnel.model.CaptureSession;
import org.multitunnel.model.Finding;
import org.multitunnel.model.MobileNode;
import org.multitunnel.model.ModelUpdater;
import org.multitunnel.model.MultitunnelFactory;
import org.multitunnel.model.Tunnel;
import org.multitunnel.model.export.AnalysisCsv;
import org.multitunnel.model.export.AnalysisJson;
import org.multitunnel.wire.mip.auth.MapKeyTable;

/**
 * {@code multitunnel analyze}: the full analysis of a capture (bindings, flow bindings, tunnels and their
 * throughput, transactions, findings) as the headless contract's JSON, CSV files, or a short text summary.
 */
public final class AnalyzeCommand implements Command {
    @Override
    public String name() {
        return "analyze";
    }

    @Override
    public String summary() {
        return "bindings, tunnels, throughput, transactions and findings of a capture";
    }

    @Override
    public String usage() {
        return """
                Usage: multitunnel analyze FILE [--json OUT|-] [--csv DIR] [--key-file KEYFILE]...
                                           [--interval SECONDS] [-d udp.port==N,mip]...
                                           [--max-gzip-ratio N] [--max-spill SIZE]

                Reconstructs every mobile node's registrations and bindings (RFC 5944, RFC 7629 and the
                multiple-tunnel drafts), attributes tunnelled data to its home agent <-> care-of address tunnel,
                builds per-tunnel throughput series and checks the specs' MUST / MUST NOT rules.

                  --json OUT      write the analysis as JSON to OUT ('-' for stdout)
                  --csv DIR       write bindings.csv, tunnels.csv, series.csv and findings.csv into DIR
                  --key-file FILE MN-HA keys to verify authenticators (lines: SPI HEXKEY [ALGORITHM [PEER]],
                                  mode 0600; repeatable; --keys FILE is the same)
                  --key-env VAR   keys in environment variable VAR (SPI:HEXKEY, HMAC-MD5, any peer)
                  --key -         SPI:HEXKEY lines from standard input
                  --key SPI:HEX   one HMAC-MD5 key for any peer, literally (repeatable; warns: visible in ps)
                  --interval S    width of the throughput buckets in seconds (default 1)
                """ + DecodeAsOption.HELP + SpillOptions.USAGE + """

                Without --json or --csv a summary is printed. Exit 0 when analyzed (findings do not change it),
                65 for a file that is not a capture or decompresses beyond the limits, 66 for a missing file, a
                directory or a device. A file cut while it is read is analysed up to the cut, with a warning.

                Examples:
                  multitunnel analyze test-captures/demo-multipath.pcapng
                  multitunnel analyze ha.pcapng --json - --interval 0.5 | jq '.tunnels[].toCareOf'
                """;
    }

    @Override
    public int run(List<String> argv, PrintStream out, PrintStream err) throws Exception {
        DecodeAsOption.Parsed decodeAs = DecodeAsOption.extract(argv, err);
        List<String> args = decodeAs.rest();
        Path file = null;
        String json = null;
        Path csv = null;
        double interval = 1;
        List<String> keyLiterals = new ArrayList<>();
        List<String> keyEnvs = new ArrayList<>();
        List<String> keyFiles = new ArrayList<>();
        SpillOptions spill = new SpillOptions();
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            switch (a) {
                case SpillOptions.RATIO, SpillOptions.SPILL -> spill.accept(a, value(args, ++i, a));
                case "--json" -> json = value(args, ++i, a);
                case "--csv" -> csv = Path.of(value(args, ++i, a));
                case "--interval" -> interval = parseInterval(value(args, ++i, a));
                case "--keys", "--key-file" -> keyFiles.add(value(args, ++i, a));
                case "--key-env" -> keyEnvs.add(value(args, ++i, a));
                case "--key" -> keyLiterals.add(value(args, ++i, a));
                default -> {
                    if (a.startsWith("-") || file != null) {
                        throw new UsageException("unexpected argument '" + a + "'");
                    }
                    file = Path.of(a);
                }
            }
        }
        if (file == null) {
            throw new UsageException("which capture? give FILE");
        }
        KeyOptions.Keys given = KeyOptions.read("--key", keyLiterals, keyEnvs, keyFiles, err);
        MapKeyTable keys = given.isEmpty() ? null : given.table();
        if (!Files.isReadable(file)) {
            err.println("multitunnel analyze: cannot read " + file);
            return 66;
        }
        AnalysisOptions options = AnalysisOptions.defaults()
                .withInterval(Math.round(interval * AnalysisOptions.SECOND)).withKeys(keys).withMip(decodeAs.config());
        CaptureSession session = MultitunnelFactory.eINSTANCE.createCaptureSession();
        ReadSummary read;
        try {
            read = CaptureAnalyzer.analyze(file, options, spill.openOptions(), new ModelUpdater(session),
                    org.multitunnel.analysis.AnalysisProgress.NONE);
        } catch (NotACaptureFileException e) {
            return CaptureProblems.report(name(), e, err);
        }
        for (ReadWarning w : read.warnings()) {
            err.println("warning: " + w);
        }
        if (json != null) {
            if (json.equals("-")) {
                Writer w = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8));
                AnalysisJson.write(session, w);
                w.write('\n');
                w.flush();
            } else {
                try (Writer w = Files.newBufferedWriter(Path.of(json))) {
                    AnalysisJson.write(session, w);
                    w.write('\n');
                }
            }
        }
        if (csv != null) {
            Files.createDirectories(csv);
            AnalysisCsv.writeAll(session, csv);
        }
        if (json == null && csv == null) {
            summary(session, out);
        }
        return 0;
    }

    private static void summary(CaptureSession s, PrintStream out) {
        out.printf("%s: %d packets, %d bytes%n", s.getFile(), s.getPackets(), s.getBytes());
        for (MobileNode mn : s.getMobileNodes()) {
            out.printf("mobile node %s (home agent %s): %d bindings, %d flow bindings, %d registrations%n",
                    mn.getHomeAddress(), mn.getHomeAgent(), mn.getBindings().size(), mn.getFlowBindings().size(),
                    mn.getRegistrations().size());
        }
        for (Tunnel t : s.getTunnels()) {
            out.printf("tunnel %s <-> %s %s: to CoA %d pkts %d B, to HA %d pkts %d B%n", t.getHomeAgent(),
                    t.getCareOfAddress(), t.getEncapsulation().getLiteral(), t.getToCareOfPackets(),
                    t.getToCareOfBytes(), t.getToHomeAgentPackets(), t.getToHomeAgentBytes());
        }
        for (Finding f : s.getFindings()) {
            out.printf("finding frame %d %s %s: %s%n", f.getFrame(), f.getSeverity().getLiteral(), f.getRule(),
                    f.getMessage());
        }
    }

    static String value(List<String> args, int i, String option) throws UsageException {
        if (i >= args.size()) {
            throw new UsageException(option + " needs a value");
        }
        return args.get(i);
    }

    private static double parseInterval(String s) throws UsageException {
        try {
            double d = Double.parseDouble(s);
            if (!(d > 0) || d > 86400) {
                throw new UsageException("--interval must be between 0 and 86400 seconds");
            }
            return d;
        } catch (NumberFormatException e) {
            throw new UsageException("--interval wants seconds, e.g. 1 or 0.5");
        }
    }
}
