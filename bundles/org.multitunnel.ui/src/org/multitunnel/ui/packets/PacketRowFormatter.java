package org.multitunnel.ui.packets;

import java.nio.ByteBuffer;
import java.util.List;

import org.multitunnel.capture.CaptureFile;
import org.multitunnel.capture.CaptureShrankException;
import org.multitunnel.capture.DecodeAsResolver;
import org.multitunnel.wire.Field;
import org.multitunnel.wire.dissect.Addresses;
import org.multitunnel.wire.dissect.MipConfig;
import org.multitunnel.wire.dissect.PacketDissector;
import org.multitunnel.wire.fast.TunnelEncapsulation;
import org.multitunnel.wire.fast.PacketClassifier;
import org.multitunnel.wire.fast.PacketKind;
import org.multitunnel.wire.fast.PacketSummary;

/**
 * Builds a Packets row on demand (the table is virtual, so only visible rows are ever formatted): the wire
 * bundle's cheap classifier gives addresses, protocol and tunnel; Mobile IP messages get their Info from
 * {@link MipInfo}; other packets show the innermost layer of a full dissection. UI thread only (reuses a summary).
 */
public final class PacketRowFormatter {
    private final PacketSummary s = new PacketSummary();
    /** The capture's Decode As setting plus the ports its file records, per packet. */
    private final DecodeAsResolver decodeAs;
    private final MipInfo mipInfo;

    /** A formatter with the default Mobile IP settings (UDP 434 and 4434, draft types 124/125). */
    public PacketRowFormatter() {
        this(MipConfig.defaults());
    }

    /**
     * A formatter recognising Mobile IP as {@code mip} says (the settings the capture was opened with), plus the
     * ports the capture file records for itself.
     */
    public PacketRowFormatter(MipConfig mip) {
        this.decodeAs = new DecodeAsResolver(mip);
        this.mipInfo = new MipInfo(mip.codec());
    }

    /**
     * The row of packet {@code index}; a packet whose bytes are gone because another program truncated the file is
     * a "Gone" row saying so (its number, time and length still come from the index), never an exception.
     */
    public PacketRow format(CaptureFile file, int index) {
        try {
            return file.withPacket(index, buf -> format(file, index, buf));
        } catch (CaptureShrankException e) {
            return new PacketRow("", "", "Gone", "bytes no longer in the file: it shrank to "
                    + String.format("%,d", e.currentSize()) + " bytes after it was opened", PacketKind.MALFORMED, null);
        }
    }

    private PacketRow format(CaptureFile file, int index, ByteBuffer buf) {
        int linkType = file.linkType(index);
        PacketDissector dissector = decodeAs.dissector(file, index);
        PacketKind kind = PacketClassifier.classify(linkType, buf, buf.position(), buf.remaining(), s,
                decodeAs.ports(file, index));
        String src = outerSource();
        String dst = outerDestination();
        String tunnel = null;
        String protocol;
        String info;
        switch (kind) {
            case MIP_SIGNALLING -> {
                protocol = "MIPv4";
                info = mipInfo.describe(buf, s);
            }
            case TUNNEL_DATA -> {
                tunnel = src.compareTo(dst) < 0 ? src + "|" + dst : dst + "|" + src; // both directions alike
                if (s.innerVersion() == 4) {
                    src = src + " (" + Addresses.ipv4(s.innerSrc()) + ")";
                    dst = dst + " (" + Addresses.ipv4(s.innerDst()) + ")";
                }
                protocol = encapsulationName(s.encapsulation());
                info = tunnelInfo();
            }
            case MIP6_MOBILITY -> {
                protocol = "MIPv6";
                info = "Mobility Header type " + s.mhType() + lastLayer(dissector, linkType, buf);
            }
            case MALFORMED -> {
                protocol = "Malformed";
                info = "malformed at byte " + s.malformedOffset();
            }
            default -> {
                protocol = protocolName(s.outerProtocol());
                info = lastLayer(dissector, linkType, buf).strip();
            }
        }
        return new PacketRow(src, dst, protocol, info, kind, tunnel);
    }

    private String outerSource() {
        if (s.ipVersion() == 4) {
            return Addresses.ipv4(s.outerSrc());
        }
        return s.ipVersion() == 6 ? ipv6(s.outerSrc6Hi(), s.outerSrc6Lo()) : "";
    }

    private String outerDestination() {
        if (s.ipVersion() == 4) {
            return Addresses.ipv4(s.outerDst());
        }
        return s.ipVersion() == 6 ? ipv6(s.outerDst6Hi(), s.outerDst6Lo()) : "";
    }

    private static String ipv6(long hi, long lo) {
        ByteBuffer b = ByteBuffer.allocate(16).putLong(hi).putLong(lo);
        return Addresses.ipv6(b, 0);
    }

    private String tunnelInfo() {
        StringBuilder b = new StringBuilder();
        if (s.greKeyPresent()) {
            b.append("key=").append(s.greKey()).append(' ');
        }
        if (s.innerVersion() == 4 || s.innerVersion() == 6) {
            b.append("inner ").append(protocolName(s.innerProto()));
            if (s.innerSrcPort() >= 0) {
                b.append(' ').append(s.innerSrcPort()).append(" → ").append(s.innerDstPort());
            }
        }
        return b.toString().strip();
    }

    /** The display text of the innermost layer (", " + text), or "" — only for the few rows on screen. */
    private static String lastLayer(PacketDissector dissector, int linkType, ByteBuffer buf) {
        List<Field> layers = dissector.dissect(linkType, buf.duplicate());
        return layers.isEmpty() ? "" : ", " + layers.get(layers.size() - 1).display();
    }

    static String encapsulationName(TunnelEncapsulation e) {
        return switch (e) {
            case IPIP -> "IP-in-IP";
            case GRE -> "GRE";
            case MINENC -> "MinEnc";
            case UDP -> "UDP tunnel";
            case NONE -> "IP";
        };
    }

    static String protocolName(int proto) {
        return switch (proto) {
            case -1 -> "Other";
            case 1 -> "ICMP";
            case 6 -> "TCP";
            case 17 -> "UDP";
            case 58 -> "ICMPv6";
            case 4 -> "IPv4";
            case 41 -> "IPv6";
            case 47 -> "GRE";
            case 50 -> "ESP";
            case 51 -> "AH";
            default -> "IP proto " + proto;
        };
    }
}
