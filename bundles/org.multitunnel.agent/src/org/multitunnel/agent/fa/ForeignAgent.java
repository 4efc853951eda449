package org.multitunnel.agent.fa;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import org.multitunnel.agent.net.Ipv4;
import org.multitunnel.agent.net.NtpIdentification;
import org.multitunnel.agent.net.PacketRecorder;
import org.multitunnel.agent.net.UdpEndpoint;
import org.multitunnel.wire.DecodeException;
import org.multitunnel.wire.Json;
import org.multitunnel.wire.mip.MipCodec;
import org.multitunnel.wire.mip.MipMessage;
import org.multitunnel.wire.mip.RegistrationReply;
import org.multitunnel.wire.mip.RegistrationRequest;
import org.multitunnel.wire.mip.ext.ExtensionTypes;
import org.multitunnel.wire.mip.ext.MultiInterfaceRoutingExtension;

/**
 * The reference foreign agent: relays Registration Requests from mobile nodes to the home agent and the replies
 * back (RFC 5944 §3.7), keeping a visitor list keyed by home address and Identification, denying on its own
 * policies (see {@link FaPolicy}) and appending an FA-HA Authentication Extension when it has a key (§3.5.4).
 * One socket serves both sides, so the home agent answers to the address the relay came from.
 */
public final class ForeignAgent implements AutoCloseable {
    private final ForeignAgentConfig config;
    private final MipCodec codec = new MipCodec();
    private final FaPolicy policy;
    private final PacketRecorder recorder;
    /** Key: home address + "/" + low 32 bits of the Identification (RFC 5944 §3.7.3.1 matching). */
    private final Map<String, Visitor> visitors = new LinkedHashMap<>();
    private volatile Consumer<String> log = s -> {
    };
    private UdpEndpoint endpoint;

    private ForeignAgent(ForeignAgentConfig config, PacketRecorder recorder) {
        this.config = config;
        this.policy = new FaPolicy(config);
        this.recorder = recorder;
    }

    public static ForeignAgent start(ForeignAgentConfig config) throws IOException {
        PacketRecorder rec = config.recordTo() == null ? null
                : PacketRecorder.forAgent(config.recordTo(), "foreign agent", config.clock(),
                        List.of(config.homeAgent().getPort())).limit(config.recordLimits()); // own port, relay port
        ForeignAgent fa = new ForeignAgent(config, rec);
        try {
            fa.endpoint = UdpEndpoint.open(config.listen(), fa::onDatagram, rec, "fa");
        } catch (IOException | RuntimeException e) {
            if (rec != null) {
                rec.close();
            }
            throw e;
        }
        return fa;
    }

    public InetSocketAddress localAddress() {
        return endpoint.localAddress();
    }

    public void setLog(Consumer<String> log) {
        this.log = log == null ? s -> {
        } : log;
    }

    /** The visitor list now: pending relays and accepted visitors whose lifetime has not run out. */
    public synchronized List<Visitor> visitors() {
        purge(config.clock().instant());
        return List.copyOf(visitors.values());
    }

    public String statusJson() {
        StringBuilder b = new StringBuilder("{\"agent\":\"fa\",\"listen\":")
                .append(Json.quote(Ipv4.text(localAddress()))).append(",\"homeAgent\":")
                .append(Json.quote(Ipv4.text(config.homeAgent()))).append(",\"visitors\":[");
        List<Visitor> vs = visitors();
        for (int i = 0; i < vs.size(); i++) {
            Visitor v = vs.get(i);
            b.append(i == 0 ? "" : ",").append("{\"homeAddress\":").append(Json.quote(v.homeAddress()))
                    .append(",\"careOfAddress\":").append(Json.quote(v.careOfAddress())).append(",\"source\":")
                    .append(Json.quote(Ipv4.text(v.source()))).append(",\"pending\":").append(v.pending())
                    .append(",\"lifetime\":").append(v.grantedLifetime()).append('}');
        }
        return b.append("]}").toString();
    }

