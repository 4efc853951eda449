package org.multitunnel.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.net.SocketException;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.multitunnel.agent.fa.ForeignAgent;
import org.multitunnel.agent.fa.ForeignAgentConfig;
import org.multitunnel.agent.ha.HomeAgent;
import org.multitunnel.agent.ha.HomeAgentConfig;
import org.multitunnel.agent.mn.MnBinding;
import org.multitunnel.agent.mn.MobileNodeConfig;
import org.multitunnel.agent.mn.ReferenceMobileNode;
import org.multitunnel.agent.net.Ipv4;
import org.multitunnel.wire.Json;

/**
 * {@code multitunnel agent ha|fa|mn}: runs one reference agent in the foreground until Ctrl-C, on loopback and an
 * unprivileged port by default, optionally recording its signalling to pcapng and printing its state as JSON.
 * Key material is only ever read (options, key files, config), never printed.
 */
public final class AgentCommand implements Command {
    private static final Set<String> VALUED = Set.of("listen", "key", "key-file", "key-env", "deny-multipath",
            "config", "record", "status-interval", "home-agent", "home-address", "care-of", "lifetime",
            "home-agent-address", "max-lifetime", "max-bindings", "replay-window", "fa-ha-key", "fa-ha-key-file",
            "fa-ha-key-env", "flow", "nonce", "max-lifetime-mn", "max-total-bindings", "max-rate-per-source",
            "record-size", "record-files");
    private static final Set<String> FLAGS = Set.of("status", "verbose", "no-multipath", "no-multiple-tunnel",
            "no-multi-interface", "no-unequal-load", "simultaneous-bindings", "discard-unknown", "nonces");
    private static final Set<String> REPEATABLE = Set.of("key", "key-file", "key-env", "deny-multipath", "care-of",
            "flow", "nonce", "max-lifetime-mn");

    @Override
    public String name() {
        return "agent";
    }

    @Override
    public String summary() {
        return "run a reference home agent, foreign agent or mobile node";
    }

