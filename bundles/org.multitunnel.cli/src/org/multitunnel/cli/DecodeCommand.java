package org.multitunnel.cli;

import java.io.BufferedWriter;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.multitunnel.capture.CaptureReader;
import org.multitunnel.capture.DecodeAsResolver;
import org.multitunnel.capture.NotACaptureFileException;
import org.multitunnel.capture.ReadSummary;
import org.multitunnel.capture.ReadWarning;
import org.multitunnel.wire.dissect.Dissection;
import org.multitunnel.wire.dissect.FieldsJson;
import org.multitunnel.wire.dissect.FieldsText;
import org.multitunnel.wire.fast.PacketClassifier;
import org.multitunnel.wire.fast.PacketKind;
import org.multitunnel.wire.fast.PacketSummary;

/**
 * {@code multitunnel decode}: dissects the Mobile IP / Mobile IPv6 signalling packets of a capture (every packet
 * with {@code --all}) as a tshark -V style tree, or as the contract's one JSON object per packet per line. The
 * cheap classifier picks the packets; only those are dissected.
 */
public final class DecodeCommand implements Command {
    @Override
    public String name() {
        return "decode";
    }

    @Override
    public String summary() {
        return "dissect the signalling packets of a capture (text or --json lines)";
    }

    @Override
    public String usage() {
        return """
                Usage: multitunnel decode FILE [--json] [--all] [-d udp.port==N,mip]...
                                          [--max-gzip-ratio N] [--max-spill SIZE]

                Dissects every Mobile IPv4 registration message (UDP 434 and 4434, plus the ports of -d and those
                the file records) and Mobile IPv6 mobility header of FILE (pcap, pcapng or gzip). Field names are
                Wireshark's where it has the field; see docs/fields.md.

                  --json   one JSON object per packet per line:
                           {"frame": 12, "time": 1700000000.123456, "fields": {"mip.type": [1], ...}}
                  --all    every packet, not just signalling
                """ + DecodeAsOption.HELP + SpillOptions.USAGE + """

                Malformed packets are shown with a _ws.malformed layer; decoding never stops at one.
                Exit 0 on success (damage and a file cut while it is read are warnings), 65 for a file that is
                not a capture or decompresses beyond the limits, 66 for a missing file, a directory or a device.

                Examples:
                  multitunnel decode test-captures/demo-multipath.pcapng | less
                  multitunnel decode ha.pcapng --json | jq -c '.fields["mip.ext.mp.bid"]'
                  multitunnel decode field.pcap -d udp.port==5434,mip     # an agent on port 5434
                """;
    }

    @Override
    public int run(List<String> argv, PrintStream out, PrintStream err) throws Exception {
        DecodeAsOption.Parsed decodeAs = DecodeAsOption.extract(argv, err);
        List<String> args = decodeAs.rest();
        Path file = null;
        boolean json = false;
        boolean all = false;
        SpillOptions spill = new SpillOptions();
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            switch (a) {
                case "--json" -> json = true;
                case "--all" -> all = true;
                case SpillOptions.RATIO, SpillOptions.SPILL -> spill.accept(a, AnalyzeCommand.value(args, ++i, a));
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
        if (!Files.isReadable(file)) {
            err.println("multitunnel decode: cannot read " + file);
            return 66;
        }
        DecodeAsResolver mip = new DecodeAsResolver(decodeAs.config()); // per packet: the setting + the file's ports
        PacketSummary summary = new PacketSummary();
        Writer w = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 1 << 16);
        boolean asJson = json;
        boolean every = all;
        int[] internalErrors = { 0 };
        ReadSummary read;
        try {
            read = CaptureReader.read(file, p -> {
                PacketKind kind = PacketClassifier.classify(p.linkType(), p.buffer(), p.dataOffset(),
                        p.capturedLength(), summary, mip.ports(p));
                boolean signalling = kind == PacketKind.MIP_SIGNALLING || kind == PacketKind.MIP6_MOBILITY;
                if (!every && !signalling) {
                    return true;
                }
                long frame = p.index() + 1;
                Dissection d = mip.dissector(p).dissectFull(p.linkType(), p.slice());
                if (d.internalError() != null) {
                    internalErrors[0]++;
                }
                try {
                    if (asJson) {
                        long t = p.timestampNanos();
                        w.write(FieldsJson.line(frame, Math.floorDiv(t, 1_000_000_000L),
                                (int) Math.floorMod(t, 1_000_000_000L), d.layers()));
                        w.write('\n');
                    } else {
                        w.write(FieldsText.packet(frame, p.capturedLength(), d.layers()));
                        w.write('\n');
                    }
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
                return true;
            }, spill.openOptions());
        } catch (NotACaptureFileException e) {
            return CaptureProblems.report(name(), e, err);
        }
        w.flush();
        for (ReadWarning warning : read.warnings()) {
            err.println("warning: " + warning);
        }
        if (internalErrors[0] > 0) {
            err.println("warning: " + internalErrors[0] + " packet(s) hit a dissector bug; shown as far as decoded");
        }
        return 0;
    }
}
