package org.multitunnel.wire.ip;

import java.nio.ByteBuffer;

import org.multitunnel.wire.DecodeException;
import org.multitunnel.wire.DissectContext;
import org.multitunnel.wire.Dissector;
import org.multitunnel.wire.DissectorRegistry;
import org.multitunnel.wire.Field;
import org.multitunnel.wire.dissect.Layer;

/**
 * TCP header with Wireshark's tcp.* names; sequence numbers as raw values (tcp.seq_raw, tcp.ack_raw — the
 * relative ones need per-stream state), options as raw bytes (tcp.options), checksum unverified.
 */
public final class TcpDissector implements Dissector {
    @Override
    public Field dissect(DissectContext ctx, ByteBuffer buf, int offset, int length) {
        Layer l = new Layer(buf, offset, length);
        try {
            l.uint("tcp.srcport", "Source Port", offset, 2); // shown even when the rest was cut (as tshark does)
            l.uint("tcp.dstport", "Destination Port", offset + 2, 2);
            l.need(offset, TcpHeader.MIN_SIZE, "TCP header");
        } catch (DecodeException e) {
            return l.partial(ctx, e, "tcp", "Transmission Control Protocol");
        }
        int hl = ((buf.get(offset + 12) & 0xf0) >>> 4) * 4;
        l.uint("tcp.seq_raw", "Sequence Number (raw)", offset + 4, 4);
        l.uint("tcp.ack_raw", "Acknowledgment number (raw)", offset + 8, 4);
        l.add(Field.leaf("tcp.hdr_len", "Header Length: " + hl + " bytes", (long) hl, offset + 12, 1));
        l.bits("tcp.flags", "Flags", offset + 12, 2, 0x0fff);
        l.flag("tcp.flags.res", "Reserved", offset + 12, 2, 0x0e00);
        l.flag("tcp.flags.ae", "Accurate ECN", offset + 12, 2, 0x0100);
        l.flag("tcp.flags.cwr", "Congestion Window Reduced", offset + 12, 2, 0x0080);
        l.flag("tcp.flags.ece", "ECN-Echo", offset + 12, 2, 0x0040);
        l.flag("tcp.flags.urg", "Urgent", offset + 12, 2, 0x0020);
        l.flag("tcp.flags.ack", "Acknowledgment", offset + 12, 2, 0x0010);
        l.flag("tcp.flags.push", "Push", offset + 12, 2, 0x0008);
        l.flag("tcp.flags.reset", "Reset", offset + 12, 2, 0x0004);
        l.flag("tcp.flags.syn", "Syn", offset + 12, 2, 0x0002);
        l.flag("tcp.flags.fin", "Fin", offset + 12, 2, 0x0001);
        l.uint("tcp.window_size_value", "Window", offset + 14, 2);
        l.hex("tcp.checksum", "Checksum", offset + 16, 2);
        l.add(Field.leaf("tcp.checksum.status", "[Checksum Status: Unverified]", 2L, offset + 16, 2));
        l.uint("tcp.urgent_pointer", "Urgent Pointer", offset + 18, 2);
        int sport = (int) l.u16(offset, "source port");
        int dport = (int) l.u16(offset + 2, "destination port");
        String title = "Transmission Control Protocol, Src Port: " + sport + ", Dst Port: " + dport;
        try {
            TcpHeader.decode(buf, offset, length); // data offset sane and captured, else a typed error
        } catch (DecodeException e) {
            return l.partial(ctx, e, "tcp", title); // the fixed header is shown, as tshark does
        }
        if (hl > TcpHeader.MIN_SIZE) {
            l.raw("tcp.options", "Options", offset + TcpHeader.MIN_SIZE, hl - TcpHeader.MIN_SIZE);
        }
        int payload = offset + hl;
        UdpDissector.dispatch(ctx, DissectorRegistry.TCP_PORT, sport, dport, buf, payload, l.end() - payload);
        return l.build("tcp", title, hl);
    }
}
