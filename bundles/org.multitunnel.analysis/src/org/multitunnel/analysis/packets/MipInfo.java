package org.multitunnel.analysis.packets;

import java.nio.ByteBuffer;

import org.multitunnel.wire.DecodeException;
import org.multitunnel.wire.mip.MipCodec;
import org.multitunnel.wire.mip.MipMessage;
import org.multitunnel.wire.mip.RegistrationReply;
import org.multitunnel.wire.mip.RegistrationRequest;
import org.multitunnel.wire.mip.ReplyCodes;
import org.multitunnel.wire.mip.ext.MultipathExtension;
import org.multitunnel.wire.fast.PacketSummary;

/**
 * The Info column of a Mobile IPv4 message, short enough to scan a list of hundreds of registrations:
 * "RRQ HoA=10.1.0.1 CoA=198.51.100.2 BID=2 B", "RRP code 153 INVALID_FB_IDENTIFIER". Decoded with the wire codec;
 * other message types use the codec's own summary.
 */
final class MipInfo {
    private final MipCodec codec;

    MipInfo(MipCodec codec) {
        this.codec = codec;
    }

    String describe(ByteBuffer frame, PacketSummary s) {
        int m = s.mipOffset();
        int end = frame.limit();
        int udpLength = frame.getShort(m - 4) & 0xffff;
        int len = udpLength >= 8 ? Math.min(udpLength - 8, end - m) : end - m;
        MipMessage msg;
        try {
            msg = codec.decode(frame, m, len);
        } catch (DecodeException e) {
            return "Mobile IP type " + s.mipType() + " (malformed: " + e.getMessage() + ")";
        }
        if (msg instanceof RegistrationRequest rq) {
            StringBuilder b = new StringBuilder("RRQ HoA=").append(rq.homeAddress()).append(" CoA=")
                    .append(rq.careOfAddress());
            multipath(msg, b);
            b.append(rq.lifetime() == 0 ? " dereg" : " lifetime=" + rq.lifetime());
            return b.toString();
        }
        if (msg instanceof RegistrationReply rp) {
            String name = ReplyCodes.standard().name(rp.code());
            StringBuilder b = new StringBuilder("RRP code ").append(rp.code());
            if (name != null) {
                b.append(' ').append(name);
            }
            b.append(" HoA=").append(rp.homeAddress());
            multipath(msg, b);
            return b.toString();
        }
        return msg.summary();
    }

    /** RFC 7629 multipath extensions: " BID=n" (and " B" for bulk re-registration) per extension. */
    private static void multipath(MipMessage msg, StringBuilder b) {
        for (MultipathExtension mp : msg.extensions(MultipathExtension.class)) {
            b.append(" BID=").append(mp.bid());
            if (mp.bulkReregistration()) {
                b.append(" B");
            }
        }
    }
}
