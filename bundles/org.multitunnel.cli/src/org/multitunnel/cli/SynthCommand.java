package org.multitunnel.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

import org.multitunnel.capture.synth.GroundTruth;
import org.multitunnel.capture.synth.ScenarioSpec;
import org.multitunnel.capture.synth.ScenarioSynthesizer;

/**
 * {@code multitunnel synth}: writes a synthesized multipath scenario capture and its ground truth
 * ({@code OUT.expected.json}), for demos, tests and benchmarks of any size without shipping large captures.
 */
public final class SynthCommand implements Command {
    /** {@code java -cp … org.multitunnel.cli.SynthCommand ARGS}: the command without the launcher (releng/bench.sh). */
    public static void main(String[] args) {
        System.exit(Standalone.run(new SynthCommand(), args));
    }

    @Override
    public String name() {
        return "synth";
    }

    @Override
    public String summary() {
        return "write a synthesized multipath scenario capture and its expected JSON";
    }

    @Override
    public String usage() {
        return """
                Usage: multitunnel synth OUT [--mns N] [--coas K|MIN-MAX] [--seconds S] [--pps P] [--seed X]
                                         [--format pcap|pcapng] [--lifetime S] [--interval S] [--no-flow-bindings]
                                         [--traffic uniform|mixed] [--no-expected] [--mip-port N]
       multitunnel synth OUT.pcap --churn REGISTRATIONS [--mns N] [--bids K]

                Writes OUT: N mobile nodes with K care-of addresses each register every binding (RFC 7629
                Multipath extension per BID, MN-HA authenticator, accepted replies; re-registration before the
                lifetime ends; flow bindings pinning one flow of every other node), then exchange tunnelled data
                with correspondents over IP-in-IP, GRE with key, minimal encapsulation and RFC 3519 UDP tunnels in
                both directions. Next to OUT goes OUT-without-extension.expected.json: registrations, bindings,
                per-tunnel packets and bytes per direction, series, and the tunnels each inner flow used.
                The same options and seed always give the same bytes.

                  --mns N          mobile nodes (default 3)
                  --coas K|MIN-MAX care-of addresses per node (default 2-4)
                  --seconds S      scenario length (default 60)
                  --pps P          tunnelled data packets per second over all tunnels (default 50)
                  --seed X         random seed (default 1)
                  --format F       pcap or pcapng (default: from OUT's extension, else pcapng)
                  --lifetime S     registration lifetime in seconds (default 300)
                  --interval S     series bucket width of the expected JSON (default 1)
                  --no-flow-bindings  send no Flow Binding extensions
                  --mip-port N     Mobile IP (signalling, RFC 3519 UDP tunnels) on UDP N instead of 434, as a
                                   test bed's agent would use; a pcapng records N for the readers
                                   (multitunnel:decode-as, docs/decode-as.md), a pcap needs -d udp.port==N,mip
                  --traffic MIX    uniform (default): random sizes, zero payloads; mixed: TLS over TCP 443 bulk
                                   downloads and web exchanges plus RTP-sized UDP both ways, with TLS/RTP headers
                                   and non-zero payloads (what a benchmark against tshark should use)
                  --no-expected    write only the capture, no expected JSON (for multi-GB benchmark captures)

                With --churn, OUT is instead a registration-churn stress capture (pcap): N mobile nodes
                (default 1) each register REGISTRATIONS times, cycling over K BIDs (default 255), every time from
                a new care-of address (so every registration replaces a binding), each accepted reply followed by
                two tunnelled data packets. It stresses the analysis of long binding histories.

                Examples:
                  multitunnel synth demo.pcapng
                  multitunnel synth /tmp/big.pcapng --mns 150 --seconds 200 --pps 5100 --seed 7
                  multitunnel synth /tmp/1m.pcap --mns 200 --coas 2-4 --seconds 600 --pps 1667 --traffic mixed
                """;
    }

