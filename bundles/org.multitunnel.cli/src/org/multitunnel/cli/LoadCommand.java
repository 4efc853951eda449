package org.multitunnel.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.multitunnel.agent.load.LoadGenerator;
import org.multitunnel.agent.load.LoadListener;
import org.multitunnel.agent.load.LoadReport;
import org.multitunnel.agent.load.LoadReportJson;
import org.multitunnel.agent.load.LoadSecond;
import org.multitunnel.agent.load.LoadSettings;
import org.multitunnel.agent.net.Ipv4;
import org.multitunnel.wire.mip.ReplyCodes;
import org.multitunnel.wire.mip.auth.SecurityAssociation;

/**
 * {@code multitunnel load}: node emulation against a home agent — N mobile nodes with K care-of addresses each,
 * registered, kept alive and de-registered at a constant request rate — with a live progress line on a terminal,
 * a summary, a JSON report the GUI opens, and the verdict as exit code (headless contract).
 */
public final class LoadCommand implements Command {
    private static final Set<String> VALUED = Set.of("target", "nodes", "bids", "rate", "duration", "key", "key-file",
            "key-env", "spi", "refresh", "lifetime", "report", "source", "home-base", "care-of-base", "home-agent", "timeout",
            "transmissions");
    private static final Set<String> FLAGS = Set.of("flow-bindings", "plain", "nonces", "i-own-this-target",
            "progress", "quiet");

    @Override
    public String name() {
        return "load";
    }

    @Override
    public String summary() {
        return "emulate many mobile nodes registering with a home agent (load test)";
    }

    @Override
    public String usage() {
        return """
                Usage: multitunnel load --target HA:PORT --nodes N [--bids K] --rate R [--duration S]
                                        (--key-file F | --key-env VAR | --key -) [--spi N] [--flow-bindings]
                                        [--refresh FRACTION] [--report FILE.json] [OPTIONS]

                Emulates N mobile nodes with K care-of addresses each (RFC 7629 multipath: BIDs 1..K). Sends R
                requests per second (retransmissions included): first every binding's registration, then the
                re-registration of the binding whose refresh is most urgent, until S seconds have passed; then
                de-registers every accepted binding at the same rate. Every request carries an RFC 5944 §5.7
                Identification and an HMAC-MD5 MN-HA authenticator; every reply's authenticator is checked.

                Options:
                  --target HA:PORT        the home agent (IPv4); a non-loopback target needs --i-own-this-target
                  --nodes N               emulated mobile nodes (home addresses --home-base, --home-base + 1, …)
                  --bids K                care-of addresses per node, BIDs 1..K (default 1; nodes × bids ≤ 1048576)
                  --rate R                requests per second on the wire
                  --duration S            seconds of registering and refreshing before the de-registrations
                                          (default 10)
                  --key-file F            the MN-HA key: a key file (SPI HEXKEY [ALG [PEER]] lines, mode 0600)
                  --key-env VAR           ... or the variable VAR holding SPI:HEXKEY
                  --key -                 ... or SPI:HEXKEY lines on standard input
                  --key SPI:HEXKEY        ... or literally (warned: other users can read a command line)
                  --spi N                 use the association with this SPI (default: the first one given);
                                          keys are never printed
                  --flow-bindings         each registration carries an RFC 7629 Flow Binding Extension binding
                                          UDP destination port 5000+k to BID k
                  --refresh FRACTION      re-register a binding at the latest when this fraction of its granted
                                          lifetime has passed (default 0.8)
                  --lifetime S            requested lifetime (default: long enough for the refresh round,
                                          at least 30 s)
                  --report FILE.json      write the report (opens in the workbench: Testbed > Load)
                  --source ADDR           send BID k from the ((k-1) mod count)-th source (repeatable); default:
                                          127.0.1.k for a loopback target, else the routed local address
                  --care-of-base A        register distinct co-located care-of addresses A, A+1, … (D flag set);
                                          default: the source address (as a foreign agent's care-of address)
                  --home-base A           first home address (default 10.128.0.1)
                  --home-agent A          the Home Agent field (default: the target address)
                  --timeout MS            first retransmission timeout (default 1000, doubling)
                  --transmissions N       transmissions per request at most (default 3)
                  --nonces                RFC 5944 §5.7.2 nonces instead of timestamps (the first request of
                                          each binding is answered 133 with the nonce to use: a resynchronisation)
                  --plain                 RFC 5944 registrations without the Multipath Extension (--bids 1)
                  --i-own-this-target     allow a target that is not on this machine's loopback
                  --progress              a progress line per second even when stderr is not a terminal
                  --quiet                 no progress line

                Output: a live line on a terminal (rate, p50/p99 latency, bindings), then a summary: requests,
                retransmissions, lost and late replies, reply codes, latency percentiles, offered vs answered rate.

                Exit codes: 0 every request answered and accepted, 1 some rejected, 2 some unanswered,
                3 a reply claimed acceptance without a valid MN-HA authenticator; 64 usage, 65 a bad key file line,
                66 key file missing, 69 a source address cannot be used, 73 the report cannot be written.

                Examples:
                  multitunnel agent ha --key-file mnha.keys &
                  multitunnel load --target 127.0.0.1:4434 --nodes 25000 --bids 4 --rate 20000 --duration 30 \\
                      --key-file mnha.keys --report load.json
                """;
    }

