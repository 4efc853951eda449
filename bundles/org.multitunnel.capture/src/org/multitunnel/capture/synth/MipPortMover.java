package org.multitunnel.capture.synth;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;

import org.multitunnel.capture.CaptureFile;
import org.multitunnel.capture.write.PcapWriter;
import org.multitunnel.wire.fast.PacketClassifier;
import org.multitunnel.wire.fast.PacketKind;
import org.multitunnel.wire.fast.PacketSummary;

/**
 * Makes a capture of Mobile IPv4 on another UDP port from one on 434: every UDP port 434 of signalling and of
 * RFC 3519 UDP tunnel data becomes {@code port} (UDP checksum cleared, which IPv4 allows), everything else is
 * copied unchanged. Test beds run agents on unprivileged ports; this yields such captures with the ground truth of
 * the original, to check that a configured port is analysed like 434.
 */
public final class MipPortMover {
    private MipPortMover() {
    }

    /** Writes {@code in} to {@code out} (pcap, nanosecond timestamps) with Mobile IP moved to {@code port}. */
    public static int move(Path in, Path out, int port) throws IOException {
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException(port + " is not a UDP port");
        }
        int moved = 0;
        PacketSummary s = new PacketSummary();
        try (CaptureFile f = CaptureFile.open(in);
                PcapWriter w = PcapWriter.create(out, f.packetCount() > 0 ? f.linkType(0) : 1,
                        PcapWriter.DEFAULT_SNAPLEN, PcapWriter.Precision.NANOSECONDS, false)) {
            for (int i = 0; i < f.packetCount(); i++) {
                ByteBuffer buf = f.packet(i);
                byte[] frame = new byte[buf.remaining()];
                buf.get(buf.position(), frame);
                PacketKind kind = PacketClassifier.classify(f.linkType(i), ByteBuffer.wrap(frame), 0, frame.length, s);
                boolean udpMip = kind == PacketKind.MIP_SIGNALLING
                        || (kind == PacketKind.TUNNEL_DATA && s.udpSrcPort() >= 0 && s.mipOffset() >= 8
                                && (s.udpSrcPort() == PacketClassifier.MIP_PORT
                                        || s.udpDstPort() == PacketClassifier.MIP_PORT));
                if (udpMip) {
                    ByteBuffer b = ByteBuffer.wrap(frame);
                    int udp = s.mipOffset() - 8;
                    for (int at : new int[] { udp, udp + 2 }) {
                        if ((b.getShort(at) & 0xffff) == PacketClassifier.MIP_PORT) {
                            b.putShort(at, (short) port);
                        }
                    }
                    b.putShort(udp + 6, (short) 0); // checksum: none (RFC 768), the pseudo-header sum changed
                    moved++;
                }
                w.write(f.timestampNanos(i), ByteBuffer.wrap(frame), f.originalLength(i));
            }
        }
        return moved;
    }
}
