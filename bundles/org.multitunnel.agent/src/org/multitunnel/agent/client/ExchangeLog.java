package org.multitunnel.agent.client;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.multitunnel.capture.write.PcapngWriter;

/**
 * Collects the datagrams of one or many exchanges (a {@code send}, a replay, a whole conformance run) so they can
 * be saved as one pcapng file with a per-packet comment (e.g. the conformance scenario that sent it). Thread-safe.
 */
public final class ExchangeLog {
    private record Entry(ExchangedPacket packet, String comment) {
    }

    private final List<Entry> entries = new ArrayList<>();

    public synchronized void add(ExchangedPacket p, String comment) {
        entries.add(new Entry(p, comment));
    }

    public synchronized void addAll(List<ExchangedPacket> packets, String comment) {
        for (ExchangedPacket p : packets) {
            entries.add(new Entry(p, comment));
        }
    }

    public synchronized List<ExchangedPacket> packets() {
        List<ExchangedPacket> out = new ArrayList<>(entries.size());
        entries.forEach(e -> out.add(e.packet()));
        return out;
    }

    /**
     * The agents' UDP ports in {@code packets}: the destination port of what the client sent and the source port of
     * what it received (the client's own ports are ephemeral and are not Mobile IP ports), in order of appearance.
     */
    public static List<Integer> agentPorts(List<ExchangedPacket> packets) {
        List<Integer> ports = new ArrayList<>();
        for (ExchangedPacket p : packets) {
            int port = p.sent() ? p.destination().getPort() : p.source().getPort();
            if (port > 0 && !ports.contains(port)) {
                ports.add(port);
            }
        }
        return ports;
    }

    public synchronized int size() {
        return entries.size();
    }

    /**
     * Writes every packet as raw IPv4 (link type 101) in the order logged, with its comment. The section header
     * records the agents' ports ({@link #agentPorts}) as Mobile IP, so the file opens decoded whatever port the
     * agent used.
     */
    public void writePcapng(Path file, String sectionComment) throws IOException {
        List<Entry> copy;
        synchronized (this) {
            copy = List.copyOf(entries);
        }
        List<ExchangedPacket> packets = new ArrayList<>(copy.size());
        copy.forEach(e -> packets.add(e.packet()));
        try (PcapngWriter w = PcapngWriter.create(file, sectionComment, agentPorts(packets), false)) {
            int ifc = w.addInterface(ExchangedPacket.LINK_TYPE, 0, "multitunnel-client");
            for (Entry e : copy) {
                byte[] frame = e.packet().ipv4Frame();
                w.write(ifc, Math.max(0, e.packet().timestampNanos()), ByteBuffer.wrap(frame), frame.length,
                        e.comment());
            }
        }
    }
}
