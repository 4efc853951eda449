package org.multitunnel.cli;

import java.io.BufferedWriter;
import java.io.InputStream;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.multitunnel.analysis.AnalysisOptions;
import org.multitunnel.analysis.AnalysisProgress;
import org.multitunnel.analysis.CaptureAnalyzer;
import org.multitunnel.capture.OpenOptions;
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
import org.multitunnel.model.export.AnalysisScope;
import org.multitunnel.wire.mip.auth.MapKeyTable;

/**
 * {@code multitunnel analyze}: the full analysis of a capture (bindings, flow bindings, tunnels and their
 * throughput, transactions, findings) as the headless contract's JSON, CSV files, or a short text summary; with
 * {@code -Y} of only the packets a display filter keeps.
 */
public final class AnalyzeCommand implements Command {
    /** The widest throughput bucket: one day. */
    static final long MAX_INTERVAL_SECONDS = 86_400;

    private final InputStream stdin;
    private final Path spoolDir;

    public AnalyzeCommand() {
        this(System.in, null);
    }

    /** For tests: standard input and where it is spilled (null: {@code java.io.tmpdir}). */
    AnalyzeCommand(InputStream stdin, Path spoolDir) {
        this.stdin = stdin;
        this.spoolDir = spoolDir;
    }

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
                Usage: multitunnel analyze FILE|- [--json OUT|-] [--csv DIR] [-Y FILTER] [--key-file KEYFILE]...
                                           [--interval SECONDS] [--threads N] [-d udp.port==N,mip]...
                                           [--max-gzip-ratio N] [--max-spill SIZE]

