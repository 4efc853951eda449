package org.multitunnel.cli;

import java.io.BufferedWriter;
import java.io.InputStream;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

import org.multitunnel.analysis.packets.PacketRowFormatter;
import org.multitunnel.capture.OpenOptions;
import org.multitunnel.capture.ReadSummary;
import org.multitunnel.capture.ReadWarning;
import org.multitunnel.cli.CommandArgs.Option;
import org.multitunnel.cli.DecodePass.Mode;
import org.multitunnel.wire.dissect.MipConfig;

/**
 * {@code multitunnel decode}: dissects a capture the way tshark users expect — the Mobile IP / Mobile IPv6 signalling
 * packets as a {@code tshark -V} style tree or as the contract's JSON lines by default, or any packet a display
 * filter ({@code -Y}) keeps, as one-line summaries ({@code --summary}) or tab-separated fields ({@code -T fields}).
 * The cheap classifier picks signalling packets when nothing else decides, so only those are dissected.
 */
public final class DecodeCommand implements Command {
    private static final List<Option> OPTIONS = List.of(Option.flag("json"), Option.flag("all"),
            Option.flag("summary"), Option.valued("display-filter", "-Y"), Option.valued("read-file", "-r"),
            Option.valued("count", "-c"), Option.valued("output-format", "-T"), Option.valued("field", "-e"),
            Option.valued("fields-option", "-E"), Option.valued("max-gzip-ratio"), Option.valued("max-spill"));

    private final InputStream stdin;
    private final Path spoolDir;

    public DecodeCommand() {
        this(System.in, null);
    }

    /** For tests: standard input and where it is spilled (null: {@code java.io.tmpdir}). */
    DecodeCommand(InputStream stdin, Path spoolDir) {
        this.stdin = stdin;
        this.spoolDir = spoolDir;
    }

    @Override
    public String name() {
        return "decode";
    }

    @Override
    public String summary() {
        return "dissect a capture: signalling tree or --json lines, -Y filter, --summary, -T fields";
    }

    @Override
    public String usage() {
        return """
                Usage: multitunnel decode FILE|- [--json | --summary | -T fields -e FIELD...] [--all] [-Y FILTER]
                                         [-c N] [-E SETTING=VALUE]... [-d udp.port==N,mip]...
                                         [--max-gzip-ratio N] [--max-spill SIZE]

                Dissects FILE (pcap, pcapng or gzip; '-' or -r - reads standard input) with the field names of
                Wireshark where it has the field (docs/fields.md). Without -Y, the tree and --json show every
                Mobile IPv4 message (UDP 434 and 4434, the ports of -d and those the file records) and Mobile
                IPv6 mobility header; --all, --summary and -T fields show every packet. With -Y every packet is
                a candidate and the filter decides, as in tshark.

                Output (one of):
                  (default)       a tree per packet, like tshark -V
                  --json          one JSON object per packet per line:
                                  {"frame": 12, "time": 1700000000.123456, "fields": {"mip.type": [1], ...}}
                  --summary       one line per packet with the GUI Packets view's columns:
                                  No. Time(s since the first packet) Source → Destination Protocol Length Info
                  -T fields       the values of the -e fields, one line per packet (as tshark -T fields)

                Options:
                  -Y, --display-filter FILTER
                                  keep only packets matching FILTER (the GUI's filter language, docs/filters.md),
                                  e.g. -Y 'mip.code >= 128' or -Y 'mip.ext.mp.bid == 2 && ip.src == 198.51.100.7'
                  -c, --count N   read only the first N packets of the capture (as tshark -c: the count is of
                                  packets read, before -Y and the signalling selection)
                  -e FIELD        a field for -T fields (repeatable): any name of docs/fields.md and frame.number,
                                  frame.time, frame.time_epoch, frame.time_relative, frame.time_delta, frame.len,
                                  frame.cap_len, frame.protocols; values as in --json (decimal integers, addresses,
                                  lowercase hex bytes); several occurrences joined by ','
                  -E SETTING=V    -T fields layout, as tshark: header=y|n (default n), separator=/t|/s|C (tab),
                                  occurrence=f|l|a (a: all), aggregator=,|/s|C (','), quote=d|s|n (n),
                                  escape=y|n (y: tab, newline and backslash in values as \\t \\n \\\\)
                  --all           the tree and --json show every packet, not just signalling
                  -r, --read-file FILE
                                  the capture, as tshark -r (instead of the FILE word)
                """ + DecodeAsOption.HELP + SpillOptions.USAGE + """

                Malformed packets are shown with a _ws.malformed layer; decoding never stops at one.
                Standard input is copied into a temporary file that is unlinked at once (the readers map captures
                into memory, a pipe cannot be mapped), bounded like a gzip capture's decompression (--max-spill).

                Exit codes: 0 decoded (damage and a file cut while it is read are warnings); 64 bad option or
                filter (the message says why and where); 65 not a capture, or beyond the decompression limits;
                66 FILE missing, a directory, a FIFO or a device; 74 read error.

                Examples:
                  multitunnel decode test-captures/demo-multipath.pcapng | less
                  multitunnel decode ha.pcapng --json | jq -c '.fields["mip.ext.mp.bid"]'
                  multitunnel decode ha.pcapng --summary -Y 'mip.code == 152'
                  multitunnel decode field.pcap -d udp.port==5434,mip     # an agent on port 5434
                  multitunnel decode ha.pcapng -T fields -e frame.number -e mip.homeaddr -e mip.ext.mp.bid \\
                      -Y 'mip.type == 1' -E header=y -E separator=,
                  tcpdump -w - -i eth0 -c 100 udp port 434 | multitunnel decode - --summary
                """;
    }

