package org.multitunnel.agent.client;

import java.nio.ByteBuffer;
import java.util.List;

import org.multitunnel.wire.DissectorRegistry;
import org.multitunnel.wire.Field;
import org.multitunnel.wire.Json;
import org.multitunnel.wire.dissect.Dissection;
import org.multitunnel.wire.dissect.FieldsJson;
import org.multitunnel.wire.dissect.FieldsText;
import org.multitunnel.wire.dissect.PacketDissector;
import org.multitunnel.wire.mip.MipDissectors;

/**
 * Renders exchanged datagrams exactly as {@code multitunnel decode} renders captured ones — the {@code decode
 * --json} object (plus the client's {@code "verdict"}) or the {@code tshark -V}-like tree — by dissecting the
 * rebuilt IPv4 packet. Agents often listen on an unprivileged port rather than 434, so that port is also decoded
 * as Mobile IP ("Decode As").
 */
public final class ExchangeDecoder {
    private final PacketDissector dissector;

    public ExchangeDecoder(int agentPort) {
        DissectorRegistry r = PacketDissector.standardRegistry();
        if (agentPort > 0 && agentPort != MipDissectors.DEFAULT_PORT) {
            MipDissectors.register(r, agentPort);
        }
        this.dissector = new PacketDissector(r);
    }

    public Dissection dissect(ExchangedPacket p) {
        return dissector.dissectFull(ExchangedPacket.LINK_TYPE, ByteBuffer.wrap(p.ipv4Frame()));
    }

    /** The decode --json object of {@code p} as frame {@code frame}, with {@code "verdict"} when not null. */
    public String json(long frame, ExchangedPacket p, Verdict verdict) {
        List<Field> layers = dissect(p).layers();
        long ns = p.timestampNanos();
        String line = FieldsJson.line(frame, Math.floorDiv(ns, 1_000_000_000L), (int) Math.floorMod(ns,
                1_000_000_000L), layers);
        if (verdict == null) {
            return line;
        }
        return line.substring(0, line.length() - 1) + ", \"verdict\": " + Json.quote(verdict.label()) + "}";
    }

    /** The field tree of {@code p}, preceded by a "Frame N" line. */
    public String text(long frame, ExchangedPacket p) {
        byte[] f = p.ipv4Frame();
        return FieldsText.packet(frame, f.length, dissect(p).layers());
    }
}
