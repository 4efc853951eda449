package org.multitunnel.agent.lab;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * {@code multitunnel lab}: builds a {@link LabCase} in Linux network namespaces ({@code mt-…}) joined by veth
 * pairs, with policy routing so each care-of address's registration leaves through its own link (RFC 7629 §5.1),
 * runs the reference home agent and mobile node there as {@code agent} processes (the MN asking for one flow
 * binding per flow of the case), waits until the home agent lists every care-of address and flow binding, then
 * installs a tunnel per accepted binding: kernel ipip devices (RFC 2003; gre when only that exists) with the home
 * address routed over all of them, or — when the kernel has neither, or when asked — the userspace tunnel of
 * {@link UserspaceTunnels}, which sends each flow on the binding its accepted flow binding names. It sends traffic
 * and captures on the home agent with tcpdump. {@code down} removes exactly what {@code up} recorded.
 */
public final class Lab {
    private static final int PORT = 434;
    private static final int SPI = 4096;
    /** The key file the agents read, in the state directory (mode 0600). */
    public static final String KEY_FILE = "mnha.keys";
    private final Shell sh;
    private final Path dir;
    private final List<String> tool;
    private final PrintStream out;

    /** How the lab makes its tunnels. */
    public enum TunnelMode {
        /** Kernel ipip/gre devices when the kernel has them, else the userspace tunnel. */
        AUTO,
        /** Always the userspace tunnel (TUN device + raw sockets), whatever the kernel has. */
        USERSPACE
    }

    /**
     * @param tool the command that starts {@code multitunnel}, e.g. [java, -cp, CP, …Main]; the lab appends
     *            {@code agent …} and {@code lab tunnel …} to it
     */
    public Lab(Shell sh, Path stateDir, List<String> tool, PrintStream out) {
        this.sh = sh;
        this.dir = stateDir;
        this.tool = List.copyOf(tool);
        this.out = out;
    }

    public LabCapabilities probe() throws IOException {
        return LabCapabilities.probe(sh);
    }

    public int up(LabCase c) throws IOException, InterruptedException {
        return up(c, TunnelMode.AUTO, "ipip");
    }

    public int up(LabCase c, TunnelMode mode) throws IOException, InterruptedException {
        return up(c, mode, "ipip");
    }

    /**
     * Exit codes: 0 built (tunnels or not, said on out), 1 already up or a step failed, 2 no namespaces here.
     * {@code userspaceEncap} ("ipip" or "gre") is what the userspace tunnel speaks; kernel devices are ipip, else gre.
     */
    public int up(LabCase c, TunnelMode mode, String userspaceEncap) throws IOException, InterruptedException {
        if (LabState.load(dir) != null) {
            out.println("lab is already up (case " + LabState.load(dir).caseName() + "); run 'lab down' first");
            return 1;
        }
        LabCapabilities caps = probe();
        if (!caps.netns() || !caps.veth()) {
            out.println("lab unavailable here: " + caps.detail());
            return 2;
        }
        LabState st = LabState.create(dir, c.name());
        try {
            build(c, st);
            startAgents(c, st, writeKeyFile(HexFormat.of().formatHex(random(16))));
            if (!awaitBindings(c, 20_000)) {
                out.println("the home agent did not list every care-of address and flow binding within 20 s; see "
                        + dir.resolve("ha.log")
                        + " and " + dir.resolve("mn.log") + " ('lab down' cleans up)");
                return 1;
            }
            out.println("bindings registered: " + c.links().stream().map(LabCase.Link::careOf).toList());
            HaStatus accepted = HaStatus.of(HaStatus.lastLine(dir.resolve("ha.log")).orElseThrow(), c.homeAddress());
            accepted.flows().forEach(r -> out.println("flow binding accepted: " + FlowClassifier.describe(r)));
            if (caps.tunnels() && mode == TunnelMode.AUTO && c.visited() == null) {
                tunnels(c, st, caps.ipip() ? "ipip" : "gre");
                traffic(c, true);
            } else if (caps.tun()) {
                new UserspaceTunnels(sh, dir, tool, out).install(c, st, accepted, userspaceEncap);
                new FlowTraffic(sh, dir, out).run(c, st, accepted, userspaceEncap.equals("gre") ? 4 : 0);
            } else {
                out.println("no tunnels possible here (" + caps.detail() + "); bindings are registered and "
                        + "signalling is captured, but no tunnel is installed and no tunnelled traffic is sent");
                traffic(c, false);
            }
            out.println("capture on the home agent: " + dir.resolve("ha.pcap") + " (signalling also in "
                    + dir.resolve("ha-signalling.pcapng") + ")");
            return 0;
        } catch (LabStepException e) {
            out.println("lab up failed: " + e.getMessage() + " ('lab down' removes what was made)");
            return 1;
        }
    }

