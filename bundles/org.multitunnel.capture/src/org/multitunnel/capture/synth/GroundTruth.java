package org.multitunnel.capture.synth;

import java.util.ArrayList;
import java.util.List;

/**
 * What a synthesized capture contains, tallied by the synthesizer from the scenario as it writes each frame (never
 * by reading the capture back): the registrations and flow bindings sent, and per tunnel the packets and outer IPv4
 * bytes in each direction with the per-interval series, per directional inner flow the tunnels it used and when.
 * Tests compare the attribution against this; {@link GroundTruthJson} writes it next to the capture.
 */
public final class GroundTruth {
    /** One accepted registration (request and its reply). */
    public record Registration(long requestNanos, long replyNanos, String homeAddress, String homeAgent,
            String careOfAddress, int bid, int accessTechnology, int interfaceLabel, String encapsulation,
            int lifetime, int replyCode, long identification) {
    }

    /** One RFC 7629 Flow Binding Extension sent (and accepted). */
    public record FlowBinding(long requestNanos, String homeAddress, int action, List<Integer> bids,
            String selector) {
        public FlowBinding {
            bids = List.copyOf(bids);
        }
    }

    /** One non-empty series bucket: start (ns since the epoch, multiple of the interval), bytes, packets. */
    public record Bucket(long startNanos, long bytes, long packets) {
    }

    /**
     * A tunnel as the contract describes it; greKey -1 unless GRE, ports -1 unless UDP.
     */
    public record ExpectedTunnel(String homeAgent, String careOfAddress, String encapsulation, long greKey,
            int homeAgentPort, int careOfPort, String homeAddress, int bid, long toCareOfPackets, long toCareOfBytes,
            long toHomeAgentPackets, long toHomeAgentBytes, List<Bucket> series) {
        public ExpectedTunnel {
            series = List.copyOf(series);
        }
    }

    /** A tunnel used by a flow; the tunnel is named by its endpoints and encapsulation (unique per scenario). */
    public record ExpectedUse(String homeAgent, String careOfAddress, String encapsulation, long firstNanos,
            long lastNanos, long packets, long bytes) {
    }

    /** A directional inner flow and the tunnels it used, in order of first use. */
    public record ExpectedFlow(String source, String destination, int protocol, int sourcePort, int destinationPort,
            List<ExpectedUse> tunnels) {
        public ExpectedFlow {
            tunnels = List.copyOf(tunnels);
        }
    }

    private final ScenarioSpec spec;
    private final String format;
    private final long packets;
    private final long dataPackets;
    private final long firstNanos;
    private final long lastNanos;
    private final List<Registration> registrations;
    private final List<FlowBinding> flowBindings;
    private final List<ExpectedTunnel> tunnels;
    private final List<ExpectedFlow> flows;
    final Plan plan;

    GroundTruth(Plan plan, String format, long packets, long dataPackets, long firstNanos, long lastNanos,
            List<Registration> registrations, List<FlowBinding> flowBindings, List<ExpectedTunnel> tunnels,
            List<ExpectedFlow> flows) {
        this.plan = plan;
        this.spec = plan.spec;
        this.format = format;
        this.packets = packets;
        this.dataPackets = dataPackets;
        this.firstNanos = firstNanos;
        this.lastNanos = lastNanos;
        this.registrations = List.copyOf(registrations);
        this.flowBindings = List.copyOf(flowBindings);
        this.tunnels = List.copyOf(tunnels);
        this.flows = List.copyOf(flows);
    }

    public ScenarioSpec spec() {
        return spec;
    }

    /** {@code pcap} or {@code pcapng}. */
    public String format() {
        return format;
    }

    /** Every frame written (signalling and data). */
    public long packets() {
        return packets;
    }

    /** Tunnelled data frames written. */
    public long dataPackets() {
        return dataPackets;
    }

    /** Registration requests written (binding registrations and flow binding requests). */
    public long requests() {
        return registrations.size() + flowBindings.size();
    }

    /** Registration replies written (one per request; all accept). */
    public long replies() {
        return requests();
    }

    public long firstNanos() {
        return firstNanos;
    }

    public long lastNanos() {
        return lastNanos;
    }

    public List<Registration> registrations() {
        return registrations;
    }

    public List<FlowBinding> flowBindings() {
        return flowBindings;
    }

    /** Tunnels in the scenario's binding order (node, then BID). */
    public List<ExpectedTunnel> tunnels() {
        return tunnels;
    }

    public List<ExpectedFlow> flows() {
        return flows;
    }

    /** The encapsulations that carried data, contract names, in first-binding order. */
    public List<String> encapsulations() {
        List<String> out = new ArrayList<>();
        for (ExpectedTunnel t : tunnels) {
            if (!out.contains(t.encapsulation()) && t.toCareOfPackets() + t.toHomeAgentPackets() > 0) {
                out.add(t.encapsulation());
            }
        }
        return out;
    }
}
