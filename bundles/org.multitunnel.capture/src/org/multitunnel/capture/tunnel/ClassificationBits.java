package org.multitunnel.capture.tunnel;

import org.multitunnel.wire.fast.TunnelEncapsulation;
import org.multitunnel.wire.fast.PacketKind;
import org.multitunnel.wire.fast.PacketSummary;

/**
 * The layout of the classification bits this package stores in the packet index (via
 * {@link TunnelAccounting#indexingClassifier()}), so the packet list can colour and filter millions of rows without
 * re-reading them: bits 0–2 the {@link PacketKind}, bits 3–5 the {@link TunnelEncapsulation}, bits 6–13 the Mobile IP
 * message type + 1 (0: none). Fits the index's {@value org.multitunnel.capture.IndexClassifier#BITS} bits.
 */
public final class ClassificationBits {
    private static final PacketKind[] KINDS = PacketKind.values();
    private static final TunnelEncapsulation[] ENCAPSULATIONS = TunnelEncapsulation.values();

    private ClassificationBits() {
    }

    /** The bits of a classified packet. */
    public static int of(PacketSummary s) {
        int type = s.mipType();
        int t = type >= 0 && type < 255 ? type + 1 : 0;
        return s.kind().ordinal() | s.encapsulation().ordinal() << 3 | t << 6;
    }

    public static PacketKind kind(int bits) {
        return KINDS[Math.min(bits & 0x7, KINDS.length - 1)];
    }

    public static TunnelEncapsulation encapsulation(int bits) {
        return ENCAPSULATIONS[Math.min((bits >>> 3) & 0x7, ENCAPSULATIONS.length - 1)];
    }

    /** Mobile IP message type (1 request, 3 reply, 4 RFC 3519 tunnel data, …), or -1. */
    public static int mipType(int bits) {
        return ((bits >>> 6) & 0xff) - 1;
    }
}