    @Override
    public int run(List<String> args, PrintStream out, PrintStream err) throws Exception {
        CommandArgs a = CommandArgs.parse(args, VALUED, FLAGS);
        if (!a.positional().isEmpty()) {
            throw new UsageException("unexpected argument '" + a.positional().get(0) + "'");
        }
        LoadSettings settings = settings(a, err); // CliException: a key file missing (66) or bad (65)
        Path report = a.get("report") == null ? null : Path.of(a.get("report"));
        if (report != null && report.getParent() != null && !Files.isDirectory(report.getParent())) {
            err.println("multitunnel load: --report " + report + ": no such directory");
            return 73;
        }
        boolean live = !a.flag("quiet") && (a.flag("progress") || System.console() != null);
        Progress progress = new Progress(err, live, System.console() != null && !a.flag("progress"));
        LoadGenerator g = new LoadGenerator(settings, progress);
        CountDownLatch done = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            g.stop(); // Ctrl-C: stop registering, de-register what was registered, then exit
            try {
                done.await(15, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "load-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        err.println("load " + Ipv4.text(settings.target()) + ": " + settings.nodes() + " nodes × "
                + settings.bids() + " BIDs at " + settings.rate() + " requests/s for " + settings.durationSeconds()
                + " s, lifetime " + settings.lifetime() + " s");
        try {
            LoadReport r;
            try {
                r = g.run();
            } catch (IOException e) {
                err.println("multitunnel load: " + e.getMessage());
                return 69;
            }
            progress.finish();
            summary(r, out);
            if (report != null) {
                try {
                    Files.writeString(report, LoadReportJson.write(r) + "\n", StandardCharsets.UTF_8);
                } catch (IOException e) {
                    err.println("multitunnel load: cannot write " + report + ": " + e.getMessage());
                    return 73;
                }
            }
            return r.exitCode();
        } finally {
            out.flush();
            done.countDown(); // a Ctrl-C waits for the de-registrations, the summary and the report
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException e) {
                // already shutting down
            }
        }
    }

