package org.multitunnel.analysis;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.multitunnel.capture.write.PcapngWriter;
import org.multitunnel.model.CaptureSession;
import org.multitunnel.model.ModelUpdater;
import org.multitunnel.model.MultitunnelFactory;
import org.multitunnel.wire.Hex;
import org.multitunnel.wire.dissect.Addresses;
import org.multitunnel.wire.ip.Ipv4Header;
import org.multitunnel.wire.ip.UdpHeader;
import org.multitunnel.wire.mip.MipCodec;
import org.multitunnel.wire.mip.MipMessage;
import org.multitunnel.wire.mip.RegistrationReply;
import org.multitunnel.wire.mip.RegistrationRequest;
import org.multitunnel.wire.mip.auth.SecurityAssociation;
import org.multitunnel.wire.mip.ext.MipExtension;
import org.multitunnel.wire.mip.ext.MultipathExtension;

/**
 * A registration scenario written the way the specs tell it — "at t=1 the MN registers BID 1 via WLAN, the HA
 * accepts with lifetime 300" — turned into a real pcapng (raw IPv4 link type) that the analyzer reads like any
 * capture. Tests state their expectations from the scenario's meaning, not from the analyzer's output.
 */
final class ScriptedScenario {
    static final String HA = "192.0.2.1";
    static final String HOA = "10.1.0.5";
    static final long T0 = 1_700_000_000L;
    private static final int LINKTYPE_IPV4 = 228;

    private record Frame(long nanos, byte[] bytes) {
    }

    /** The MN-HA mobility security association every scenario message is authenticated with (RFC 5944 §3.2). */
    static final SecurityAssociation KEY = SecurityAssociation.hmacMd5(256,
            Hex.decode("00112233445566778899aabbccddeeff"));
    private static final int MN_HA_AUTH = 32;

    private final List<Frame> frames = new ArrayList<>();
    private AnalysisOptions options = AnalysisOptions.defaults();
    private long ident = 0x1000;

    /** An RFC 7629 multipath request for one BID from its care-of address to the HA. */
    RegistrationRequest multipath(String coa, int bid, int lifetime, boolean bulk, boolean overwrite) {
        return request(coa, lifetime, 0, MultipathExtension.builder().ifAtt(bid == 1 ? 4 : 8).ifLabel(bid).bid(bid)
                .bulkReregistration(bulk).overwrite(overwrite).build());
    }

    /** A request with the given RFC 5944 flags and extensions. */
    RegistrationRequest request(String coa, int lifetime, int flags, MipExtension... extensions) {
        RegistrationRequest.Builder b = RegistrationRequest.builder().flags(flags).lifetime(lifetime)
                .homeAddress(HOA).homeAgent(HA).careOfAddress(coa).identification(nextIdent());
        for (MipExtension e : extensions) {
            b.extension(e);
        }
        return b.authenticate(MN_HA_AUTH, KEY).build();
    }

    private long nextIdent() {
        return ((T0 + 2_208_988_800L) << 32) | ident++;
    }

    /** What each request built by the test was actually sent as: re-stamped with its send time. */
    private final java.util.Map<RegistrationRequest, RegistrationRequest> sentAs = new java.util.IdentityHashMap<>();

    /**
     * Sends the request with an NTP-timestamp Identification taken at the send time (RFC 5944 §5.7), re-signed;
     * sending the same request object again is a retransmission of the same message.
     */
    ScriptedScenario send(double t, RegistrationRequest rq) {
        RegistrationRequest sent = sentAs.computeIfAbsent(rq, r -> stamped(r, t));
        return udp(t, sent.careOfAddress(), HA, 434, 434, sent);
    }

    private RegistrationRequest stamped(RegistrationRequest rq, double t) {
        RegistrationRequest.Builder b = rq.toBuilder().clearExtensions().identification(ntp(t));
        for (MipExtension e : rq.extensions()) {
            if (!(e instanceof org.multitunnel.wire.mip.ext.AuthExtension)) {
                b.extension(e);
            }
        }
        return b.authenticate(MN_HA_AUTH, KEY).build();
    }

    private long ntp(double t) {
        long seconds = T0 + 2_208_988_800L + (long) Math.floor(t);
        long fraction = (long) ((t - Math.floor(t)) * 0x1p32) & 0xffff_ff00L | (ident++ & 0xff);
        return (seconds << 32) | fraction;
    }

    /**
     * A request relayed by a foreign agent (RFC 5944 §3.7): mobile node → FA, then FA → HA ({@code dt} later);
     * {@code from} is the mobile node's interface address.
     */
    ScriptedScenario relay(double t, RegistrationRequest rq, String from, String fa) {
        RegistrationRequest sent = sentAs.computeIfAbsent(rq, r -> stamped(r, t));
        udp(t, from, fa, 434, 434, sent);
        return udp(t + 0.01, fa, HA, 434, 434, sent);
    }

    /**
     * As {@link #relay}, but the foreign agent's copy carries {@code added} as well, appended after the mobile
     * node's authenticator as an agent would have to (it cannot re-sign the MN-HA extension).
     */
    ScriptedScenario relayAdding(double t, RegistrationRequest rq, String from, String fa, MipExtension added) {
        RegistrationRequest sent = sentAs.computeIfAbsent(rq, r -> stamped(r, t));
        udp(t, from, fa, 434, 434, sent);
        return udp(t + 0.01, fa, HA, 434, 434, sent.toBuilder().extension(added).build());
    }

    /** As {@link #send}, but the request leaves from {@code source} (another interface) rather than its CoA. */
    ScriptedScenario sendFrom(double t, RegistrationRequest rq, String source) {
        RegistrationRequest sent = sentAs.computeIfAbsent(rq, r -> stamped(r, t));
        return udp(t, source, HA, 434, 434, sent);
    }