    @Override
    public int run(List<String> args, PrintStream out, PrintStream err) throws Exception {
        Path file = null;
        ScenarioSpec spec = ScenarioSpec.demo();
        ScenarioSynthesizer.Format format = null;
        boolean expected = true;
        int churn = 0;
        int bids = 255;
        int churnNodes = 1;
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            try {
                switch (a) {
                    case "--mns" -> {
                        churnNodes = Integer.parseInt(value(args, ++i, a));
                        spec = spec.withMobileNodes(churnNodes);
                    }
                    case "--coas" -> {
                        String v = value(args, ++i, a);
                        int dash = v.indexOf('-');
                        spec = dash < 0 ? spec.withCareOf(Integer.parseInt(v), Integer.parseInt(v))
                                : spec.withCareOf(Integer.parseInt(v.substring(0, dash)),
                                        Integer.parseInt(v.substring(dash + 1)));
                    }
                    case "--seconds" -> spec = spec.withSeconds(Integer.parseInt(value(args, ++i, a)));
                    case "--pps" -> spec = spec.withPacketsPerSecond(Integer.parseInt(value(args, ++i, a)));
                    case "--seed" -> spec = spec.withSeed(Long.parseLong(value(args, ++i, a)));
                    case "--lifetime" -> spec = spec.withLifetime(Integer.parseInt(value(args, ++i, a)));
                    case "--interval" -> spec = spec.withIntervalNanos(Seconds.nanos(value(args, ++i, a), a, 0));
                    case "--no-flow-bindings" -> spec = spec.withFlowBindings(false);
                    case "--no-expected" -> expected = false;
                    case "--churn" -> churn = Integer.parseInt(value(args, ++i, a));
                    case "--bids" -> bids = Integer.parseInt(value(args, ++i, a));
                    case "--traffic" -> spec = spec.withTraffic(switch (value(args, ++i, a)) {
                        case "uniform" -> ScenarioSpec.Traffic.UNIFORM;
                        case "mixed" -> ScenarioSpec.Traffic.MIXED;
                        default -> throw new UsageException("--traffic is uniform or mixed: " + args.get(i));
                    });
                    case "--mip-port" -> spec = spec.withMipPort(Integer.parseInt(value(args, ++i, a)));
                    case "--format" -> format = switch (value(args, ++i, a)) {
                        case "pcap" -> ScenarioSynthesizer.Format.PCAP;
                        case "pcapng" -> ScenarioSynthesizer.Format.PCAPNG;
                        default -> throw new UsageException("--format is pcap or pcapng: " + args.get(i));
                    };
                    default -> {
                        if (a.startsWith("-") || file != null) {
                            throw new UsageException("unexpected argument '" + a + "'");
                        }
                        file = Path.of(a);
                    }
                }
            } catch (NumberFormatException e) {
                throw new UsageException(a + " needs a number: " + args.get(i));
            } catch (IllegalArgumentException e) {
                throw new UsageException(e.getMessage());
            }
        }
        if (file == null) {
            throw new UsageException("where to? give OUT");
        }
        Path out0 = CliFiles.output(file.toString(), "OUT");
        if (format == null) {
            format = file.getFileName().toString().endsWith(".pcap") ? ScenarioSynthesizer.Format.PCAP
                    : ScenarioSynthesizer.Format.PCAPNG;
        }
        long t0 = System.nanoTime();
        if (churn > 0) {
            if (bids < 1 || bids > 255) {
                throw new UsageException("--bids must be 1..255: " + bids);
            }
            long[] n = new long[1];
            int nodes = churnNodes;
            int registrations = churn;
            int b = bids;
            CliFiles.write(out0, "OUT", () -> n[0] = org.multitunnel.capture.synth.ChurnSynthesizer.write(out0, nodes,
                    registrations, b, 2));
            out.printf(Locale.ROOT, "%s: %d packets, %d mobile node(s) x %d registrations over %d BIDs in %.1f s%n",
                    file, n[0], churnNodes, churn, bids, (System.nanoTime() - t0) / 1e9);
            return 0;
        }
        ScenarioSynthesizer.Format f = format;
        ScenarioSpec sp = spec;
        boolean withTruth = expected;
        GroundTruth[] written = new GroundTruth[1];
        CliFiles.write(out0, "OUT", () -> written[0] = withTruth ? ScenarioSynthesizer.write(sp, out0, f)
                : ScenarioSynthesizer.writeCapture(sp, out0, f));
        GroundTruth truth = written[0];
        double s = (System.nanoTime() - t0) / 1e9;
        out.printf(Locale.ROOT, "%s: %d packets (%d tunnelled, %d requests, %d replies), %d mobile nodes, "
                + "%d tunnels (%s) in %.1f s%n", file, truth.packets(), truth.dataPackets(), truth.requests(),
                truth.replies(), spec.mobileNodes(), truth.tunnels().size(), String.join(", ",
                        truth.encapsulations()), s);
        if (expected) {
            out.println(ScenarioSynthesizer.expectedJsonPath(file) + ": ground truth");
        }
        return 0;
    }

    private static String value(List<String> args, int i, String option) throws UsageException {
        if (i >= args.size()) {
            throw new UsageException(option + " needs a value");
        }
        return args.get(i);
    }
}
