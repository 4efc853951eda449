package org.multitunnel.capture.synth;

import java.util.List;
import java.util.Locale;

import org.multitunnel.wire.Json;
import org.multitunnel.wire.dissect.Addresses;

/**
 * Writes a {@link GroundTruth} as the {@code *.expected.json} next to a synthesized capture, in the shape of the
 * headless contract's {@code analyze --json} (mobileNodes with bindings and flowBindings, tunnels with toCareOf /
 * toHomeAgent and series) plus what only the generator knows: every registration sent and the inner flows with the
 * tunnels they used. Times are seconds since the epoch with microsecond digits; output is deterministic.
 */
final class GroundTruthJson {
    private GroundTruthJson() {
    }

    static String write(GroundTruth t, String captureName) {
        ScenarioSpec spec = t.spec();
        StringBuilder b = new StringBuilder(1 << 16);
        b.append("{\n");
        b.append("  \"file\": ").append(Json.quote(captureName)).append(",\n");
        b.append("  \"format\": ").append(Json.quote(t.format())).append(",\n");
        b.append("  \"generator\": {\"command\": \"multitunnel synth\", \"seed\": ").append(spec.seed())
                .append(", \"mobileNodes\": ").append(spec.mobileNodes()).append(", \"careOfPerNode\": [")
                .append(spec.minCareOf()).append(", ").append(spec.maxCareOf()).append("], \"seconds\": ")
                .append(spec.seconds()).append(", \"packetsPerSecond\": ").append(spec.packetsPerSecond())
                .append(", \"lifetime\": ").append(spec.lifetime()).append(", \"flowBindings\": ")
                .append(spec.flowBindings()).append("},\n");
        b.append("  \"packets\": ").append(t.packets()).append(", \"dataPackets\": ").append(t.dataPackets())
                .append(", \"requests\": ").append(t.requests()).append(", \"replies\": ").append(t.replies())
                .append(",\n");
        b.append("  \"start\": ").append(seconds(t.firstNanos())).append(", \"end\": ")
                .append(seconds(t.lastNanos())).append(", \"intervalSeconds\": ")
                .append(seconds(spec.intervalNanos())).append(",\n");
        mobileNodes(b, t);
        tunnels(b, t.tunnels());
        flows(b, t.flows());
        registrations(b, t.registrations());
        b.append("}\n");
        return b.toString();
    }

    private static void mobileNodes(StringBuilder b, GroundTruth t) {
        b.append("  \"mobileNodes\": [");
        List<Plan.Node> nodes = t.plan.nodes;
        for (int n = 0; n < nodes.size(); n++) {
            Plan.Node node = nodes.get(n);
            String hoa = Addresses.ipv4(node.homeAddress());
            b.append(n == 0 ? "\n" : ",\n");
            b.append("    { \"homeAddress\": ").append(Json.quote(hoa)).append(", \"homeAgent\": ")
                    .append(Json.quote(Addresses.ipv4(node.homeAgent()))).append(", \"nai\": ")
                    .append(Json.quote(node.nai())).append(",\n      \"bindings\": [");
            for (int i = 0; i < node.bindings().size(); i++) {
                Plan.Binding bd = node.bindings().get(i);
                GroundTruth.Registration first = null;
                for (GroundTruth.Registration r : t.registrations()) {
                    if (r.careOfAddress().equals(Addresses.ipv4(bd.careOf()))) {
                        first = r;
                        break;
                    }
                }
                b.append(i == 0 ? "\n" : ",\n");
                b.append("        { \"bid\": ").append(bd.bid()).append(", \"careOfAddress\": ")
                        .append(Json.quote(Addresses.ipv4(bd.careOf()))).append(", \"accessTechnology\": ")
                        .append(bd.ifAtt()).append(", \"interfaceLabel\": ").append(bd.ifLabel())
                        .append(", \"encapsulation\": ").append(Json.quote(bd.encapsulation().contractName()))
                        .append(", \"state\": \"active\", \"registeredAt\": ")
                        .append(first == null ? "null" : seconds(first.replyNanos())).append(", \"lifetime\": ")
                        .append(t.spec().lifetime()).append(", \"endedAt\": null, \"extension\": \"rfc7629\" }");
            }
            b.append(" ],\n      \"flowBindings\": [");
            boolean firstFb = true;
            for (GroundTruth.FlowBinding fb : t.flowBindings()) {
                if (!fb.homeAddress().equals(hoa)) {
                    continue;
                }
                b.append(firstFb ? " " : ", ");
                firstFb = false;
                b.append("{ \"action\": ").append(fb.action()).append(", \"bids\": ").append(fb.bids())
                        .append(", \"selector\": { \"format\": \"ipv4\", \"text\": ").append(Json.quote(fb.selector()))
                        .append(" }, \"at\": ").append(seconds(fb.requestNanos())).append(" }");
            }
            b.append(firstFb ? "] }" : " ] }");
        }
        b.append(" ],\n");
    }

