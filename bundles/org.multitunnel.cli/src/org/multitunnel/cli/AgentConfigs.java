package org.multitunnel.cli;

import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.file.Path;

import org.multitunnel.agent.fa.ForeignAgentConfig;
import org.multitunnel.agent.ha.HomeAgentConfig;
import org.multitunnel.agent.mn.MobileNodeConfig;
import org.multitunnel.agent.net.Ipv4;
import org.multitunnel.agent.net.RecordLimits;
import org.multitunnel.wire.mip.auth.SecurityAssociation;

/**
 * Turns the parsed {@code multitunnel agent} options into the agents' configurations, validating every address
 * and number so a bad value is a usage error before anything binds a socket. Keys go straight into security
 * associations and key tables; nothing here prints them.
 */
final class AgentConfigs {
    private AgentConfigs() {
    }

    static HomeAgentConfig homeAgent(AgentOptions o, PrintStream err) throws Exception {
        HomeAgentConfig.Builder b = HomeAgentConfig.builder()
                .listen(address(o.value("listen", "127.0.0.1:" + HomeAgentConfig.DEFAULT_PORT), "--listen"));
        KeyOptions.Keys keys = mnHaKeys(o, err);
        b.keys(keys.table());
        for (String hoa : o.all("deny-multipath")) {
            b.denyMultipath(v4(hoa, "--deny-multipath"));
        }
        if (o.value("home-agent-address") != null) {
            b.homeAgentAddress(v4(o.value("home-agent-address"), "--home-agent-address"));
        }
        b.maxLifetime(o.integer("max-lifetime", HomeAgentConfig.DEFAULT_MAX_LIFETIME, 1, 0xffff));
        for (String v : o.all("max-lifetime-mn")) {
            String[] w = v.split("=");
            try {
                b.maxLifetime(Ipv4.parse(w[0]).getHostAddress(), Integer.parseInt(w.length == 2 ? w[1] : ""));
            } catch (IllegalArgumentException e) { // NumberFormatException included
                throw new UsageException("--max-lifetime-mn wants HOA=SECONDS (1-65535), not '" + v + "'");
            }
        }
        for (String hoa : o.all("nonce")) {
            b.nonceReplay(v4(hoa, "--nonce"));
        }
        b.maxBindings(o.integer("max-bindings", HomeAgentConfig.DEFAULT_MAX_BINDINGS, 1, 254));
        b.maxTotalBindings(o.integer("max-total-bindings", HomeAgentConfig.DEFAULT_MAX_TOTAL_BINDINGS, 1,
                Integer.MAX_VALUE));
        b.maxRatePerSource(o.integer("max-rate-per-source", 0, 0, 100_000_000));
        b.replayWindowSeconds(o.integer("replay-window", HomeAgentConfig.DEFAULT_REPLAY_WINDOW_SECONDS, 0, 86_400));
        b.multipleTunnelSupport(!o.flag("no-multiple-tunnel"));
        b.multiInterfaceRoutingSupport(!o.flag("no-multi-interface"));
        b.unequalLoadSupport(!o.flag("no-unequal-load"));
        b.simultaneousBindings(o.flag("simultaneous-bindings"));
        b.discardUnknownNonSkippable(o.flag("discard-unknown"));
        SecurityAssociation faHa = faHaKey(o, err);
        if (faHa != null) {
            b.faHaAssociation(faHa);
        }
        if (o.value("record") != null) {
            b.recordTo(CliFiles.output(o.value("record"), "--record"));
        }
        b.recordLimits(recordLimits(o));
        if (keys.isEmpty()) {
            err.println("warning: no --key-file, --key-env or --key: every request will be answered 131");
        }
        return b.build();
    }

    static ForeignAgentConfig foreignAgent(AgentOptions o, PrintStream err) throws Exception {
        String ha = o.value("home-agent");
        if (ha == null) {
            throw new UsageException("agent fa needs --home-agent HOST:PORT");
        }
        ForeignAgentConfig.Builder b = ForeignAgentConfig.builder()
                .listen(address(o.value("listen", "127.0.0.1:" + ForeignAgentConfig.DEFAULT_PORT), "--listen"))
                .homeAgent(address(ha, "--home-agent")).multipleTunnelSupport(!o.flag("no-multiple-tunnel"))
                .multiInterfaceRoutingSupport(!o.flag("no-multi-interface"))
                .unequalLoadSupport(!o.flag("no-unequal-load"));
        SecurityAssociation faHa = faHaKey(o, err);
        if (faHa != null) {
            b.faHa(faHa);
        }
        if (o.value("record") != null) {
            b.recordTo(CliFiles.output(o.value("record"), "--record"));
        }
        b.recordLimits(recordLimits(o));
        return b.build();
    }