    @Override
    public String usage() {
        return """
                Usage: multitunnel agent ha|fa|mn --listen ADDR:PORT [--key-file FILE]... [--deny-multipath HOA]...
                                         [--config FILE] [OPTIONS]

                Runs a reference agent in the foreground until Ctrl-C (SIGINT/SIGTERM).

                Common options:
                  --listen ADDR:PORT     where to listen (default ha 127.0.0.1:4434, fa 127.0.0.1:4435;
                                         mn: ignored, it sends from each --care-of address)
                  --key-file FILE        MN-HA security associations, one per line: SPI HEXKEY
                                         [hmac-md5|keyed-md5 [PEER]]; a warning is printed unless FILE is
                                         private to its owner (mode 0600 or 0400) (repeatable)
                  --key-env VAR          the environment variable VAR holds SPI:HEXKEY (HMAC-MD5, any MN;
                                         several separated by spaces or commas) (repeatable)
                  --key -                read SPI:HEXKEY lines from standard input
                  --key SPI:HEXKEY       the same literally (repeatable); warns, since every local user can read
                                         a command line (ps, /proc/PID/cmdline)
                  --config FILE          settings in Java properties syntax (below); the command line wins
                  --record FILE.pcapng   record every datagram sent and received (raw IPv4, link type 228);
                                         the file names the agent's port, so it decodes on any port
                  --record-size SIZE     start a new file when FILE reaches SIZE (default 64M; k, M, G suffixes);
                                         the full one becomes FILE.1.pcapng, older ones move up
                  --record-files N       keep at most N files, the oldest is deleted (default 4: ≤ 256 MiB)
                  --status               print the agent's state as JSON on stdout when it stops
                  --status-interval S    ... and every S seconds while it runs
                  --verbose              one line per message on stderr (never key material)

                Home agent (ha):
                  --deny-multipath HOA   refuse multipath to this home address: reply 152 (repeatable)
                  --home-agent-address A answer only requests whose Home Agent field is A (else 136)
                  --max-lifetime S       grant at most S seconds (default 1800)
                  --max-lifetime-mn HOA=S  grant this home address at most S seconds (repeatable; overrides
                                         --max-lifetime for it; a longer request is granted S, RFC 5944 §3.8.3.1)
                  --nonce HOA            replay protection with nonces for this home address (RFC 5944 §5.7.2:
                                         its first request gets 133 and a nonce; repeatable), timestamps otherwise
                  --max-bindings N       at most N bindings per home address (default 8; else 135)
                  --max-total-bindings N at most N bindings over all home addresses (default 1000000;
                                         else 130, insufficient resources)
                  --max-rate-per-source R  process at most R datagrams per second from one source address;
                                         the rest are dropped unanswered (default: no limit)
                  --replay-window S      timestamp window (default 7, RFC 5944 §5.7)
                  --fa-ha-key-file FILE  FA-HA association (the file's first line); a bad FA-HA authenticator
                                         gets 132; also --fa-ha-key-env VAR, --fa-ha-key - and (warned)
                                         --fa-ha-key SPI:HEXKEY
                  --no-multiple-tunnel   EnableMultipleTunnelSupport = 0 (seed 001 requests denied)
                  --no-multi-interface   no Multi-Interface Routing service (seed 000)
                  --no-unequal-load      no unequal load distribution (seed 000)
                  --simultaneous-bindings  keep RFC 5944 S-bit bindings (default: accepted with code 1)
                  --discard-unknown      silently discard requests with unknown non-skippable extensions
                                         (RFC 5944 §1.9) instead of answering 134

                Foreign agent (fa):
                  --home-agent HOST:PORT the home agent to relay to (required)
                  --fa-ha-key-file FILE  add an FA-HA Authentication Extension to relayed requests (also
                                         --fa-ha-key-env VAR, --fa-ha-key -, --fa-ha-key SPI:HEXKEY)
                  --no-multiple-tunnel, --no-multi-interface, --no-unequal-load   FA-side policies

                Mobile node (mn):
                  --home-agent HOST:PORT where requests go: the home agent, or a foreign agent (required)
                  --home-agent-address A the Home Agent field (default: the --home-agent address)
                  --home-address A       the mobile node's home address (required)
                  --care-of ADDR         a care-of address; requests for it leave from ADDR (repeatable, required);
                                         COA@ADDR registers COA (a foreign agent's) with requests leaving from
                                         ADDR; COA@ADDR@FA:PORT sends them to that interface's own agent FA
                  --lifetime S           requested lifetime (default 300); refreshed at 80 %
                  --no-multipath         plain RFC 5944 registration from the first --care-of only
                  --nonces               replay protection with the HA's nonces (RFC 5944 §5.7.2; the HA
                                         must list this home address with --nonce), timestamps otherwise
                  --flow BIDS:SELECTOR   an RFC 7629 flow binding sent with the last care-of address's
                                         registration, e.g. 1:proto=17/dport=5001 (BIDs joined by '+'; terms
                                         src, dst, sport, dport, proto, ds, action; repeatable)
                  The MN uses the first key given (--key, then --key-env, then --key-file lines); it
                  de-registers on exit.

                Config file: every option --NAME VALUE is the property NAME = VALUE (repeatable ones
                comma-separated), every flag --NAME is NAME = true. For example:
                  listen = 127.0.0.1:4434
                  key-file = /etc/multitunnel/mnha.keys
                  deny-multipath = 10.1.0.7, 10.1.0.8
                  max-lifetime = 600
                  no-unequal-load = true

                Status JSON (ha): {"agent":"ha","listen":"127.0.0.1:4434","time":...,"requests":N,"accepted":N,
                  "rejected":N,"rateLimited":N,"bindings":[{"homeAddress":"10.1.0.5","bid":1,
                  "careOfAddress":"127.0.0.11",
                  "extension":"rfc7629","ifAtt":4,"ifLabel":1,"lifetime":300,"remaining":287,"registeredAt":...,
                  "flowBindings":[{"action":1,"bids":[1,2],"tsFormat":1,"selector":"hex"}]}]}

                Examples:
                  multitunnel agent ha --key-file mnha.keys --status          (mnha.keys: mode 0600)
                  MNHA_KEY=256:00112233445566778899aabbccddeeff multitunnel agent ha --key-env MNHA_KEY
                  multitunnel agent fa --listen 127.0.0.2:4435 --home-agent 127.0.0.1:4434
                  multitunnel agent mn --home-agent 127.0.0.1:4434 --home-address 10.1.0.5 \\
                      --care-of 127.0.0.11 --care-of 127.0.0.12 --key-file mnha.keys
                """;
    }

    @Override
    public int run(List<String> args, PrintStream out, PrintStream err) throws Exception {
        CountDownLatch stop = new CountDownLatch(1);
        CountDownLatch done = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            stop.countDown();
            try {
                done.await(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "agent-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            return runUntil(args, out, err, stop);
        } finally {
            done.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException e) {
                // already shutting down
            }
        }
    }