    private static void tunnels(StringBuilder b, List<GroundTruth.ExpectedTunnel> tunnels) {
        b.append("  \"tunnels\": [");
        for (int i = 0; i < tunnels.size(); i++) {
            GroundTruth.ExpectedTunnel x = tunnels.get(i);
            b.append(i == 0 ? "\n" : ",\n");
            b.append("    { \"homeAgent\": ").append(Json.quote(x.homeAgent())).append(", \"careOfAddress\": ")
                    .append(Json.quote(x.careOfAddress())).append(", \"encapsulation\": ")
                    .append(Json.quote(x.encapsulation()));
            if (x.greKey() >= 0) {
                b.append(", \"greKey\": ").append(x.greKey());
            }
            if (x.homeAgentPort() >= 0) {
                b.append(", \"udpPorts\": { \"homeAgent\": ").append(x.homeAgentPort()).append(", \"careOf\": ")
                        .append(x.careOfPort()).append(" }");
            }
            b.append(",\n      \"homeAddresses\": [").append(Json.quote(x.homeAddress())).append("], \"bids\": [")
                    .append(x.bid()).append("],\n      \"toCareOf\": { \"packets\": ").append(x.toCareOfPackets())
                    .append(", \"bytes\": ").append(x.toCareOfBytes()).append(" }, \"toHomeAgent\": { \"packets\": ")
                    .append(x.toHomeAgentPackets()).append(", \"bytes\": ").append(x.toHomeAgentBytes())
                    .append(" },\n      \"series\": [");
            List<GroundTruth.Bucket> s = x.series();
            for (int k = 0; k < s.size(); k++) {
                GroundTruth.Bucket bk = s.get(k);
                b.append(k == 0 ? "" : ", ").append("{ \"t\": ").append(seconds(bk.startNanos())).append(", \"bytes\": ")
                        .append(bk.bytes()).append(", \"packets\": ").append(bk.packets()).append(" }");
            }
            b.append("] }");
        }
        b.append(" ],\n");
    }

    private static void flows(StringBuilder b, List<GroundTruth.ExpectedFlow> flows) {
        b.append("  \"flows\": [");
        for (int i = 0; i < flows.size(); i++) {
            GroundTruth.ExpectedFlow f = flows.get(i);
            b.append(i == 0 ? "\n" : ",\n");
            b.append("    { \"source\": ").append(Json.quote(f.source())).append(", \"destination\": ")
                    .append(Json.quote(f.destination())).append(", \"protocol\": ").append(f.protocol())
                    .append(", \"sourcePort\": ").append(f.sourcePort()).append(", \"destinationPort\": ")
                    .append(f.destinationPort()).append(", \"tunnels\": [");
            for (int k = 0; k < f.tunnels().size(); k++) {
                GroundTruth.ExpectedUse u = f.tunnels().get(k);
                b.append(k == 0 ? "" : ", ").append("{ \"homeAgent\": ").append(Json.quote(u.homeAgent()))
                        .append(", \"careOfAddress\": ").append(Json.quote(u.careOfAddress()))
                        .append(", \"encapsulation\": ").append(Json.quote(u.encapsulation())).append(", \"first\": ")
                        .append(seconds(u.firstNanos())).append(", \"last\": ").append(seconds(u.lastNanos()))
                        .append(", \"packets\": ").append(u.packets()).append(", \"bytes\": ").append(u.bytes())
                        .append(" }");
            }
            b.append("] }");
        }
        b.append(" ],\n");
    }

    private static void registrations(StringBuilder b, List<GroundTruth.Registration> regs) {
        b.append("  \"registrations\": [");
        for (int i = 0; i < regs.size(); i++) {
            GroundTruth.Registration r = regs.get(i);
            b.append(i == 0 ? "\n" : ",\n");
            b.append("    { \"request\": ").append(seconds(r.requestNanos())).append(", \"reply\": ")
                    .append(seconds(r.replyNanos())).append(", \"homeAddress\": ").append(Json.quote(r.homeAddress()))
                    .append(", \"homeAgent\": ").append(Json.quote(r.homeAgent())).append(", \"careOfAddress\": ")
                    .append(Json.quote(r.careOfAddress())).append(", \"bid\": ").append(r.bid())
                    .append(", \"encapsulation\": ").append(Json.quote(r.encapsulation())).append(", \"lifetime\": ")
                    .append(r.lifetime()).append(", \"code\": ").append(r.replyCode())
                    .append(", \"identification\": ").append(Long.toUnsignedString(r.identification())).append(" }");
        }
        b.append(" ]\n");
    }

    /** Seconds since the epoch with up to nine decimals, trailing zeros dropped (exact, no floating point). */
    static String seconds(long nanos) {
        long s = Math.floorDiv(nanos, 1_000_000_000L);
        long f = Math.floorMod(nanos, 1_000_000_000L);
        if (f == 0) {
            return Long.toString(s);
        }
        String frac = String.format(Locale.ROOT, "%09d", f).replaceAll("0+$", "");
        return s + "." + frac;
    }
}
