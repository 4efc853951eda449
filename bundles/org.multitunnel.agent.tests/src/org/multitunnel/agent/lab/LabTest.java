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
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The lab's orchestration against a scripted shell (no root needed): what it asks iproute2 for, that a kernel
 * without ipip/gre gets the userspace tunnel built from the flow bindings the HA accepted, that a kernel without
 * any tunnel means degrades with the system's own message, and that down removes exactly what up recorded.
 * The real namespaces, tunnels and traffic are exercised by the command-line test of {@code lab}.
 */
class LabTest {
    /** The HA's status line for both cases' bindings, each with the flow binding the lab's MN asks for. */
    private static final String HA_STATUS = "{\"agent\":\"ha\",\"bindings\":["
            + binding("10.100.0.5", 1, "10.201.1.2", "00cc138913891111") + ","
            + binding("10.100.0.5", 2, "10.201.2.2", "00cc138a138a1111") + ","
            + binding("10.100.0.7", 1, "10.202.1.2", "00cc1f901f901111") + ","
            + binding("10.100.0.7", 2, "10.202.2.2", "00cc13c413c41111") + "]}\n";

    private static String binding(String hoa, int bid, String coa, String selector) {
        return "{\"homeAddress\":\"" + hoa + "\",\"bid\":" + bid + ",\"careOfAddress\":\"" + coa
                + "\",\"flowBindings\":[{\"action\":1,\"bids\":[" + bid + "],\"tsFormat\":1,\"selector\":\""
                + selector + "\"}]}";
    }

    /** Answers like a kernel with namespaces and veth, optionally ipip/gre and TUN; children write their logs. */
    private static class ScriptedShell implements Shell {
        final List<String> commands = new ArrayList<>();
        final boolean tunnels;
        final boolean tun;

        ScriptedShell(boolean tunnels, boolean tun) {
            this.tunnels = tunnels;
            this.tun = tun;
        }

        @Override
        public Result run(List<String> command) {
            String c = String.join(" ", command);
            commands.add(c);
            if (!tunnels && (c.contains("type ipip") || c.contains("type gre"))) {
                return new Result(2, "Error: Unknown device type.");
            }
            if (!tun && c.contains("tuntap add")) {
                return new Result(1, "open: No such file or directory");
            }
            if (c.startsWith("which tcpdump")) {
                return new Result(1, "");
            }
            return new Result(0, c.equals("ip netns list") ? "mt-mn\nmt-ha" : "");
        }

        @Override
        public long spawn(List<String> command, Path log) throws IOException {
            commands.add("spawn " + String.join(" ", command));
            if (command.contains("agent") && command.contains("ha")) {
                Files.writeString(log, HA_STATUS);
            } else if (command.contains("tunnel")) {
                Files.writeString(log, "{\"tunnel\":\"mt-tun\",\"paths\":[]}\n");
            } else if (String.join(" ", command).contains("UdpSink")) {
                Files.writeString(log, "ready\n");
            }
            return ProcessHandle.current().pid() + 1_000_000; // a pid that does not exist
        }
    }

    @Test
    void upBuildsCase1WithPolicyRoutingAndDegradesWithoutAnyTunnelDevices(@TempDir Path dir) throws Exception {
        ScriptedShell sh = new ScriptedShell(false, false);
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        Lab lab = new Lab(sh, dir, List.of("java", "-cp", "x", "Main"), new PrintStream(buf, true,
                StandardCharsets.UTF_8));
        assertEquals(0, lab.up(LabCase.case1()));
        String out = buf.toString(StandardCharsets.UTF_8);
        assertTrue(out.contains("bindings registered: [10.201.1.2, 10.201.2.2]"), out);
        assertTrue(out.contains("flow binding accepted: BID [2] <- dport_start=5002 dport_end=5002 proto_start=17 "
                + "proto_end=17"), out);
        assertTrue(out.contains("no tunnels possible here") && out.contains("Unknown device type")
                && out.contains("'ip tuntap add ... mode tun' failed"), out);
        assertTrue(sh.commands.contains("ip -n mt-mn link add mt-mn-if2 type veth peer name mt-ha-if2 netns mt-ha"));
        assertTrue(sh.commands.contains("ip -n mt-mn rule add from 10.201.2.2 table 102"));
        assertTrue(sh.commands.contains("ip -n mt-mn route add 10.200.0.1/32 via 10.201.2.1 dev mt-mn-if2 table 102"));
        assertTrue(sh.commands.stream().anyMatch(c -> c.startsWith("spawn ip netns exec mt-ha java -cp x Main agent "
                + "ha --listen 10.200.0.1:434")));
        assertTrue(sh.commands.stream().anyMatch(c -> c.startsWith("spawn ip netns exec mt-mn java -cp x Main agent "
                + "mn --home-agent 10.200.0.1:434 --home-address 10.100.0.5")
                && c.endsWith("--care-of 10.201.1.2 --care-of 10.201.2.2 --flow 1:proto=17/dport=5001 "
                        + "--flow 2:proto=17/dport=5002")));
        assertFalse(sh.commands.stream().anyMatch(c -> c.contains("mt-t-") || c.contains("mt-tun")),
                "no tunnel devices attempted");
        assertTrue(lab.status().contains("tunnels none"));
        assertTrue(lab.status().contains("namespace mt-ha present"));
        assertEquals(1, lab.up(LabCase.case1()), "a second up is refused");

        sh.commands.clear();
        assertEquals(0, lab.down());
        assertEquals(List.of("ip netns del mt-ha", "ip netns del mt-mn"), sh.commands);
        assertEquals("lab is not up\n", lab.status());
    }