    /** Runs until {@code stop} is counted down (tests use this instead of a signal). */
    int runUntil(List<String> args, PrintStream out, PrintStream err, CountDownLatch stop) throws Exception {
        if (args.isEmpty() || !Set.of("ha", "fa", "mn").contains(args.get(0))) {
            throw new UsageException("which agent? ha, fa or mn");
        }
        String role = args.get(0);
        AgentOptions o = new AgentOptions(VALUED, FLAGS, REPEATABLE);
        o.parse(args.subList(1, args.size()), err);
        PrintStream log = o.flag("verbose") ? err : null;
        return switch (role) {
            case "ha" -> {
                HomeAgentConfig config = config(() -> AgentConfigs.homeAgent(o, err));
                HomeAgent ha = start(() -> HomeAgent.start(config), "--listen", Ipv4.text(config.listen()), o);
                if (log != null) {
                    ha.setLog(log::println);
                }
                err.println("home agent listening on " + Ipv4.text(ha.localAddress()));
                yield serve(ha, ha::writeStatus, o, out, stop);
            }
            case "fa" -> {
                ForeignAgentConfig config = config(() -> AgentConfigs.foreignAgent(o, err));
                ForeignAgent fa = start(() -> ForeignAgent.start(config), "--listen", Ipv4.text(config.listen()), o);
                if (log != null) {
                    fa.setLog(log::println);
                }
                err.println("foreign agent listening on " + Ipv4.text(fa.localAddress()) + ", relaying to "
                        + Ipv4.text(config.homeAgent()));
                yield serve(fa, w -> w.append(fa.statusJson()), o, out, stop);
            }
            default -> {
                MobileNodeConfig config = config(() -> AgentConfigs.mobileNode(o, err));
                ReferenceMobileNode mn = start(() -> ReferenceMobileNode.start(config), "--care-of",
                        String.join(", ", o.all("care-of")), o);
                if (log != null) {
                    mn.setLog(log::println);
                }
                err.println("mobile node registering " + o.all("care-of") + " with " + o.value("home-agent"));
                yield serve(mn, w -> w.append(mnStatus(mn)), o, out, stop);
            }
        };
    }

    /** Builds a configuration; a value its builder refuses is a usage error with the builder's message. */
    private interface Build<T> {
        T get() throws Exception;
    }

    private static <T> T config(Build<T> b) throws Exception {
        try {
            return b.get();
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
    }

    /**
     * Starts an agent; an address that cannot be bound is 69 naming it (in use, not local, privileged port), a
     * recording that cannot be created is 73 naming the file.
     */
    private static <T> T start(Build<T> b, String option, String address, AgentOptions o) throws Exception {
        try {
            return b.get();
        } catch (SocketException e) {
            throw new CliException(Sysexits.UNAVAILABLE, option + " " + address + ": cannot listen there: "
                    + e.getMessage());
        } catch (IOException e) {
            if (o.value("record") == null) {
                throw e;
            }
            throw new CliException(Sysexits.CANTCREAT, "--record " + o.value("record") + ": cannot write: "
                    + CliFiles.reason(e));
        }
    }

    /** Writes an agent's status JSON to an output, streaming it for big tables. */
    @FunctionalInterface
    private interface Status {
        void writeTo(Appendable out) throws IOException;
    }

    private static int serve(AutoCloseable agent, Status status, AgentOptions o, PrintStream out,
            CountDownLatch stop) throws Exception {
        ScheduledExecutorService ticker = null;
        try {
            int every = o.integer("status-interval", 0, 0, 86_400);
            if (every > 0) {
                ticker = Executors.newSingleThreadScheduledExecutor();
                ticker.scheduleAtFixedRate(() -> print(status, out), every, every, TimeUnit.SECONDS);
            }
            stop.await();
        } finally {
            if (ticker != null) {
                ticker.shutdownNow();
            }
            // streamed straight to stdout (no copy of the table in memory), then the agent stops
            if (o.flag("status")) {
                print(status, out);
            }
            agent.close();
            out.flush();
        }
        return 0;
    }

    private static synchronized void print(Status status, PrintStream out) {
        try {
            status.writeTo(out);
        } catch (IOException | RuntimeException e) {
            out.println();
            System.err.println("agent: status not written: " + e.getMessage());
            return;
        }
        out.println();
        out.flush();
    }

    private static String mnStatus(ReferenceMobileNode mn) {
        StringBuilder b = new StringBuilder("{\"agent\":\"mn\",\"multipath\":").append(mn.multipathEnabled())
                .append(",\"bindings\":[");
        List<MnBinding> list = mn.bindings();
        for (int i = 0; i < list.size(); i++) {
            MnBinding x = list.get(i);
            b.append(i == 0 ? "" : ",").append("{\"careOfAddress\":").append(Json.quote(x.careOfAddress()))
                    .append(",\"bid\":").append(x.bid()).append(",\"state\":")
                    .append(Json.quote(x.state().name().toLowerCase(java.util.Locale.ROOT))).append(",\"lifetime\":")
                    .append(x.grantedLifetime()).append(",\"lastCode\":").append(x.lastCode())
                    .append(",\"registrations\":").append(x.acceptedCount()).append('}');
        }
        return b.append("]}").toString();
    }
}
