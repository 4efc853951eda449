package org.multitunnel.agent.replay;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.multitunnel.capture.CaptureFile;
import org.multitunnel.capture.DecodeAsResolver;
import org.multitunnel.wire.DecodeException;
import org.multitunnel.wire.Field;
import org.multitunnel.wire.dissect.Dissection;
import org.multitunnel.wire.dissect.MipConfig;
import org.multitunnel.wire.mip.MipCodec;
import org.multitunnel.wire.mip.MipFields;
import org.multitunnel.wire.mip.MipMessage;
import org.multitunnel.wire.mip.RegistrationReply;
import org.multitunnel.wire.mip.RegistrationRequest;

/**
 * Pulls the registration requests out of a capture and pairs each with the captured reply that answers it, so a
 * replay knows what code to expect. Dissection finds the Mobile IP layer under any link type or tunnel the
 * dissector understands, on the ports of the Decode As setting (434 and 4434 by default, more from the caller) and
 * on those the capture file records for itself.
 */
public final class CaptureRegistrations {
    private CaptureRegistrations() {
    }

    /** The registrations on the default ports, {@code extraPorts} (0 entries ignored) and the file's own. */
    public static List<CapturedRegistration> read(Path file, int... extraPorts) throws IOException {
        List<Integer> more = new ArrayList<>();
        for (int p : extraPorts) {
            if (p > 0) {
                more.add(p);
            }
        }
        return read(file, MipConfig.defaults().withMorePorts(more));
    }

    /** The registrations found where {@code decodeAs} (plus the ports the file records) says Mobile IP is. */
    public static List<CapturedRegistration> read(Path file, MipConfig decodeAs) throws IOException {
        DecodeAsResolver resolver = new DecodeAsResolver(decodeAs);
        MipCodec codec = decodeAs.codec();
        List<CapturedRegistration> requests = new ArrayList<>();
        List<RegistrationReply> replies = new ArrayList<>();
        List<Integer> replyAfter = new ArrayList<>(); // index into requests at the time the reply was seen
        try (CaptureFile f = CaptureFile.open(file)) {
            for (int i = 0; i < f.packetCount(); i++) {
                ByteBuffer frame = f.packet(i);
                Dissection d = resolver.dissector(f, i).dissectFull(f.linkType(i), frame);
                Field mip = d.find(MipFields.PROTO);
                if (mip == null) {
                    continue;
                }
                MipMessage m;
                try {
                    m = codec.decode(frame, mip.offset(), mip.length());
                } catch (DecodeException e) {
                    continue;
                }
                if (m instanceof RegistrationRequest rq) {
                    requests.add(new CapturedRegistration(i + 1L, f.timestampNanos(i), text(d, "ip.src"),
                            text(d, "ip.dst"), rq, -1));
                } else if (m instanceof RegistrationReply rp) {
                    replies.add(rp);
                    replyAfter.add(requests.size());
                }
            }
        }
        return pair(requests, replies, replyAfter);
    }

    /** Each reply answers the latest earlier request with its Home Address and low-order Identification bits. */
    private static List<CapturedRegistration> pair(List<CapturedRegistration> requests, List<RegistrationReply> replies,
            List<Integer> replyAfter) {
        int[] codes = new int[requests.size()];
        java.util.Arrays.fill(codes, -1);
        for (int k = 0; k < replies.size(); k++) {
            RegistrationReply rp = replies.get(k);
            for (int j = replyAfter.get(k) - 1; j >= 0; j--) {
                RegistrationRequest rq = requests.get(j).request();
                if (rq.homeAddressInt() == rp.homeAddressInt() && (int) rq.identification() == (int) rp.identification()) {
                    if (codes[j] < 0) {
                        codes[j] = rp.code();
                    }
                    break;
                }
            }
        }
        List<CapturedRegistration> out = new ArrayList<>(requests.size());
        for (int j = 0; j < requests.size(); j++) {
            CapturedRegistration c = requests.get(j);
            out.add(new CapturedRegistration(c.frame(), c.timestampNanos(), c.source(), c.destination(), c.request(),
                    codes[j]));
        }
        return out;
    }

    private static String text(Dissection d, String name) {
        Field f = d.find(name);
        return f == null || f.value() == null ? null : String.valueOf(f.value());
    }
}