    /** The reply relayed back: HA → FA, then FA → mobile node. */
    ScriptedScenario replyVia(double t, RegistrationRequest rq, int code, int lifetime, String fa, String to) {
        rq = sentAs.getOrDefault(rq, rq);
        RegistrationReply rp = RegistrationReply.replyTo(rq).code(code).lifetime(lifetime)
                .authenticate(MN_HA_AUTH, KEY).build();
        udp(t, HA, fa, 434, 434, rp);
        return udp(t + 0.01, fa, to, 434, 434, rp);
    }

    /** {@code n} RFC 3519 UDP-tunnelled packets (type 4, next header 4) from the care-of side's NAT port to the HA. */
    ScriptedScenario udpTunnelToHomeAgent(double t, String natAddress, int natPort, int n, int innerLength) {
        for (int i = 0; i < n; i++) {
            byte[] inner = Ipv4Header.builder().protocol(17).ttl(64).source(Addresses.parseIpv4(HOA))
                    .destination(Addresses.parseIpv4("172.16.0.9")).build(new byte[innerLength - 20]);
            byte[] payload = new byte[4 + inner.length];
            payload[0] = 4; // RFC 3519 §3.1 Type: tunnel data
            payload[1] = 4; // Next Header: IP in IP
            System.arraycopy(inner, 0, payload, 4, inner.length);
            int s = Addresses.parseIpv4(natAddress);
            int d = Addresses.parseIpv4(HA);
            byte[] udp = UdpHeader.builder().sourcePort(natPort).destinationPort(434).ipv4(s, d).build(payload);
            frames.add(new Frame(nanos(t) + i, Ipv4Header.builder().protocol(17).ttl(64).source(s).destination(d)
                    .build(udp)));
        }
        return this;
    }

    ScriptedScenario reply(double t, RegistrationRequest rq, int code, int lifetime) {
        rq = sentAs.getOrDefault(rq, rq); // a reply never sent for (orphan tests) keeps the built identification
        RegistrationReply rp = RegistrationReply.replyTo(rq).code(code).lifetime(lifetime)
                .authenticate(MN_HA_AUTH, KEY).build();
        return udp(t, HA, rq.careOfAddress(), 434, 434, rp);
    }

    /**
     * {@code n} IP-in-IP packets of {@code innerLength} bytes from the HA to the care-of address; each care-of
     * address gets its own correspondent, so every tunnel carries its own flow.
     */
    ScriptedScenario dataToCareOf(double t, String coa, int n, int innerLength) {
        return dataToCareOfFrom(t, coa, "172.16.0." + (Addresses.parseIpv4(coa) & 0xff), n, innerLength);
    }

    /** As {@link #dataToCareOf} with the inner packets' correspondent (source) chosen by the test. */
    ScriptedScenario dataToCareOfFrom(double t, String coa, String correspondent, int n, int innerLength) {
        for (int i = 0; i < n; i++) {
            byte[] inner = Ipv4Header.builder().protocol(17).ttl(64).source(Addresses.parseIpv4(correspondent))
                    .destination(Addresses.parseIpv4(HOA)).build(new byte[innerLength - 20]);
            byte[] outer = Ipv4Header.builder().protocol(4).ttl(64).source(Addresses.parseIpv4(HA))
                    .destination(Addresses.parseIpv4(coa)).build(inner);
            frames.add(new Frame(nanos(t) + i, outer));
        }
        return this;
    }

    /** A UDP 434 datagram carrying exactly {@code payload} (e.g. a message cut short), from src to dst. */
    ScriptedScenario raw(double t, String src, String dst, byte[] payload) {
        return udp(t, src, dst, 434, 434, payload);
    }

    /** Appends bytes after the last record when the capture is written (damage for the reader to report). */
    ScriptedScenario trailingGarbage(byte[] bytes) {
        this.garbage = bytes.clone();
        return this;
    }

    private byte[] garbage = new byte[0];

    private ScriptedScenario udp(double t, String src, String dst, int sport, int dport, MipMessage m) {
        return udp(t, src, dst, sport, dport, MipCodec.encode(m));
    }

    private ScriptedScenario udp(double t, String src, String dst, int sport, int dport, byte[] payload) {
        int s = Addresses.parseIpv4(src);
        int d = Addresses.parseIpv4(dst);
        byte[] udp = UdpHeader.builder().sourcePort(sport).destinationPort(dport).ipv4(s, d).build(payload);
        byte[] ip = Ipv4Header.builder().protocol(17).ttl(64).source(s).destination(d).build(udp);
        frames.add(new Frame(nanos(t), ip));
        return this;
    }

    private static long nanos(double t) {
        return T0 * 1_000_000_000L + Math.round(t * 1e9);
    }

    ScriptedScenario options(AnalysisOptions o) {
        this.options = o;
        return this;
    }

    /** Writes the capture and analyzes it; returns the model. */
    CaptureSession analyze(Path dir) throws IOException {
        Path file = dir.resolve("scenario.pcapng");
        try (PcapngWriter w = PcapngWriter.create(file, "analysis scenario", false)) {
            int ifc = w.addInterface(LINKTYPE_IPV4, 65535, "scenario");
            for (Frame f : frames) {
                w.write(ifc, f.nanos, ByteBuffer.wrap(f.bytes), f.bytes.length);
            }
        }
        if (garbage.length > 0) {
            java.nio.file.Files.write(file, garbage, java.nio.file.StandardOpenOption.APPEND);
        }
        CaptureSession session = MultitunnelFactory.eINSTANCE.createCaptureSession();
        CaptureAnalyzer.analyze(file, options, new ModelUpdater(session), AnalysisProgress.NONE);
        return session;
    }

    static long at(double t) {
        return nanos(t);
    }
}