    static MobileNodeConfig mobileNode(AgentOptions o, PrintStream err) throws Exception {
        String ha = o.value("home-agent");
        String hoa = o.value("home-address");
        if (ha == null || hoa == null || o.all("care-of").isEmpty()) {
            throw new UsageException("agent mn needs --home-agent HOST:PORT, --home-address A and --care-of ADDR");
        }
        MobileNodeConfig.Builder b = MobileNodeConfig.builder().target(address(ha, "--home-agent"))
                .homeAddress(v4(hoa, "--home-address")).lifetime(o.integer("lifetime", 300, 1, 0xffff))
                .multipath(!o.flag("no-multipath")).nonces(o.flag("nonces"));
        if (o.value("home-agent-address") != null) {
            b.homeAgentAddress(v4(o.value("home-agent-address"), "--home-agent-address"));
        }
        for (String coa : o.all("care-of")) {
            String[] w = coa.split("@");
            if (w.length == 1) {
                b.careOf(v4(coa, "--care-of"));
            } else if (w.length <= 3) {
                // COA@BIND[@AGENT:PORT]: register COA (a foreign agent's), send from the interface address BIND,
                // to AGENT (this interface's own foreign agent) instead of --home-agent
                b.careOf(v4(w[1], "--care-of"), v4(w[0], "--care-of"), 4,
                        w.length == 3 ? address(w[2], "--care-of") : null);
            } else {
                throw new UsageException("--care-of wants ADDR or COA@BIND[@AGENT:PORT], not '" + coa + "'");
            }
        }
        for (String flow : o.all("flow")) {
            MobileNodeConfig.FlowPolicy fp = FlowOption.parse(flow);
            b.flowPolicy(fp.action(), fp.selector(), fp.bids());
        }
        b.securityAssociation(firstKey(o, err));
        if (o.value("record") != null) {
            b.recordTo(CliFiles.output(o.value("record"), "--record"));
        }
        b.recordLimits(recordLimits(o));
        return b.build();
    }

    /** --record-size SIZE and --record-files N (defaults {@link RecordLimits#DEFAULT}). */
    static RecordLimits recordLimits(AgentOptions o) throws UsageException {
        long size = RecordLimits.DEFAULT.maxFileBytes();
        if (o.value("record-size") != null) {
            try {
                size = RecordLimits.parseSize(o.value("record-size"));
            } catch (IllegalArgumentException e) { // NumberFormatException included
                throw new UsageException("--record-size wants a size such as 64M, not '" + o.value("record-size")
                        + "'");
            }
        }
        int files = o.integer("record-files", RecordLimits.DEFAULT.maxFiles(), 1, 100_000);
        try {
            return new RecordLimits(size, files);
        } catch (IllegalArgumentException e) {
            throw new UsageException("--record-size: " + e.getMessage());
        }
    }

    /** The mobile node's one association: the first key given (--key, --key-env, then --key-file lines). */
    private static SecurityAssociation firstKey(AgentOptions o, PrintStream err) throws Exception {
        SecurityAssociation sa = mnHaKeys(o, err).first();
        if (sa == null) {
            throw new UsageException("agent mn needs --key-file FILE, --key-env VAR or --key (RFC 5944 §3.2: MN-HA"
                    + " authentication is required)");
        }
        return sa;
    }

    /** The MN-HA associations of --key, --key-env and --key-file (command line and --config alike). */
    private static KeyOptions.Keys mnHaKeys(AgentOptions o, PrintStream err) throws Exception {
        return KeyOptions.read("--key", o.all("key"), o.onCommandLine("key")::contains, o.all("key-env"),
                o.all("key-file"), err);
    }

    /** The FA-HA association of --fa-ha-key, --fa-ha-key-env or --fa-ha-key-file (its first line), or null. */
    private static SecurityAssociation faHaKey(AgentOptions o, PrintStream err) throws Exception {
        return KeyOptions.read("--fa-ha-key", o.all("fa-ha-key"), o.onCommandLine("fa-ha-key")::contains,
                o.all("fa-ha-key-env"), o.all("fa-ha-key-file"), err).first();
    }

    /** A dotted IPv4 address given to {@code option}, as text; anything else is a usage error naming both. */
    private static String v4(String s, String option) throws UsageException {
        try {
            return Ipv4.parse(s).getHostAddress();
        } catch (IllegalArgumentException e) {
            throw new UsageException(option + " wants a dotted IPv4 address, not '" + s + "'");
        }
    }

    private static InetSocketAddress address(String s, String option) throws UsageException {
        try {
            return Ipv4.socket(s);
        } catch (IllegalArgumentException e) {
            throw new UsageException(option + ": " + e.getMessage());
        }
    }
}
