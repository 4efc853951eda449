package org.multitunnel.cli;

import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;

import org.multitunnel.agent.client.ClientOptions;
import org.multitunnel.agent.client.ClientResult;
import org.multitunnel.agent.client.ExchangeDecoder;
import org.multitunnel.agent.client.ExchangeLog;
import org.multitunnel.agent.client.ExchangedPacket;
import org.multitunnel.agent.client.IdentificationSource;
import org.multitunnel.agent.client.RegistrationClient;
import org.multitunnel.agent.client.RegistrationSpec;
import org.multitunnel.agent.client.PropertiesTemplate;
import org.multitunnel.agent.client.Verdict;
import org.multitunnel.agent.template.TemplateFiles;
import org.multitunnel.model.template.IdentificationMode;
import org.multitunnel.wire.mip.ReplyCodes;
import org.multitunnel.wire.mip.auth.MapKeyTable;
import org.multitunnel.wire.mip.auth.SecurityAssociation;
import org.multitunnel.wire.mip.ext.MultipathExtension;

/**
 * {@code multitunnel send}: one registration exchange from the command line, built from options or a template,
 * sent from a chosen source address with retransmission, the reply matched, verified and printed like
 * {@code decode} prints packets. The exit code is the verdict (headless contract).
 */
public final class SendCommand implements Command {
    private static final Set<String> VALUED = Set.of("to", "home-address", "care-of", "home-agent", "from",
            "lifetime", "bid", "if-att", "if-label", "key", "key-file", "key-env", "template", "pcapng", "timeout",
            "transmissions", "identification", "flags");
    private static final Set<String> FLAGS = Set.of("json", "bulk", "overwrite");

    @Override
    public String name() {
        return "send";
    }

    @Override
    public String summary() {
        return "send one registration request and print the verified reply";
    }

    @Override
    public String usage() {
        return """
                Usage: multitunnel send --to HOST:PORT --home-address A --care-of B [--home-agent H] [--from ADDR]
                                        [--lifetime S] [--bid N] [--key-file FILE|--key-env VAR|--key -]
                                        [--template FILE] [--json] [--pcapng FILE]

                Builds a Registration Request (RFC 5944 §3.3), sends it from ADDR (default: the route's source),
                retransmits with exponential back-off (RFC 5944 §3.6.3), matches the reply by Identification,
                verifies its MN-HA authenticator when a key is given and prints it decoded.

                Options:
                  --to HOST:PORT          the home agent (or foreign agent)
                  --home-address A        Home Address field
                  --care-of B             Care-of Address field
                  --home-agent H          Home Agent field (default: the --to address)
                  --from ADDR             source address of the request (the care-of interface)
                  --lifetime S            requested lifetime, 0 de-registers (default 300)
                  --bid N                 add an RFC 7629 Multipath Extension with this BID
                  --if-att N, --if-label N   its Access Technology Type (default 4) and Interface Label (default 1)
                  --bulk, --overwrite     its B and O flags
                  --flags LIST            RFC 5944 flags by name, e.g. D,T (or a number)
                  --key-file FILE         add the MN-HA authenticator with the file's first key (SPI HEXKEY
                                          [ALGORITHM [PEER]] lines, mode 0600) and verify the reply's
                  --key-env VAR           ... with the key in variable VAR (SPI:HEXKEY, HMAC-MD5)
                  --key -                 ... with SPI:HEXKEY read from standard input
                  --key SPI:HEXKEY        ... given literally (warns: other users can read command lines)
                  --identification V      ntp (default, RFC 5944 §5.7.1 timestamps) or a fixed 64-bit value
                  --timeout MS            first retransmission timeout (default 1000, doubles each time)
                  --transmissions N       how many times to send at most (default 4)
                  --template FILE         start from a template: the Testbed composer's XMI file (sent to its
                                          target unless --to is given; the key its SPI names comes from the
                                          keys given)
                                          or a properties file (keys: flags, lifetime, home-address,
                                          home-agent, care-of, identification, mp.bid, mp.if-att, mp.if-label,
                                          mp.b, mp.o, fb.N.action, fb.N.bids, fb.N.ts.FIELD, mtr.*, mir.*,
                                          ext.N = TYPE:HEX); options given here override it
                  --json                  print the reply as the decode --json object plus "verdict"
                  --pcapng FILE           save the exchanged packets

                Exit codes: 0 accepted, 1 rejected, 2 no reply, 3 reply failed authentication.

                Examples:
                  multitunnel send --to 127.0.0.1:4434 --home-address 10.1.0.5 --care-of 127.0.1.1 \\
                      --from 127.0.1.1 --bid 1 --key-file mnha.keys
                  multitunnel send --to 127.0.0.1:4434 --template rrq.properties --json
                  echo 4096:00112233445566778899aabbccddeeff | multitunnel send --template rfc7629-loopback.xmi --key -
                """;
    }