    @Override
    public int run(List<String> argv, PrintStream out, PrintStream err) throws Exception {
        DecodeAsOption.Parsed decodeAs = DecodeAsOption.extract(argv, err);
        CommandArgs a = CommandArgs.parse(decodeAs.rest(), OPTIONS);
        String input = input(a);
        Mode mode = mode(a);
        long count = count(a.get("count"));
        FieldsFormat fieldsFormat = FieldsFormat.parse(a.all("fields-option"));
        List<String> fieldNames = a.all("field");
        OpenOptions reading = reading(a, spoolDir);
        PacketFilter filter = a.get("display-filter") == null ? null
                : PacketFilter.parse(a.get("display-filter"), "-Y", decodeAs.config());
        for (String f : fieldNames) {
            FieldNames.check(f, "-e");
        }
        boolean every = filter != null || a.flag("all") || mode == Mode.SUMMARY || mode == Mode.FIELDS;
        MipConfig mip = decodeAs.config();
        Writer w = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 1 << 16);
        FieldsOutput fields = mode == Mode.FIELDS ? new FieldsOutput(fieldNames, fieldsFormat, w) : null;
        DecodePass pass = new DecodePass(mode, every, filter, count, mip, out, w,
                mode == Mode.SUMMARY ? new SummaryOutput(new PacketRowFormatter(mip), w) : null, fields);
        CaptureInput in = CaptureInput.of(input, stdin);
        if (fields != null) {
            fields.start();
        }
        ReadSummary read = in.read(pass, reading);
        w.flush();
        for (ReadWarning warning : read.warnings()) {
            err.println("warning: " + warning);
        }
        if (pass.internalErrors() > 0) {
            err.println("warning: " + pass.internalErrors()
                    + " packet(s) hit a dissector bug; shown as far as decoded");
        }
        return 0;
    }

    /** How captures are read: the spill bounds ({@code --max-gzip-ratio}, {@code --max-spill}) and folder. */
    static OpenOptions reading(CommandArgs a, Path spoolDir) throws UsageException {
        SpillOptions spill = new SpillOptions();
        for (String o : List.of(SpillOptions.RATIO, SpillOptions.SPILL)) {
            String v = a.get(o.substring(2));
            if (v != null) {
                spill.accept(o, v);
            }
        }
        OpenOptions o = spill.openOptions();
        return spoolDir == null ? o : o.withSpill(o.spill().withDirectory(spoolDir));
    }

    /** The capture: the FILE word, or -r FILE; '-' is standard input. */
    private static String input(CommandArgs a) throws UsageException {
        List<String> words = a.positional();
        String r = a.get("read-file");
        if (words.size() > (r == null ? 1 : 0)) {
            throw new UsageException("one capture at a time: unexpected '" + words.get(r == null ? 1 : 0) + "'");
        }
        if (r != null) {
            return r;
        }
        if (words.isEmpty()) {
            throw new UsageException("which capture? give FILE, or - for standard input");
        }
        return words.get(0);
    }

    private static Mode mode(CommandArgs a) throws UsageException {
        String t = a.get("output-format");
        if (t != null && !t.equals("fields")) {
            throw new UsageException("-T " + t + ": only -T fields is supported (JSON lines: --json; one line per "
                    + "packet: --summary; the tree is the default)");
        }
        int modes = (a.flag("json") ? 1 : 0) + (a.flag("summary") ? 1 : 0) + (t != null ? 1 : 0);
        if (modes > 1) {
            throw new UsageException("choose one output: --json, --summary or -T fields");
        }
        if (t == null && !a.all("field").isEmpty()) {
            throw new UsageException("-e " + a.all("field").get(0) + " needs -T fields");
        }
        if (t == null && !a.all("fields-option").isEmpty()) {
            throw new UsageException("-E " + a.all("fields-option").get(0) + " needs -T fields");
        }
        if (t != null && a.all("field").isEmpty()) {
            throw new UsageException("-T fields needs at least one -e FIELD");
        }
        if (t != null) {
            return Mode.FIELDS;
        }
        return a.flag("json") ? Mode.JSON : a.flag("summary") ? Mode.SUMMARY : Mode.TREE;
    }

    /** {@code -c N}: 0 when not given. */
    private static long count(String v) throws UsageException {
        if (v == null) {
            return 0;
        }
        try {
            long n = Long.parseLong(v);
            if (n >= 1) {
                return n;
            }
        } catch (NumberFormatException e) {
            // below
        }
        throw new UsageException("-c wants a number of packets, 1 or more, not '" + v + "'");
    }
}
