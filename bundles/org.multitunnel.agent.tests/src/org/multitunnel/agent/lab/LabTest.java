package org.multitunnel.agent.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The lab's orchestration against a scripted shell (no root needed): what it asks iproute2 for, that a kernel
 * without tunnel devices degrades with the system's own message, and that down removes exactly what up recorded.
 * The real namespaces are exercised by the command-line test of {@code lab}.
 */
class LabTest {
    /** Answers like a kernel with namespaces and veth but no ipip/gre; "agents" write their status lines. */
    private static class ScriptedShell implements Shell {
        final List<String> commands = new ArrayList<>();
        final boolean tunnels;

        ScriptedShell(boolean tunnels) {
            this.tunnels = tunnels;
        }

        @Override
        public Result run(List<String> command) {
            String c = String.join(" ", command);
            commands.add(c);
            if (!tunnels && (c.contains("type ipip") || c.contains("type gre"))) {
                return new Result(2, "Error: Unknown device type.");
            }
            if (c.startsWith("which tcpdump")) {
                return new Result(1, "");
            }
            return new Result(0, c.equals("ip netns list") ? "mt-mn\nmt-ha" : "");
        }

        @Override
        public long spawn(List<String> command, Path log) throws IOException {
            commands.add("spawn " + String.join(" ", command));
            if (command.contains("ha")) {
                Files.writeString(log, "{\"agent\":\"ha\",\"bindings\":[{\"careOfAddress\":\"10.201.1.2\"},"
                        + "{\"careOfAddress\":\"10.201.2.2\"},{\"careOfAddress\":\"10.202.1.2\"},"
                        + "{\"careOfAddress\":\"10.202.2.2\"}]}\n");
            }
            return ProcessHandle.current().pid() + 1_000_000; // a pid that does not exist
        }
    }

    @Test
    void upBuildsCase1WithPolicyRoutingAndDegradesWithoutTunnelDevices(@TempDir Path dir) throws Exception {
        ScriptedShell sh = new ScriptedShell(false);
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        Lab lab = new Lab(sh, dir, List.of("java", "-cp", "x", "Main", "agent"), new PrintStream(buf, true,
                StandardCharsets.UTF_8));
        assertEquals(0, lab.up(LabCase.case1()));
        String out = buf.toString(StandardCharsets.UTF_8);
        assertTrue(out.contains("bindings registered: [10.201.1.2, 10.201.2.2]"), out);
        assertTrue(out.contains("kernel tunnels unavailable in this kernel") && out.contains("Unknown device type"),
                out);
        assertTrue(sh.commands.contains("ip -n mt-mn link add mt-mn-if2 type veth peer name mt-ha-if2 netns mt-ha"));
        assertTrue(sh.commands.contains("ip -n mt-mn rule add from 10.201.2.2 table 102"));
        assertTrue(sh.commands.contains("ip -n mt-mn route add 10.200.0.1/32 via 10.201.2.1 dev mt-mn-if2 table 102"));
        assertTrue(sh.commands.stream().anyMatch(c -> c.startsWith("spawn ip netns exec mt-ha java -cp x Main agent "
                + "ha --listen 10.200.0.1:434")));
        assertTrue(sh.commands.stream().anyMatch(c -> c.startsWith("spawn ip netns exec mt-mn java -cp x Main agent "
                + "mn --home-agent 10.200.0.1:434 --home-address 10.100.0.5")
                && c.endsWith("--care-of 10.201.1.2 --care-of 10.201.2.2")));
        assertFalse(sh.commands.stream().anyMatch(c -> c.contains("mt-t-")), "no tunnel devices attempted");
        assertTrue(lab.status().contains("namespace mt-ha present"));
        assertEquals(1, lab.up(LabCase.case1()), "a second up is refused");

        sh.commands.clear();
        assertEquals(0, lab.down());
        assertEquals(List.of("ip netns del mt-ha", "ip netns del mt-mn"), sh.commands);
        assertEquals("lab is not up\n", lab.status());
    }

    @Test
    void upInstallsAnIpipTunnelPerBindingWhenTheKernelHasThem(@TempDir Path dir) throws Exception {
        ScriptedShell sh = new ScriptedShell(true);
        Lab lab = new Lab(sh, dir, List.of("agent"), new PrintStream(new ByteArrayOutputStream(), true,
                StandardCharsets.UTF_8));
        assertEquals(0, lab.up(LabCase.wlanLte()));
        assertTrue(sh.commands.contains("ip -n mt-ha link add mt-t-wlan type ipip local 10.200.0.1 remote 10.202.1.2"));
        assertTrue(sh.commands.contains("ip -n mt-mn link add mt-t-lte type ipip local 10.202.2.2 remote 10.200.0.1"));
        assertTrue(sh.commands.contains("ip -n mt-ha route add 10.100.0.7/32 nexthop dev mt-t-wlan nexthop dev mt-t-lte"));
        assertTrue(lab.status().contains("tunnels ipip"));
        assertEquals(0, lab.down());
    }

    @Test
    void aFailedStepIsReportedAndDownStillCleansUp(@TempDir Path dir) throws Exception {
        ScriptedShell sh = new ScriptedShell(false) {
            @Override
            public Result run(List<String> command) {
                Result r = super.run(command);
                return String.join(" ", command).contains("addr add 10.201.1.2/24") ? new Result(2,
                        "RTNETLINK answers: File exists") : r;
            }
        };
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        Lab lab = new Lab(sh, dir, List.of("agent"), new PrintStream(buf, true, StandardCharsets.UTF_8));
        assertEquals(1, lab.up(LabCase.case1()));
        assertTrue(buf.toString(StandardCharsets.UTF_8).contains("RTNETLINK answers: File exists"));
        sh.commands.clear();
        assertEquals(0, lab.down());
        assertEquals(List.of("ip netns del mt-ha", "ip netns del mt-mn"), sh.commands);
    }
}
