package org.multitunnel.cli;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.multitunnel.agent.client.ExchangeLog;
import org.multitunnel.agent.replay.AddressMap;
import org.multitunnel.agent.replay.CaptureRegistrations;
import org.multitunnel.agent.replay.CapturedRegistration;
import org.multitunnel.agent.replay.ReplayOptions;
import org.multitunnel.agent.replay.ReplayReport;
import org.multitunnel.agent.replay.ReplayText;
import org.multitunnel.agent.replay.ReplayTiming;
import org.multitunnel.agent.replay.Replayer;
import org.multitunnel.wire.dissect.MipConfig;
import org.multitunnel.wire.mip.auth.MapKeyTable;

/**
 * {@code multitunnel replay}: sends the registration requests of a capture to an agent again — addresses
 * rewritten, Identification refreshed, MN-HA authenticator recomputed — and compares each reply code with the
 * captured one. Exit 0 when every compared code matches.
 */
public final class ReplayCommand implements Command {
    private static final Set<String> VALUED = Set.of("to", "map", "key", "key-file", "key-env", "timing", "port",
            "timeout", "transmissions", "pcapng");
    private static final Set<String> FLAGS = Set.of("json");

    @Override
    public String name() {
        return "replay";
    }

    @Override
    public String summary() {
        return "replay captured registrations to an agent and compare the reply codes";
    }

    @Override
    public String usage() {
        return """
                Usage: multitunnel replay FILE --to HOST:PORT [--map OLD=NEW]... [--key-file FILE]...
                                          [--timing original|step] [--json]

                Takes the Registration Requests of a capture (pcap, pcapng, gzip), rewrites their Home Address,
                Home Agent and Care-of Address (and source address) by the map, gives each a fresh RFC 5944
                §5.7.1 timestamp Identification, re-computes its MN-HA authenticator with the key for its SPI,
                sends it (from its mapped source address when that is local) and compares the reply code with
                the reply captured for it. Requests whose reply is not in the capture are sent but not compared.

                Options:
                  --to HOST:PORT          the agent to replay to
                  --map OLD=NEW           rewrite an IPv4 address (repeatable)
                  --key-file FILE         MN-HA keys by SPI: SPI HEXKEY [ALGORITHM [PEER]] lines, mode 0600
                                          (repeatable); also --key-env VAR (it holds SPI:HEXKEY), --key -
                                          (standard input) and --key SPI:HEXKEY (warns: visible in ps)
                  --timing original|step  keep the captured spacing, or send each after the last reply (default)
                  --port N                the same as --mip-port N (below)
                  --timeout MS            reply timeout (default 1000); --transmissions N (default 2)
                  --pcapng FILE           save the replayed exchange
                  --json                  one JSON object instead of the table
                """ + DecodeAsOption.HELP + """

                Exit codes: 0 every compared code matched, 1 a mismatch, 2 no registration request in FILE.

                Example:
                  multitunnel replay field.pcapng --to 127.0.0.1:4434 --map 10.1.0.5=10.9.0.5 \\
                      --key-file mnha.keys --timing step
                """;
    }

    @Override
    public int run(List<String> args, PrintStream out, PrintStream err) throws Exception {
        DecodeAsOption.Parsed decodeAs = DecodeAsOption.extract(args, err);
        CommandArgs a = CommandArgs.parse(decodeAs.rest(), VALUED, FLAGS);
        if (a.positional().size() != 1) {
            throw new UsageException("exactly one capture FILE is required");
        }
        Path file = Path.of(a.positional().get(0));
        if (!Files.isRegularFile(file)) {
            err.println("multitunnel replay: no such file: " + file);
            return 66;
        }
        AddressMap map = new AddressMap();
        try {
            for (String m : a.all("map")) {
                map.add(m);
            }
        } catch (IllegalArgumentException e) {
            throw new UsageException("--map: " + e.getMessage());
        }
        MapKeyTable keys = KeyOptions.read(a::all, List.of(), err).table();
        ReplayTiming timing;
        try {
            timing = ReplayTiming.parse(a.get("timing") == null ? "step" : a.get("timing"));
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
        var to = CommandArgs.hostPort(a.require("to"), "--to");
        List<Integer> ports = new ArrayList<>();
        for (String p : a.all("port")) {
            try {
                int n = Integer.parseInt(p.strip());
                if (n < 1 || n > 65535) {
                    throw new NumberFormatException();
                }
                ports.add(n);
            } catch (NumberFormatException e) {
                throw new UsageException("--port must be 1..65535: " + p);
            }
        }
        MipConfig mip = decodeAs.config().withMorePorts(ports);
        List<CapturedRegistration> regs = CaptureRegistrations.read(file, mip);
        if (regs.isEmpty()) {
            err.println("multitunnel replay: no Registration Request in " + file + " on UDP "
                    + DecodeAsOption.describe(mip.ports())
                    + " (an agent on another port: add -d udp.port==N,mip)");
            return 2;
        }
        ExchangeLog log = new ExchangeLog();
        ReplayOptions o = new ReplayOptions(to, map, keys, timing,
                Duration.ofMillis(a.intValue("timeout", 1000, 10, 60_000)), a.intValue("transmissions", 2, 1, 8), log);
        ReplayReport report = new Replayer(o).replay(regs);
        if (a.get("pcapng") != null) {
            log.writePcapng(Path.of(a.get("pcapng")), "multitunnel replay of " + file.getFileName());
        }
        out.print(a.flag("json") ? ReplayText.json(report) + "\n" : ReplayText.table(report));
        return report.allMatch() ? 0 : 1;
    }
}