    private void build(LabCase c, LabState st) throws IOException {
        List<String> namespaces = new ArrayList<>(List.of(c.haNamespace(), c.mnNamespace()));
        if (c.visited() != null) {
            namespaces.addAll(1, c.visited().namespaces());
        }
        for (String ns : namespaces) {
            must("ip", "netns", "add", ns);
            st.addNamespace(ns);
            must("ip", "-n", ns, "link", "set", "lo", "up");
            // decapsulated packets arrive on a device the reverse path may not point to; no IPv6 chatter
            must("ip", "netns", "exec", ns, "sh", "-c", "for k in all default; do echo 0 > "
                    + "/proc/sys/net/ipv4/conf/$k/rp_filter; echo 1 > /proc/sys/net/ipv6/conf/$k/disable_ipv6 "
                    + "2>/dev/null; done; true");
        }
        must("ip", "-n", c.haNamespace(), "addr", "add", c.haAddress() + "/32", "dev", "lo");
        must("ip", "-n", c.haNamespace(), "addr", "add", c.correspondent() + "/32", "dev", "lo");
        must("ip", "-n", c.mnNamespace(), "addr", "add", c.homeAddress() + "/32", "dev", "lo");
        if (c.visited() != null) {
            new VisitedLab(sh, dir, tool, out).build(c);
            return;
        }
        for (LabCase.Link l : c.links()) {
            must("ip", "-n", c.mnNamespace(), "link", "add", l.mnIf(), "type", "veth", "peer", "name", l.haIf(),
                    "netns", c.haNamespace());
            must("ip", "-n", c.mnNamespace(), "addr", "add", l.careOf() + "/24", "dev", l.mnIf());
            must("ip", "-n", c.haNamespace(), "addr", "add", l.haSide() + "/24", "dev", l.haIf());
            must("ip", "-n", c.mnNamespace(), "link", "set", l.mnIf(), "up");
            must("ip", "-n", c.haNamespace(), "link", "set", l.haIf(), "up");
            // RFC 7629 §5.1: the request for a care-of address is routed through that interface
            must("ip", "-n", c.mnNamespace(), "rule", "add", "from", l.careOf(), "table", String.valueOf(l.table()));
            must("ip", "-n", c.mnNamespace(), "route", "add", c.haAddress() + "/32", "via", l.haSide(), "dev",
                    l.mnIf(), "table", String.valueOf(l.table()));
        }
        LabCase.Link first = c.links().get(0);
        must("ip", "-n", c.mnNamespace(), "route", "add", c.haAddress() + "/32", "via", first.haSide());
        out.println("namespaces " + c.haNamespace() + ", " + c.mnNamespace() + " with " + c.links().size()
                + " veth links");
    }

    /**
     * The lab's throw-away MN-HA key goes to the agents in a key file only its owner can read: on their command lines
     * every local user could read it ({@code ps}, {@code /proc/PID/cmdline}).
     */
    private Path writeKeyFile(String hexKey) throws IOException {
        Path file = dir.resolve(KEY_FILE);
        Files.deleteIfExists(file);
        Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(file, "# the lab's MN-HA key (SPI HEXKEY ALGORITHM), removed by 'lab down'\n" + SPI + " "
                + hexKey + " hmac-md5\n", StandardCharsets.US_ASCII);
        return file;
    }