    @Override
    public int run(List<String> args, PrintStream out, PrintStream err) throws Exception {
        CommandArgs a = CommandArgs.parse(args, VALUED, FLAGS);
        if (!a.positional().isEmpty()) {
            throw new UsageException("unexpected argument '" + a.positional().get(0) + "'");
        }
        PropertiesTemplate t = null;
        org.multitunnel.model.template.RegistrationTemplate xmi = null;
        if (a.get("template") != null) {
            Path file = Path.of(a.get("template"));
            try {
                if (TemplateFiles.isXmi(file)) {
                    xmi = TemplateFiles.load(file);
                } else {
                    t = PropertiesTemplate.load(file);
                }
            } catch (IllegalArgumentException | java.io.IOException e) {
                throw new UsageException("--template: " + e.getMessage());
            }
        }
        InetSocketAddress to = xmi != null ? XmiTemplateOptions.target(a, xmi)
                : CommandArgs.hostPort(a.require("to"), "--to");
        KeyOptions.Keys keys = KeyOptions.read(a::all, List.of(), err);
        RegistrationSpec spec = xmi != null
                ? XmiTemplateOptions.spec(a, xmi, to, a.get("flags") == null ? -1 : flagsOf(a.get("flags")), keys)
                : spec(a, t, to, keys.first());
        SecurityAssociation key = spec.key();
        Duration first = Duration.ofMillis(a.intValue("timeout", 1000, 1, 60_000));
        Duration max = first.compareTo(ClientOptions.DEFAULT_MAX_TIMEOUT) > 0 ? first : ClientOptions.DEFAULT_MAX_TIMEOUT;
        ClientOptions o = ClientOptions.to(to)
                .withTimeouts(first, max, a.intValue("transmissions", ClientOptions.DEFAULT_TRANSMISSIONS, 1, 32))
                .withIdentification(identification(a, xmi == null ? (t == null ? null : t.identification())
                        : xmi.getIdentificationMode() == IdentificationMode.FIXED ? xmi.getFixedIdentification() : null));
        if (a.get("from") != null) {
            o = o.withSource(InetAddress.getByName(CommandArgs.ipv4(a.get("from"), "--from")));
        }
        if (key != null) {
            o = o.withVerifyKeys(new MapKeyTable().add(key));
        }
        ExchangeLog log = new ExchangeLog();
        ClientResult r = new RegistrationClient(o.withLog(log)).send(spec, "multitunnel send");
        if (a.get("pcapng") != null) {
            log.writePcapng(Path.of(a.get("pcapng")), "multitunnel send to " + a.get("to"));
        }
        print(r, a.flag("json"), to.getPort(), out);
        return r.verdict().exitCode();
    }

