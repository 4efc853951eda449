package org.multitunnel.capture.synth;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;

import org.multitunnel.capture.write.PcapWriter;
import org.multitunnel.wire.fast.TunnelEncapsulation;
import org.multitunnel.wire.mip.RegistrationReply;
import org.multitunnel.wire.mip.RegistrationRequest;
import org.multitunnel.wire.mip.auth.SecurityAssociation;
import org.multitunnel.wire.mip.ext.ExtensionTypes;
import org.multitunnel.wire.mip.ext.MultipathExtension;

/**
 * Writes a registration-churn capture: mobile nodes that re-register again and again, cycling over their BIDs and
 * moving each BID to a fresh care-of address every time (a node roaming fast), with a few tunnelled data packets to
 * the current care-of address after each accepted reply. Every registration therefore replaces a binding and grows
 * the node's binding history — the case that made an analysis which walks the history quadratic (issue 15:
 * one home address with 100k registrations over 255 BIDs took 100 s). Used by {@code multitunnel synth --churn}
 * and {@code releng/scaling.sh}; deterministic, pcap with µs timestamps, one accepted reply per request.
 */
public final class ChurnSynthesizer {
    private static final long S = 1_000_000_000L;
    private static final long US = 1_000L;

    private ChurnSynthesizer() {
    }

    /**
     * @param nodes         mobile nodes (home addresses 10.2.0.1, 10.2.0.2, …; home agent 192.0.2.1)
     * @param registrations registrations per node (each a request and an accepting reply)
     * @param bids          BIDs each node cycles over (1 .. bids, at most 255)
     * @param dataPerReg    tunnelled data packets (IP-in-IP, both directions) after each accepted reply
     * @return packets written
     */
    public static long write(Path out, int nodes, int registrations, int bids, int dataPerReg) throws IOException {
        if (nodes < 1 || registrations < 1 || bids < 1 || bids > 255 || dataPerReg < 0) {
            throw new IllegalArgumentException("churn needs nodes >= 1, registrations >= 1, BIDs 1..255, data >= 0");
        }
        int ha = Plan.ipv4(192, 0, 2, 1);
        SecurityAssociation sa = SecurityAssociation.hmacMd5(0x100, new byte[16]);
        FrameCrafter crafter = new FrameCrafter(FrameCrafter.MIP_PORT);
        long t = ScenarioSpec.DEFAULT_START_SECONDS * S;
        long packets = 0;
        int lifetime = 600;
        try (PcapWriter w = PcapWriter.create(out, 1, 65_535, PcapWriter.Precision.MICROSECONDS, false)) {
            for (int r = 0; r < registrations; r++) {
                for (int n = 0; n < nodes; n++) {
                    int hoa = Plan.ipv4(10, 2, 0, 0) + n + 1;
                    int bid = 1 + r % bids;
                    // a fresh care-of address per registration, unique across nodes: 100.64.0.0/10 and beyond
                    int coa = Plan.ipv4(100, 64, 0, 0) + (int) ((long) r * nodes + n) + 1;
                    RegistrationRequest rq = RegistrationRequest.builder().flag(RegistrationRequest.S, true)
                            .flag(RegistrationRequest.D, true).flag(RegistrationRequest.T, true).lifetime(lifetime)
                            .homeAddress(hoa).homeAgent(ha).careOfAddress(coa).identification(ntp(t))
                            .extension(MultipathExtension.builder().ifAtt(4).ifLabel(bid).bid(bid).build())
                            .authenticate(ExtensionTypes.MN_HA_AUTH, sa).build();
                    RegistrationReply rp = RegistrationReply.replyTo(rq).code(0)
                            .authenticate(ExtensionTypes.MN_HA_AUTH, sa).build();
                    write(w, t, crafter.signalling(coa, ha, 49152, FrameCrafter.MIP_PORT, rq.encode(), true));
                    t += 500 * US;
                    write(w, t, crafter.signalling(ha, coa, FrameCrafter.MIP_PORT, 49152, rp.encode(), false));
                    t += 100 * US;
                    packets += 2;
                    Plan.Binding b = new Plan.Binding(0, n, bid, coa, 4, bid, TunnelEncapsulation.IPIP, -1, 49152);
                    for (int d = 0; d < dataPerReg; d++) {
                        boolean down = (d & 1) == 0;
                        int cn = Plan.ipv4(172, 16, 0, 1);
                        crafter.data(b, ha, down, down ? cn : hoa, down ? hoa : cn, 17, down ? 5000 : 40000,
                                down ? 40000 : 5000, 100, d, 0, FrameCrafter.ZEROS);
                        w.write(t, ByteBuffer.wrap(crafter.frame(), 0, crafter.length()), crafter.length());
                        t += 100 * US;
                        packets++;
                    }
                }
            }
        }
        return packets;
    }

    private static void write(PcapWriter w, long t, byte[] frame) throws IOException {
        w.write(t, ByteBuffer.wrap(frame), frame.length);
    }

    private static long ntp(long nanos) {
        long seconds = nanos / S + 2_208_988_800L;
        long fraction = ((nanos % S) << 32) / S;
        return seconds << 32 | fraction;
    }
}
