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

    public synchronized int size() {
        return entries.size();
    }

    /** Writes every packet as raw IPv4 (link type 101) in the order logged, with its comment. */
    public void writePcapng(Path file, String sectionComment) throws IOException {
        List<Entry> copy;
        synchronized (this) {
            copy = List.copyOf(entries);
        }
        try (PcapngWriter w = PcapngWriter.create(file, sectionComment, false)) {
            int ifc = w.addInterface(ExchangedPacket.LINK_TYPE, 0, "multitunnel-client");
            for (Entry e : copy) {
                byte[] frame = e.packet().ipv4Frame();
                w.write(ifc, Math.max(0, e.packet().timestampNanos()), ByteBuffer.wrap(frame), frame.length,
                        e.comment());
            }
        }
    }
}
