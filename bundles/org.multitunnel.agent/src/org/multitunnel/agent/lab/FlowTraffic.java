package org.multitunnel.agent.lab;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The lab's traffic along the flow bindings: a receiver on the correspondent's ports (HA namespace) and on the
 * home address's ports (MN namespace), then every flow's datagrams uplink (home address → correspondent) and
 * downlink, and the report: per flow what was sent and what the receiving socket got after decapsulation, and per
 * tunnel the outer IPv4 bytes the HA's capture holds against what the flows put on that binding.
 */
final class FlowTraffic {
    private final Shell sh;
    private final Path dir;
    private final PrintStream out;

    FlowTraffic(Shell sh, Path dir, PrintStream out) {
        this.sh = sh;
        this.dir = dir;
        this.out = out;
    }

    /** @param encapHeader octets of the tunnel header between outer and inner IPv4 (0 ipip, 4 gre) */
    void run(LabCase c, LabState st, HaStatus accepted, int encapHeader) throws IOException, InterruptedException {
        List<Integer> ports = c.flows().stream().map(LabCase.Flow::port).toList();
        st.addPid(sh.spawn(LabTraffic.sink(dir, c.haNamespace(), c.correspondent(), ports),
                dir.resolve("sink-cn.log")));
        st.addPid(sh.spawn(LabTraffic.sink(dir, c.mnNamespace(), c.homeAddress(), ports), dir.resolve("sink-mn.log")));
        for (String s : List.of("sink-cn.log", "sink-mn.log")) {
            if (!Lab.awaitLog(dir.resolve(s), "ready", 15_000)) {
                throw new Lab.LabStepException("the traffic receiver did not start; see " + dir.resolve(s));
            }
        }
        List<String> up = new ArrayList<>();
        List<String> down = new ArrayList<>();
        for (LabCase.Flow f : c.flows()) {
            up.add(f.port() + ":" + f.upCount() + ":" + f.upSize());
            down.add(f.port() + ":" + f.downCount() + ":" + f.downSize());
        }
        report("uplink", sh.run(LabTraffic.flows(dir, c.mnNamespace(), c.homeAddress(), c.correspondent(), up)));
        report("downlink", sh.run(LabTraffic.flows(dir, c.haNamespace(), c.correspondent(), c.homeAddress(), down)));

        List<String> pairs = new ArrayList<>();
        for (String coa : accepted.bindings().stream().map(HaStatus.Binding::careOf).distinct().toList()) {
            pairs.add(coa + ">" + c.haAddress());
            pairs.add(c.haAddress() + ">" + coa);
        }
        Map<String, long[]> captured = settle(dir.resolve("ha.pcap"), pairs);
        Map<Integer, long[]> atCn = LabTraffic.sinkCounts(dir.resolve("sink-cn.log"));
        Map<Integer, long[]> atMn = LabTraffic.sinkCounts(dir.resolve("sink-mn.log"));
        for (LabCase.Flow f : c.flows()) {
            out.println("flow udp/" + f.port() + " on BID " + f.bid() + " (" + accepted.careOf(f.bid()) + "): up "
                    + f.upCount() + " x " + f.upSize() + " B sent, " + atCn.getOrDefault(f.port(), new long[2])[0]
                    + " delivered; down " + f.downCount() + " x " + f.downSize() + " B sent, "
                    + atMn.getOrDefault(f.port(), new long[2])[0] + " delivered");
        }
        // per tunnel, i.e. per care-of address: in seed 000 Case-3 one tunnel carries the flows of several BIDs
        for (String coa : accepted.bindings().stream().map(HaStatus.Binding::careOf).distinct().toList()) {
            List<Integer> bids = accepted.bindings().stream().filter(b -> b.careOf().equals(coa))
                    .map(HaStatus.Binding::bid).toList();
            long upBytes = 0;
            long downBytes = 0;
            for (LabCase.Flow f : c.flows()) {
                if (bids.contains(f.bid())) {
                    upBytes += f.upCount() * LabCase.Flow.tunnelled(f.upSize(), encapHeader);
                    downBytes += f.downCount() * LabCase.Flow.tunnelled(f.downSize(), encapHeader);
                }
            }
            long[] toHa = captured.get(coa + ">" + c.haAddress());
            long[] toCoa = captured.get(c.haAddress() + ">" + coa);
            out.println("tunnel BID " + String.join("+", bids.stream().map(String::valueOf).toList()) + " " + coa
                    + " captured on the home agent: to HA " + toHa[0] + " packets " + toHa[1] + " bytes (sent "
                    + upBytes + "), to CoA " + toCoa[0] + " packets " + toCoa[1] + " bytes (sent " + downBytes + ")");
        }
    }

    private void report(String what, Shell.Result r) {
        if (!r.ok()) {
            out.println(what + " traffic failed: " + Lab.lastLine(r.output()));
        }
    }

    /** tcpdump writes each packet as it sees it (--immediate-mode -U); read until the counts settle (max 5 s). */
    private static Map<String, long[]> settle(Path capture, List<String> pairs) throws IOException,
            InterruptedException {
        Map<String, long[]> counts = LabTraffic.perTunnel(capture, pairs);
        for (int i = 0; i < 10; i++) {
            Thread.sleep(500);
            Map<String, long[]> again = LabTraffic.perTunnel(capture, pairs);
            boolean same = again.keySet().stream().allMatch(k -> Arrays.equals(again.get(k), counts.get(k)));
            counts.putAll(again);
            if (same) {
                break;
            }
        }
        return counts;
    }
}