    @Test
    void agentsGetTheLabKeyInAPrivateKeyFileNeverOnTheirCommandLines(@TempDir Path dir) throws Exception {
        ScriptedShell sh = new ScriptedShell(false, false);
        Lab lab = new Lab(sh, dir, List.of("mt"), new PrintStream(new ByteArrayOutputStream(), true,
                StandardCharsets.UTF_8));
        assertEquals(0, lab.up(LabCase.case1()));
        Path keys = dir.resolve(Lab.KEY_FILE);
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(keys)));
        List<String> lines = Files.readAllLines(keys).stream().filter(l -> !l.startsWith("#")).toList();
        assertEquals(1, lines.size(), lines.toString());
        String[] f = lines.get(0).split(" ");
        assertEquals("4096", f[0]);                                    // SPI
        assertTrue(f[1].matches("[0-9a-f]{32}"), "16 random key bytes in hex");
        assertEquals("hmac-md5", f[2]);                                // algorithm
        List<String> spawned = sh.commands.stream().filter(c -> c.startsWith("spawn ")).toList();
        assertTrue(spawned.stream().anyMatch(c -> c.contains(" agent ha ") && c.contains(" --key-file " + keys)));
        assertTrue(spawned.stream().anyMatch(c -> c.contains(" agent mn ") && c.contains(" --key-file " + keys)));
        for (String c : sh.commands) {
            assertFalse(c.contains(f[1]), "the key is on a command line (visible in ps): " + c);
            assertFalse(c.contains(" --key "), c);
        }
        assertEquals(0, lab.down());
        assertFalse(Files.exists(keys), "down removes the key file");
    }

    @Test
    void upInstallsAnIpipTunnelPerBindingWhenTheKernelHasThem(@TempDir Path dir) throws Exception {
        ScriptedShell sh = new ScriptedShell(true, true);
        Lab lab = new Lab(sh, dir, List.of("agent"), new PrintStream(new ByteArrayOutputStream(), true,
                StandardCharsets.UTF_8));
        assertEquals(0, lab.up(LabCase.wlanLte()));
        assertTrue(sh.commands.contains("ip -n mt-ha link add mt-t-wlan type ipip local 10.200.0.1 remote 10.202.1.2"));
        assertTrue(sh.commands.contains("ip -n mt-mn link add mt-t-lte type ipip local 10.202.2.2 remote 10.200.0.1"));
        assertTrue(sh.commands.contains(
                "ip -n mt-ha route add 10.100.0.7/32 nexthop dev mt-t-wlan nexthop dev mt-t-lte"));
        assertTrue(lab.status().contains("tunnels ipip (kernel devices)"));
        assertFalse(sh.commands.stream().anyMatch(c -> c.contains("mt-tun")), "no userspace tunnel");
        assertEquals(0, lab.down());
    }

    @Test
    void withoutKernelTunnelsUpBuildsUserspaceTunnelsFromTheAcceptedFlowBindings(@TempDir Path dir)
            throws Exception {
        ScriptedShell sh = new ScriptedShell(false, true);
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        Lab lab = new Lab(sh, dir, List.of("mt"), new PrintStream(buf, true, StandardCharsets.UTF_8));
        assertEquals(0, lab.up(LabCase.case1()));
        String out = buf.toString(StandardCharsets.UTF_8);
        assertTrue(out.contains("ipip tunnel per binding in user space"), out);
        for (String ns : List.of("mt-ha", "mt-mn")) {
            assertTrue(sh.commands.contains("ip -n " + ns + " tuntap add dev mt-tun mode tun"));
            assertTrue(sh.commands.contains("ip -n " + ns + " link set mt-tun mtu 1480 up"));
        }
        assertTrue(sh.commands.contains("ip -n mt-mn route add 10.200.0.100/32 dev mt-tun src 10.100.0.5"));
        assertTrue(sh.commands.contains("ip -n mt-ha route add 10.100.0.5/32 dev mt-tun"));
        // the MN end sends from each care-of address to the HA, the HA end from its address to each care-of
        // address; both classify by the selectors the HA accepted (UDP to 5001 -> BID 1, to 5002 -> BID 2)
        String flows = " --flow 1:1:00cc138913891111 --flow 2:1:00cc138a138a1111";
        assertTrue(sh.commands.contains("spawn ip netns exec mt-mn mt lab tunnel --tun mt-tun --encap ipip "
                + "--default-bid 1" + flows + " --path 1:10.201.1.2:10.200.0.1 --path 2:10.201.2.2:10.200.0.1"),
                String.join("\n", sh.commands));
        assertTrue(sh.commands.contains("spawn ip netns exec mt-ha mt lab tunnel --tun mt-tun --encap ipip "
                + "--default-bid 1" + flows + " --path 1:10.200.0.1:10.201.1.2 --path 2:10.200.0.1:10.201.2.2"));
        assertTrue(sh.commands.stream().anyMatch(c -> c.startsWith("ip netns exec mt-mn ") && c.contains("UdpBurst")
                && c.endsWith("10.100.0.5 10.200.0.100 5001:12:300 5002:20:100")));
        assertTrue(sh.commands.stream().anyMatch(c -> c.startsWith("ip netns exec mt-ha ") && c.contains("UdpBurst")
                && c.endsWith("10.200.0.100 10.100.0.5 5001:7:500 5002:9:700")));
        assertTrue(lab.status().contains("tunnels ipip (userspace: TUN device + raw sockets)"));
        assertEquals(0, lab.down());
    }

    @Test
    void aFailedStepIsReportedAndDownStillCleansUp(@TempDir Path dir) throws Exception {
        ScriptedShell sh = new ScriptedShell(false, false) {
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