                Reconstructs every mobile node's registrations and bindings (RFC 5944, RFC 7629 and the
                multiple-tunnel drafts), attributes tunnelled data to its home agent <-> care-of address tunnel,
                builds per-tunnel throughput series and checks the specs' MUST / MUST NOT rules. FILE is pcap,
                pcapng or gzip; '-' reads standard input (copied into a temporary file unlinked at once).

                  --json OUT      write the analysis as JSON to OUT ('-' for stdout)
                  --csv DIR       write bindings.csv, tunnels.csv, series.csv and findings.csv into DIR
                  -Y, --display-filter FILTER
                                  analyse only the packets FILTER matches (the decode -Y / GUI filter language);
                                  the summary says how many, the JSON gets "filter": {"expression", "packets",
                                  "bytes"}, while "packets" and "bytes" stay the whole capture's
                  --key-file FILE MN-HA keys to verify authenticators (lines: SPI HEXKEY [ALGORITHM [PEER]],
                                  mode 0600; repeatable; --keys FILE is the same)
                  --key-env VAR   keys in environment variable VAR (SPI:HEXKEY, HMAC-MD5, any peer)
                  --key -         SPI:HEXKEY lines from standard input
                  --key SPI:HEX   one HMAC-MD5 key for any peer, literally (repeatable; warns: visible in ps)
                  --interval S    width of the throughput buckets in seconds, from 0.000000001 to 86400
                                  (default 1)
                  --threads N     read and classify with N threads (default: the number of cores); an
                                  uncompressed pcap file is split at record boundaries, the result is the same
                                  for any N
                """ + DecodeAsOption.HELP + SpillOptions.USAGE + """

                Output files get their missing folders created. Without --json or --csv a summary is printed.
                Exit codes: 0 analysed (findings do not change it; a file cut while it is read is analysed up to
                the cut, with a warning); 64 bad option or filter; 65 not a capture, or beyond the decompression
                limits; 66 FILE missing, a directory, a FIFO or a device; 73 an output cannot be created; 74 read
                error.

                Examples:
                  multitunnel analyze test-captures/demo-multipath.pcapng
                  multitunnel analyze ha.pcapng --json - --interval 0.5 | jq '.tunnels[].toCareOf'
                  multitunnel analyze ha.pcapng -Y 'mip.homeaddr == 10.1.0.5' --json out/mn5.json
                """;
    }

    @Override
    public int run(List<String> argv, PrintStream out, PrintStream err) throws Exception {
        DecodeAsOption.Parsed decodeAs = DecodeAsOption.extract(argv, err);
        List<String> args = decodeAs.rest();
        String file = null;
        String json = null;
        String csv = null;
        long interval = AnalysisOptions.SECOND;
        String filterText = null;
        int threads = org.multitunnel.capture.ParallelReader.defaultThreads();
        List<String> keyLiterals = new ArrayList<>();
        List<String> keyEnvs = new ArrayList<>();
        List<String> keyFiles = new ArrayList<>();
        SpillOptions spill = new SpillOptions();
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            switch (a) {
                case SpillOptions.RATIO, SpillOptions.SPILL -> spill.accept(a, value(args, ++i, a));
                case "--json" -> json = value(args, ++i, a);
                case "--csv" -> csv = value(args, ++i, a);
                case "--interval" -> interval = Seconds.nanos(value(args, ++i, a), a, MAX_INTERVAL_SECONDS);
                case "-Y", "--display-filter" -> filterText = value(args, ++i, a);
                case "--threads" -> threads = parseThreads(value(args, ++i, a));
                case "--keys", "--key-file" -> keyFiles.add(value(args, ++i, a));
                case "--key-env" -> keyEnvs.add(value(args, ++i, a));
                case "--key" -> keyLiterals.add(value(args, ++i, a));
                default -> {
                    if ((a.startsWith("-") && !a.equals("-")) || file != null) {
                        throw new UsageException("unexpected argument '" + a + "'");
                    }
                    file = a;
                }
            }
        }
        if (file == null) {
            throw new UsageException("which capture? give FILE, or - for standard input");
        }
        if (file.equals("-") && keyLiterals.contains("-")) {
            throw new UsageException("standard input can carry the capture (FILE -) or the keys (--key -), not both");
        }
        PacketFilter filter = filterText == null ? null
                : PacketFilter.parse(filterText, "-Y", decodeAs.config());
        KeyOptions.Keys given = KeyOptions.read("--key", keyLiterals, keyEnvs, keyFiles, err);
        MapKeyTable keys = given.isEmpty() ? null : given.table();
        CaptureInput in = CaptureInput.of(file, stdin);
        // Outputs are checked (and their folders made) before the analysis, which may take minutes.
        Path jsonFile = json == null || json.equals("-") ? null : CliFiles.output(json, "--json");
        Path csvDir = csv == null ? null : CliFiles.outputFolder(csv, "--csv");
        AnalysisOptions options = AnalysisOptions.defaults().withInterval(interval).withKeys(keys)
                .withMip(decodeAs.config());
        OpenOptions reading = spill.openOptions();
        if (spoolDir != null) {
            reading = reading.withSpill(reading.spill().withDirectory(spoolDir));
        }
        CaptureSession session = MultitunnelFactory.eINSTANCE.createCaptureSession();
        ModelUpdater updater = new ModelUpdater(session);
        AnalysisScope scope = null;
        ReadSummary read;
        if (filter == null && in.path() != null) {
            read = CaptureAnalyzer.analyze(in.path(), options, reading, updater, AnalysisProgress.NONE, threads,
                    org.multitunnel.capture.ParallelReader.DEFAULT_MIN_CHUNK_BYTES);
        } else {
            FilteredAnalysis.Result r = FilteredAnalysis.run(in, in.name(), filter, options, reading, updater);
            read = r.read();
            scope = filter == null ? null : new AnalysisScope(filter.text(), r.packets(), r.bytes());
        }
        for (ReadWarning w : read.warnings()) {
            err.println("warning: " + w);
        }
        AnalysisScope s = scope;
        if (json != null) {
            if (json.equals("-")) {
                Writer w = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8));
                AnalysisJson.write(session, w, s);
                w.write('\n');
                w.flush();
            } else {
                CliFiles.write(jsonFile, "--json", () -> {
                    try (Writer w = Files.newBufferedWriter(jsonFile)) {
                        AnalysisJson.write(session, w, s);
                        w.write('\n');
                    }
                });
            }
        }
        if (csvDir != null) {
            CliFiles.write(csvDir, "--csv", () -> AnalysisCsv.writeAll(session, csvDir));
        }
        if (json == null && csv == null) {
            summary(session, scope, out);
        }
        return 0;
    }

    private static void summary(CaptureSession s, AnalysisScope scope, PrintStream out) {
        out.printf("%s: %d packets, %d bytes%n", s.getFile(), s.getPackets(), s.getBytes());
        if (scope != null) {
            out.printf("display filter %s: analysed %d of %d packets (%d bytes); what follows describes only those%n",
                    scope.expression(), scope.packets(), s.getPackets(), scope.bytes());
        }
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

    private static int parseThreads(String s) throws UsageException {
        try {
            int n = Integer.parseInt(s);
            if (n < 1 || n > 256) {
                throw new NumberFormatException();
            }
            return n;
        } catch (NumberFormatException e) {
            throw new UsageException("--threads wants a whole number from 1 to 256: " + s);
        }
    }
}
