package org.multitunnel.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.multitunnel.agent.conformance.ConformanceConfig;
import org.multitunnel.agent.conformance.ConformanceReport;
import org.multitunnel.agent.conformance.ConformanceRunner;
import org.multitunnel.agent.conformance.HtmlReport;
import org.multitunnel.agent.conformance.JUnitReport;
import org.multitunnel.agent.conformance.Scenario;
import org.multitunnel.agent.conformance.ScenarioResult;
import org.multitunnel.agent.conformance.Scenarios;

/**
 * {@code multitunnel conformance}: runs the conformance scenarios against a home agent and reports a verdict per
 * scenario on stdout, as JUnit XML for CI, as HTML for people, with every exchanged packet saved as pcapng. The
 * same {@link ConformanceRunner} backs the GUI.
 */
public final class ConformanceCommand implements Command {
    private static final Set<String> VALUED = Set.of("target", "key", "key-file", "key-env", "junit", "html",
            "pcapng", "home-address-base",
            "home-agent", "deny-multipath-hoa", "nonce-hoa", "care-of", "only", "timeout", "transmissions");
    private static final Set<String> FLAGS = Set.of("no-unequal-load", "no-bind", "list");

    @Override
    public String name() {
        return "conformance";
    }

    @Override
    public String summary() {
        return "run the conformance scenarios against a home agent (JUnit XML, HTML, pcapng)";
    }

    @Override
    public String usage() {
        return """
                Usage: multitunnel conformance --target HOST:PORT [--key-file FILE] [--junit FILE] [--html FILE]
                                               [--pcapng FILE] [--home-address-base A] [OPTIONS]

                Runs one scenario per normative statement of RFC 7629, RFC 5944 and the seed drafts against the
                home agent at HOST:PORT. Binding state is inferred remotely from reply codes and lifetimes, and by
                probing BIDs with Flow Binding Extensions (153 = unknown BID); the agent's internals are not used.
                Each scenario uses its own home address (the base plus its number).

                Options:
                  --key-file FILE           the MN-HA key the agent shares: the file's first line, SPI HEXKEY
                                            [ALGORITHM [PEER]], mode 0600 (scenarios needing it are skipped
                                            without); also --key-env VAR (SPI:HEXKEY), --key - (standard
                                            input) and --key SPI:HEXKEY (warns: visible in ps)
                  --junit FILE              JUnit XML testsuite, one testcase per scenario
                  --html FILE               HTML report
                  --pcapng FILE             every exchanged packet, commented with its rule id
                  --home-address-base A     first home address (default 10.77.0.1)
                  --home-agent H            Home Agent field (default: the target address)
                  --deny-multipath-hoa A    a home address the agent is configured to refuse multipath to
                                            (RFC 7629 152, MTS02/MIR denials; skipped when not given)
                  --nonce-hoa A             a home address the agent protects with nonces (RFC 5944 §5.7.2;
                                            skipped when not given)
                  --no-unequal-load         the agent does not claim unequal load distribution (seed 000)
                  --care-of A,B,C,D         four care-of addresses (default 127.0.1.1-4 on loopback, else
                                            198.51.100.1-4 sent from the default source)
                  --no-bind                 never bind requests to their care-of address (default: bind when the
                                            address is local to this host)
                  --only PREFIX             run only rule ids starting with PREFIX (repeatable)
                  --timeout MS              reply timeout per transmission (default 800)
                  --transmissions N         transmissions per request (default 3)
                  --list                    list the scenarios and exit

                Exit codes: 0 when no scenario failed or errored (skipped ones do not count), 1 otherwise.

                Example:
                  multitunnel conformance --target 127.0.0.1:4434 --key-file mnha.keys \\
                      --deny-multipath-hoa 10.1.0.99 --junit conformance.xml --html conformance.html
                """;
    }

    @Override
    public int run(List<String> args, PrintStream out, PrintStream err) throws Exception {
        CommandArgs a = CommandArgs.parse(args, VALUED, FLAGS);
        if (!a.positional().isEmpty()) {
            throw new UsageException("unexpected argument '" + a.positional().get(0) + "'");
        }
        List<Scenario> scenarios = Scenarios.select(a.all("only"));
        if (a.flag("list")) {
            for (Scenario s : scenarios) {
                out.printf(Locale.ROOT, "%-36s %-22s %s%n", s.ruleId(), s.source(), s.title());
            }
            return 0;
        }
        if (scenarios.isEmpty()) {
            throw new UsageException("--only matches no scenario");
        }
        ConformanceConfig c = ConformanceConfig.defaults(CommandArgs.hostPort(a.require("target"), "--target"),
                KeyOptions.read(a::all, List.of(), err).first());
        if (a.get("home-agent") != null) {
            c = c.withHomeAgent(CommandArgs.ipv4(a.get("home-agent"), "--home-agent"));
        }
        if (a.get("home-address-base") != null) {
            c = c.withHomeAddressBase(CommandArgs.ipv4(a.get("home-address-base"), "--home-address-base"));
        }
        if (a.get("nonce-hoa") != null) {
            c = c.withNonceHoa(CommandArgs.ipv4(a.get("nonce-hoa"), "--nonce-hoa"));
        }
        if (a.get("deny-multipath-hoa") != null) {
            c = c.withDenyMultipathHoa(CommandArgs.ipv4(a.get("deny-multipath-hoa"), "--deny-multipath-hoa"));
        }
        if (a.get("care-of") != null || a.flag("no-bind")) {
            List<String> coas;
            try {
                coas = a.get("care-of") == null ? c.careOfAddresses() : ConformanceConfig.list(a.get("care-of"));
                c = c.withCareOf(coas, !a.flag("no-bind")); // bound only where this host owns the address
            } catch (IllegalArgumentException e) {
                throw new UsageException("--care-of: " + e.getMessage());
            }
        }
        c = c.withUnequalLoadSupported(!a.flag("no-unequal-load")).withReplyTimeout(
                Duration.ofMillis(a.intValue("timeout", 800, 10, 60_000)), a.intValue("transmissions", 3, 1, 10));
        if (c.key() == null) {
            err.println("note: no key given; scenarios that need the MN-HA key are skipped");
        }
        ConformanceRunner runner = new ConformanceRunner(c);
        ConformanceReport report = runner.run(scenarios, new ConformanceRunner.ProgressListener() {
            @Override
            public void finished(ScenarioResult r, int index, int total) {
                out.printf(Locale.ROOT, "%-7s %-36s %s%s%n", r.status(), r.scenario().ruleId(), r.scenario().title(),
                        r.message().isEmpty() ? "" : "\n        " + r.message());
            }
        });
        out.printf(Locale.ROOT, "%d scenarios: %d passed, %d failed, %d errors, %d skipped%n", report.results().size(),
                report.count(ScenarioResult.Status.PASSED), report.count(ScenarioResult.Status.FAILED),
                report.count(ScenarioResult.Status.ERROR), report.count(ScenarioResult.Status.SKIPPED));
        if (a.get("junit") != null) {
            JUnitReport.write(report, Path.of(a.get("junit")));
        }
        if (a.get("html") != null) {
            HtmlReport.write(report, Path.of(a.get("html")));
        }
        if (a.get("pcapng") != null) {
            runner.log().writePcapng(Path.of(a.get("pcapng")), "multitunnel conformance against " + a.get("target"));
        }
        return report.allPassed() ? 0 : 1;
    }
}