    private void onDatagram(byte[] data, InetSocketAddress from) throws IOException {
        MipMessage m;
        try {
            m = codec.decode(data);
        } catch (DecodeException e) {
            log.accept("discarded " + data.length + " bytes from " + Ipv4.text(from) + ": " + e.getMessage());
            return;
        }
        if (m instanceof RegistrationRequest rq) {
            fromMobileNode(data, rq, from);
        } else if (m instanceof RegistrationReply rp) {
            fromHomeAgent(data, rp, from);
        }
    }

    private void fromMobileNode(byte[] data, RegistrationRequest rq, InetSocketAddress from) throws IOException {
        Instant now = config.clock().instant();
        int denial;
        synchronized (this) {
            purge(now);
            List<Visitor> same = new ArrayList<>();
            visitors.values().stream().filter(v -> v.homeAddress().equals(rq.homeAddress())).forEach(same::add);
            denial = policy.check(rq, same);
            if (denial < 0) {
                List<MultiInterfaceRoutingExtension> mir = rq.extensions(MultiInterfaceRoutingExtension.class);
                visitors.put(key(rq.homeAddress(), rq.identification()), new Visitor(rq.homeAddress(), from,
                        rq.careOfAddress(), rq.homeAgent(), rq.identification(), rq.lifetime(),
                        mir.isEmpty() ? 0 : mir.get(0).linkWeight(), true, 0, now, now.plusSeconds(30)));
            }
        }
        if (denial >= 0) {
            // RFC 5944 §3.7.2.2: the FA answers a request it denies itself; it has no MN-HA key to sign with.
            RegistrationReply r = RegistrationReply.replyTo(rq).code(denial).lifetime(0).build();
            endpoint.send(r.encode(), from);
            log.accept("denied HoA=" + rq.homeAddress() + " code " + denial);
            return;
        }
        byte[] out = data;
        if (config.faHa() != null) {
            // RFC 5944 §3.5.4: FA-HA authenticator after everything the MN sent, computed over all of it.
            out = rq.toBuilder().authenticate(ExtensionTypes.FA_HA_AUTH, config.faHa()).build().encode();
        }
        endpoint.send(out, config.homeAgent());
        log.accept("relayed HoA=" + rq.homeAddress() + " CoA=" + rq.careOfAddress() + " to "
                + Ipv4.text(config.homeAgent()));
    }

    private void fromHomeAgent(byte[] data, RegistrationReply rp, InetSocketAddress from) throws IOException {
        Instant now = config.clock().instant();
        Visitor v;
        synchronized (this) {
            String k = key(rp.homeAddress(), rp.identification());
            v = visitors.get(k);
            if (v == null || !v.pending()) {
                log.accept("no pending request for reply HoA=" + rp.homeAddress() + " from " + Ipv4.text(from));
                return;
            }
            if (rp.accepted() && rp.lifetime() > 0) {
                visitors.values().removeIf(x -> !x.pending() && x.homeAddress().equals(v.homeAddress())
                        && x.careOfAddress().equals(v.careOfAddress()));
                visitors.put(k, new Visitor(v.homeAddress(), v.source(), v.careOfAddress(), v.homeAgent(),
                        v.identification(), v.requestedLifetime(), v.linkWeight(), false, rp.lifetime(), now,
                        rp.lifetime() == 0xffff ? Instant.MAX : now.plusSeconds(rp.lifetime())));
            } else {
                visitors.remove(k);
                if (rp.accepted()) {
                    visitors.values().removeIf(x -> x.homeAddress().equals(rp.homeAddress())
                            && x.careOfAddress().equals(v.careOfAddress()));
                }
            }
        }
        endpoint.send(data, v.source());
        log.accept("relayed reply HoA=" + rp.homeAddress() + " code " + rp.code() + " to " + Ipv4.text(v.source()));
    }

    private static String key(String home, long identification) {
        return home + "/" + NtpIdentification.low32(identification);
    }

    private void purge(Instant now) {
        visitors.values().removeIf(v -> !now.isBefore(v.expiresAt()));
    }

    @Override
    public void close() {
        if (endpoint != null) {
            endpoint.close();
        }
        if (recorder != null) {
            try {
                recorder.close();
            } catch (IOException e) {
                System.err.println("closing recording: " + e.getMessage());
            }
        }
    }
}