    private static RegistrationSpec spec(CommandArgs a, PropertiesTemplate t, InetSocketAddress to,
            SecurityAssociation key) throws UsageException {
        RegistrationSpec.Builder b;
        MultipathExtension.Builder mp;
        try {
            b = t == null ? RegistrationSpec.builder() : t.builder();
            mp = t == null ? null : t.multipath();
            if (a.get("flags") != null) {
                b.flags(flagsOf(a.get("flags")));
            }
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
        if (t == null || a.get("home-agent") != null || t.get("home-agent") == null) {
            b.homeAgent(a.get("home-agent") != null ? CommandArgs.ipv4(a.get("home-agent"), "--home-agent")
                    : to.getAddress().getHostAddress());
        }
        if (a.get("home-address") != null) {
            b.homeAddress(CommandArgs.ipv4(a.get("home-address"), "--home-address"));
        } else if (t == null || t.get("home-address") == null) {
            throw new UsageException("--home-address is required (or home-address in the template)");
        }
        if (a.get("care-of") != null) {
            b.careOfAddress(CommandArgs.ipv4(a.get("care-of"), "--care-of"));
        } else if (t == null || t.get("care-of") == null) {
            throw new UsageException("--care-of is required (or care-of in the template)");
        }
        if (a.get("lifetime") != null || t == null || t.get("lifetime") == null) {
            b.lifetime(a.intValue("lifetime", 300, 0, 0xffff));
        }
        if (a.get("bid") != null) {
            mp = mp == null ? MultipathExtension.builder() : mp;
            mp.bid(a.intValue("bid", 1, 0, 255));
        }
        if (mp != null) {
            if (a.get("if-att") != null) {
                mp.ifAtt(a.intValue("if-att", 4, 0, 255));
            } else if (t == null || t.get("mp.if-att") == null) {
                mp.ifAtt(4); // IEEE 802.11a/b/g (RFC 5213 Access Technology Type)
            }
            if (a.get("if-label") != null) {
                mp.ifLabel(a.intValue("if-label", 1, 0, 255));
            }
            if (a.flag("bulk")) {
                mp.bulkReregistration(true);
            }
            if (a.flag("overwrite")) {
                mp.overwrite(true);
            }
            // RFC 7629 §4.1: the Multipath Extension precedes the other extensions we add, all before the MN-HA one
            List<org.multitunnel.wire.mip.ext.MipExtension> rest = b.build().extensions();
            b.clearExtensions().extension(mp.build());
            rest.forEach(b::extension);
        } else if (a.flag("bulk") || a.flag("overwrite") || a.get("if-att") != null || a.get("if-label") != null) {
            throw new UsageException("--bulk, --overwrite, --if-att and --if-label need --bid");
        }
        if (key != null) {
            b.key(key);
        }
        return b.build();
    }

    private static int flagsOf(String v) {
        java.util.Properties p = new java.util.Properties();
        p.setProperty("flags", v);
        return PropertiesTemplate.of(p).builder().build().flags();
    }

    private static IdentificationSource identification(CommandArgs a, Long fixed) throws UsageException {
        String v = a.get("identification");
        if (v == null) {
            return fixed == null ? IdentificationSource.timestamps() : IdentificationSource.fixed(fixed);
        }
        if (v.equals("ntp")) {
            return IdentificationSource.timestamps();
        }
        try {
            return IdentificationSource.fixed(v.startsWith("0x") ? Long.parseUnsignedLong(v.substring(2), 16)
                    : Long.parseUnsignedLong(v));
        } catch (NumberFormatException e) {
            throw new UsageException("--identification wants ntp or a 64-bit number: " + v);
        }
    }

    static void print(ClientResult r, boolean json, int agentPort, PrintStream out) {
        ExchangeDecoder dec = new ExchangeDecoder(agentPort);
        ExchangedPacket reply = r.replyPacket();
        if (reply == null) {
            if (json) {
                out.println("{\"verdict\": \"" + r.verdict().label() + "\", \"transmissions\": " + r.transmissions()
                        + "}");
            } else {
                out.println("No reply after " + r.transmissions() + " transmissions.");
                out.println("Verdict: " + r.verdict().label());
            }
            return;
        }
        long frame = r.packets().indexOf(reply) + 1L;
        if (json) {
            out.println(dec.json(frame, reply, r.verdict()));
            return;
        }
        out.print(dec.text(frame, reply));
        String name = ReplyCodes.standard().name(r.code());
        StringBuilder v = new StringBuilder("Verdict: ").append(r.verdict().label()).append(" (code ").append(r.code());
        if (name != null) {
            v.append(' ').append(name);
        }
        v.append(", lifetime ").append(r.grantedLifetime());
        if (r.roundTrip() != null) {
            v.append(String.format(java.util.Locale.ROOT, ", round trip %.1f ms", r.roundTrip().toNanos() / 1e6));
        }
        v.append(", ").append(r.transmissions()).append(r.transmissions() == 1 ? " transmission" : " transmissions");
        if (r.replyAuth() != null) {
            v.append(", MN-HA authenticator ").append(r.replyAuth().valid() ? "valid" : "INVALID");
        }
        out.println(v.append(')'));
        if (r.verdict() == Verdict.AUTH_FAILED && r.replyAuth() == null) {
            out.println("The reply carries no (or more than one) MN-HA Authentication Extension.");
        }
    }
}
