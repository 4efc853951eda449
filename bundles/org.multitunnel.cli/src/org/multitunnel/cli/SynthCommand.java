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
                                         [--mip-port N]

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

                Examples:
                  multitunnel synth demo.pcapng
                  multitunnel synth /tmp/big.pcapng --mns 150 --seconds 200 --pps 5100 --seed 7
                """;
    }

    @Override
    public int run(List<String> args, PrintStream out, PrintStream err) throws Exception {
        Path file = null;
        ScenarioSpec spec = ScenarioSpec.demo();
        ScenarioSynthesizer.Format format = null;
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            try {
                switch (a) {
                    case "--mns" -> spec = spec.withMobileNodes(Integer.parseInt(value(args, ++i, a)));
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
                    case "--interval" -> spec = spec.withIntervalNanos(BenchCommand.seconds(value(args, ++i, a)));
                    case "--no-flow-bindings" -> spec = spec.withFlowBindings(false);
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
        if (format == null) {
            format = file.getFileName().toString().endsWith(".pcap") ? ScenarioSynthesizer.Format.PCAP
                    : ScenarioSynthesizer.Format.PCAPNG;
        }
        long t0 = System.nanoTime();
        GroundTruth truth = ScenarioSynthesizer.write(spec, file, format);
        double s = (System.nanoTime() - t0) / 1e9;
        out.printf(Locale.ROOT, "%s: %d packets (%d tunnelled, %d requests, %d replies), %d mobile nodes, "
                + "%d tunnels (%s) in %.1f s%n", file, truth.packets(), truth.dataPackets(), truth.requests(),
                truth.replies(), spec.mobileNodes(), truth.tunnels().size(), String.join(", ",
                        truth.encapsulations()), s);
        out.println(ScenarioSynthesizer.expectedJsonPath(file) + ": ground truth");
        return 0;
    }

    private static String value(List<String> args, int i, String option) throws UsageException {
        if (i >= args.size()) {
            throw new UsageException(option + " needs a value");
        }
        return args.get(i);
    }
}