    private void startAgents(LabCase c, LabState st, Path keyFile) throws IOException, InterruptedException {
        String key = keyFile.toString();
        Shell.Result tcpdump = sh.run(List.of("which", "tcpdump"));
        if (tcpdump.ok()) {
            st.addPid(sh.spawn(List.of("ip", "netns", "exec", c.haNamespace(), "tcpdump", "-i", "any",
                    "--immediate-mode", "-U", "-n", "-w", dir.resolve("ha.pcap").toString()),
                    dir.resolve("tcpdump.log")));
        } else {
            out.println("tcpdump not found: only the home agent's own signalling record is written");
        }
        List<String> ha = new ArrayList<>(List.of("ip", "netns", "exec", c.haNamespace()));
        ha.addAll(tool);
        ha.addAll(List.of("agent", "ha", "--listen", c.haAddress() + ":" + PORT, "--key-file", key, "--record",
                dir.resolve("ha-signalling.pcapng").toString(), "--status", "--status-interval", "1"));
        st.addPid(sh.spawn(ha, dir.resolve("ha.log")));
        if (!awaitLog(dir.resolve("ha.log"), "\"agent\":\"ha\"", 15_000)) {
            throw new LabStepException("the home agent did not start; see " + dir.resolve("ha.log"));
        }
        String target = c.haAddress() + ":" + PORT;
        if (c.visited() != null) {
            for (String ns : c.visited().namespaces()) {
                st.addPid(sh.spawn(new VisitedLab(sh, dir, tool, out).foreignAgent(c, ns, PORT),
                        dir.resolve(VisitedLab.name(ns) + ".log")));
            }
            target = VisitedLab.target(c, PORT);
            Thread.sleep(1_500); // the FA has no status line to wait for; the MN retransmits anyway
        }
        List<String> mn = new ArrayList<>(List.of("ip", "netns", "exec", c.mnNamespace()));
        mn.addAll(tool);
        mn.addAll(List.of("agent", "mn", "--home-agent", target, "--home-address", c.homeAddress(),
                "--home-agent-address", c.haAddress(), "--key-file", key, "--lifetime", "60"));
        for (int i = 0; i < c.links().size(); i++) {
            mn.addAll(List.of("--care-of", c.visited() == null ? c.links().get(i).careOf() : VisitedLab.careOf(c, i, PORT)));
        }
        for (LabCase.Flow f : c.flows()) {
            mn.addAll(List.of("--flow", f.option()));
        }
        st.addPid(sh.spawn(mn, dir.resolve("mn.log")));
    }

    /** True once the home agent's latest status line names every care-of address and every flow binding. */
    private boolean awaitBindings(LabCase c, long timeoutMs) throws IOException, InterruptedException {
        long end = System.nanoTime() + timeoutMs * 1_000_000L;
        while (System.nanoTime() < end) {
            Optional<String> last = HaStatus.lastLine(dir.resolve("ha.log"));
            if (last.isPresent() && c.links().stream()
                    .allMatch(l -> last.get().contains("\"careOfAddress\":\"" + l.careOf() + "\""))
                    && HaStatus.of(last.get(), c.homeAddress()).bindings().size() >= c.links().size()
                    && HaStatus.of(last.get(), c.homeAddress()).flows().size() == c.flows().size()) {
                return true;
            }
            Thread.sleep(250);
        }
        return false;
    }

    private void tunnels(LabCase c, LabState st, String type) throws IOException {
        List<String> multipath = new ArrayList<>(List.of("ip", "-n", c.haNamespace(), "route", "add",
                c.homeAddress() + "/32"));
        for (LabCase.Link l : c.links()) {
            String t = "mt-t-" + l.label();
            must("ip", "-n", c.haNamespace(), "link", "add", t, "type", type, "local", c.haAddress(), "remote",
                    l.careOf());
            must("ip", "-n", c.haNamespace(), "link", "set", t, "up");
            must("ip", "-n", c.mnNamespace(), "link", "add", t, "type", type, "local", l.careOf(), "remote",
                    c.haAddress());
            must("ip", "-n", c.mnNamespace(), "link", "set", t, "up");
            multipath.addAll(List.of("nexthop", "dev", t));
        }
        // RFC 7629 §6: equal-cost point-to-point links; the kernel balances per flow
        must(multipath.toArray(String[]::new));
        st.put("tunnels", type + " (kernel devices)");
        out.println(type + " tunnel per binding installed; " + c.homeAddress() + " routed over all of them");
    }

