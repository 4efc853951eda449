package org.multitunnel.ui.testbed.conformance;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.multitunnel.agent.client.ExchangeLog;
import org.multitunnel.agent.client.ExchangedPacket;
import org.multitunnel.agent.conformance.Scenario;
import org.multitunnel.capture.write.PcapngWriter;

/**
 * Which datagrams of a conformance run's exchange log belong to which scenario, so a verdict row can open just its
 * own packets. Scenarios run one after another, so each one's packets are the log entries added between its
 * start and finish; this records those positions from the runner's progress callbacks and writes one scenario's
 * slice as a pcapng file (raw IPv4, each packet commented with the rule id, the agent's port recorded as Mobile IP).
 */
public final class ScenarioPackets {
    private record Slice(int from, int to) {
    }

    private final ExchangeLog log;
    private final Map<String, Integer> starts = new ConcurrentHashMap<>();
    private final Map<String, Slice> slices = new ConcurrentHashMap<>();

    public ScenarioPackets(ExchangeLog log) {
        this.log = log;
    }

    public void started(Scenario s) {
        starts.put(s.ruleId(), log.size());
    }

    public void finished(Scenario s) {
        Integer from = starts.get(s.ruleId());
        slices.put(s.ruleId(), new Slice(from == null ? 0 : from, log.size()));
    }

    /** Packets exchanged by scenario {@code ruleId} (empty when it did not run). */
    public List<ExchangedPacket> packets(String ruleId) {
        Slice sl = slices.get(ruleId);
        if (sl == null) {
            return List.of();
        }
        List<ExchangedPacket> all = log.packets();
        return List.copyOf(all.subList(Math.min(sl.from(), all.size()), Math.min(sl.to(), all.size())));
    }

    /** Writes scenario {@code ruleId}'s packets to {@code file}; returns how many. */
    public int write(String ruleId, Path file) throws IOException {
        List<ExchangedPacket> packets = packets(ruleId);
        try (PcapngWriter w = PcapngWriter.create(file, "multitunnel conformance: " + ruleId,
                ExchangeLog.agentPorts(packets), false)) { // the agent's port is recorded as Mobile IP
            int ifc = w.addInterface(ExchangedPacket.LINK_TYPE, 0, "multitunnel-client");
            for (ExchangedPacket p : packets) {
                byte[] frame = p.ipv4Frame();
                w.write(ifc, Math.max(0, p.timestampNanos()), ByteBuffer.wrap(frame), frame.length, ruleId);
            }
        }
        return packets.size();
    }
}