    private static LoadSettings settings(CommandArgs a, PrintStream err) throws Exception {
        LoadSettings.Builder b = LoadSettings.builder();
        InetSocketAddress target;
        try {
            target = Ipv4.socket(a.require("target"));
        } catch (IllegalArgumentException e) {
            throw new UsageException("--target wants an IPv4 HOST:PORT: " + a.get("target"));
        }
        b.target(target).nodes(a.intValue("nodes", 0, 1, LoadSettings.MAX_BINDINGS))
                .bids(a.intValue("bids", 1, 1, 254)).rate(a.intValue("rate", 0, 1, 10_000_000))
                .lifetime(a.intValue("lifetime", 0, 1, 65_534))
                .timeoutMillis(a.intValue("timeout", LoadSettings.DEFAULT_TIMEOUT_MILLIS, 1, 60_000))
                .transmissions(a.intValue("transmissions", LoadSettings.DEFAULT_TRANSMISSIONS, 1, 10))
                .flowBindings(a.flag("flow-bindings")).plain(a.flag("plain")).ownTarget(a.flag("i-own-this-target"))
                .identification(a.flag("nonces") ? LoadSettings.Identification.NONCES
                        : LoadSettings.Identification.TIMESTAMPS);
        a.require("nodes");
        a.require("rate");
        b.duration(decimal(a, "duration", 10));
        b.refresh(decimal(a, "refresh", LoadSettings.DEFAULT_REFRESH));
        try {
            for (String src : a.all("source")) {
                for (String one : src.split(",")) {
                    b.source(Ipv4.parse(one));
                }
            }
            if (a.get("home-base") != null) {
                b.homeBase(a.get("home-base"));
            }
            if (a.get("care-of-base") != null) {
                b.careOfBase(a.get("care-of-base"));
            }
            if (a.get("home-agent") != null) {
                b.homeAgentField(a.get("home-agent"));
            }
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
        b.key(key(a, err));
        try {
            return b.build();
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
    }

    private static double decimal(CommandArgs a, String name, double dflt) throws UsageException {
        String v = a.get(name);
        if (v == null) {
            return dflt;
        }
        try {
            double d = Double.parseDouble(v);
            if (Double.isNaN(d) || Double.isInfinite(d)) {
                throw new NumberFormatException();
            }
            return d;
        } catch (NumberFormatException e) {
            throw new UsageException("--" + name + " is not a number: " + v);
        }
    }

    /**
     * The one MN-HA association, from the key options every command shares ({@link KeyOptions}): the one with
     * {@code --spi N}, else the first given.
     */
    private static SecurityAssociation key(CommandArgs a, PrintStream err) throws Exception {
        KeyOptions.Keys keys = KeyOptions.read(a::all, List.of(), err);
        if (keys.isEmpty()) {
            throw new UsageException("needs --key-file FILE, --key-env VAR or --key (RFC 5944 §3.2: MN-HA "
                    + "authentication is required)");
        }
        if (a.get("spi") == null) {
            return keys.first();
        }
        long spi;
        try {
            spi = Long.parseLong(a.get("spi"));
        } catch (NumberFormatException e) {
            spi = -1;
        }
        if (spi < 0 || spi > 0xffffffffL) {
            throw new UsageException("--spi wants a 32-bit unsigned number: " + a.get("spi"));
        }
        SecurityAssociation sa = keys.table().lookup(spi, null);
        if (sa == null) {
            throw new UsageException("no key for --spi " + spi + " valid for any peer among the keys given");
        }
        return sa;
    }

    private static void summary(LoadReport r, PrintStream out) {
        LoadReport.Settings s = r.settings();
        LoadReport.Totals t = r.totals();
        out.printf(Locale.ROOT, "load %s: %d nodes × %d BIDs, %d requests/s for %s s (lifetime %d s, refresh %.2f)%n",
                s.target(), s.nodes(), s.bids(), s.rate(), trim(s.duration()), s.lifetime(), s.refresh());
        StringBuilder ph = new StringBuilder("phases:");
        for (LoadReport.Phase p : r.phases()) {
            ph.append(String.format(Locale.ROOT, " %s %.1f–%.1f s", p.name(), p.start(), p.end()));
        }
        out.println(ph);
        out.printf(Locale.ROOT, "requests %d, transmissions %d (retransmissions %d), answered %d, accepted %d, "
                + "rejected %d, unanswered %d%n", t.requests(), t.transmissions(), t.retransmissions(), t.answered(),
                t.accepted(), t.rejected(), t.unanswered());
        out.printf(Locale.ROOT, "lost replies %d, late replies %d, auth failures %d, resynchronisations %d, "
                + "lapsed %d%n", t.lostReplies(), t.lateReplies(), t.authFailures(), t.resynchronisations(),
                t.lapsed());
        out.printf(Locale.ROOT, "offered %.1f/s, answered %.1f/s over %.1f s; peak bindings %d%n", t.offeredRate(),
                t.answeredRate(), r.elapsed(), t.peakBindings());
        LoadReport.Latency l = r.latency();
        out.printf(Locale.ROOT, "latency ms: p50 %s, p90 %s, p99 %s, p99.9 %s, max %s%n", ms(l.p50()), ms(l.p90()),
                ms(l.p99()), ms(l.p999()), ms(l.max()));
        StringBuilder c = new StringBuilder("codes:");
        for (Map.Entry<Integer, Long> e : r.codes().entrySet()) {
            String name = ReplyCodes.standard().name(e.getKey());
            c.append(' ').append(e.getKey()).append(name == null ? "" : " " + name).append(" ×").append(e.getValue());
        }
        out.println(c);
        for (String w : r.warnings()) {
            out.println("warning: " + w);
        }
        out.println("verdict: " + r.verdict());
    }

    private static String ms(double v) {
        return Double.isNaN(v) ? "-" : String.format(Locale.ROOT, "%.2f", v);
    }

    private static String trim(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
    }

    /** The live line: rewritten in place on a terminal, one line per second otherwise (--progress). */
    private static final class Progress implements LoadListener {
        private final PrintStream err;
        private final boolean on;
        private final boolean inPlace;
        private volatile String phase = "register";
        private boolean dirty;

        Progress(PrintStream err, boolean on, boolean inPlace) {
            this.err = err;
            this.on = on;
            this.inPlace = inPlace;
        }

        @Override
        public void phase(String name) {
            phase = name;
        }

        @Override
        public void second(LoadSecond x) {
            if (!on) {
                return;
            }
            String line = String.format(Locale.ROOT, "%4ds %-10s offered %7d/s answered %7d/s p50 %6s ms p99 %6s ms "
                    + "bindings %7d rejected %d lost %d", x.second(), phase, x.offered(), x.answered(), ms(x.p50()),
                    ms(x.p99()), x.bindings(), x.rejected(), x.lost());
            if (inPlace) {
                err.print("\r" + line + "\u001b[K");
                dirty = true;
            } else {
                err.println(line);
            }
            err.flush();
        }

        void finish() {
            if (dirty) {
                err.println();
            }
        }
    }
}