    private void traffic(LabCase c, boolean tunnelled) throws IOException, InterruptedException {
        List<String> sources = new ArrayList<>();
        for (LabCase.Link l : c.links()) {
            Shell.Result r = sh.run(LabTraffic.burst(dir, c.mnNamespace(), l.careOf(), c.haAddress(), 10, 200));
            out.println("sent 10 UDP datagrams " + l.careOf() + " -> " + c.haAddress() + " over " + l.label() + ": "
                    + (r.ok() ? "ok" : "failed: " + lastLine(r.output())));
            sources.add(l.careOf());
        }
        if (tunnelled) {
            Shell.Result r = sh.run(LabTraffic.burst(dir, c.haNamespace(), c.haAddress(), c.homeAddress(), 20, 200));
            out.println("sent 20 UDP datagrams " + c.haAddress() + " -> " + c.homeAddress() + " through the tunnels: "
                    + (r.ok() ? "ok" : "failed: " + lastLine(r.output())));
        }
        // tcpdump writes each packet as it sees it (--immediate-mode -U); read until the counts settle (max 5 s)
        java.util.Map<String, long[]> counts = LabTraffic.perSource(dir.resolve("ha.pcap"), sources);
        for (int i = 0; i < 10; i++) {
            Thread.sleep(500);
            java.util.Map<String, long[]> again = LabTraffic.perSource(dir.resolve("ha.pcap"), sources);
            boolean same = again.keySet().stream().allMatch(k -> java.util.Arrays.equals(again.get(k), counts.get(k)));
            counts.clear();
            counts.putAll(again);
            if (same) {
                break;
            }
        }
        for (var e : counts.entrySet()) {
            out.println("captured on the home agent from " + e.getKey() + ": " + e.getValue()[0] + " packets, "
                    + e.getValue()[1] + " bytes");
        }
    }

    /** Stops the recorded processes (by pid) and deletes the recorded namespaces (their veths go with them). */
    public int down() throws IOException, InterruptedException {
        LabState st = LabState.load(dir);
        if (st == null) {
            out.println("lab is not up");
            return 0;
        }
        for (long pid : st.pids()) {
            Optional<ProcessHandle> h = ProcessHandle.of(pid);
            if (h.isPresent() && h.get().isAlive()) {
                h.get().destroy();
                try {
                    h.get().onExit().get(5, java.util.concurrent.TimeUnit.SECONDS);
                } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
                    h.get().destroyForcibly();
                }
                out.println("stopped process " + pid);
            }
        }
        int failures = 0;
        for (String ns : st.namespaces()) {
            Shell.Result r = sh.run(List.of("ip", "netns", "del", ns));
            out.println(r.ok() ? "removed namespace " + ns : "could not remove namespace " + ns + ": " + r.output());
            failures += r.ok() ? 0 : 1;
        }
        Files.deleteIfExists(dir.resolve(KEY_FILE));
        st.delete();
        return failures == 0 ? 0 : 1;
    }

    public String status() throws IOException {
        LabState st = LabState.load(dir);
        if (st == null) {
            return "lab is not up\n";
        }
        StringBuilder b = new StringBuilder("case " + st.caseName() + "\n");
        Shell.Result list = sh.run(List.of("ip", "netns", "list"));
        for (String ns : st.namespaces()) {
            b.append("namespace ").append(ns).append(list.output().contains(ns) ? " present" : " MISSING").append('\n');
        }
        for (long pid : st.pids()) {
            b.append("process ").append(pid).append(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)
                    ? " running" : " exited").append('\n');
        }
        b.append("tunnels ").append(st.get("tunnels") == null ? "none (no tunnel installed: see lab probe)"
                : st.get("tunnels")).append('\n');
        HaStatus.lastLine(dir.resolve("ha.log")).ifPresent(s -> b.append("home agent ").append(s).append('\n'));
        return b.toString();
    }

    private void must(String... command) throws IOException {
        must(sh, command);
    }

    static void must(Shell sh, String... command) throws IOException {
        Shell.Result r = sh.run(List.of(command));
        if (!r.ok()) {
            throw new LabStepException(String.join(" ", command) + ": " + r.output());
        }
    }

    static boolean awaitLog(Path log, String text, long timeoutMs) throws IOException, InterruptedException {
        long end = System.nanoTime() + timeoutMs * 1_000_000L;
        while (System.nanoTime() < end) {
            if (Files.isRegularFile(log) && Files.readString(log, StandardCharsets.UTF_8).contains(text)) {
                return true;
            }
            Thread.sleep(200);
        }
        return false;
    }

    static String lastLine(String s) {
        String[] lines = s.split("\n");
        return lines[lines.length - 1];
    }

    private static byte[] random(int n) {
        byte[] b = new byte[n];
        new SecureRandom().nextBytes(b);
        return b;
    }

    /** A lab step the system refused; the message is the command and its output. */
    static final class LabStepException extends IOException {
        private static final long serialVersionUID = 1L;

        LabStepException(String message) {
            super(message);
        }
    }
}
