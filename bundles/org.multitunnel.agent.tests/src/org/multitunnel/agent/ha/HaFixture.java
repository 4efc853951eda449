package org.multitunnel.agent.ha;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.AfterEach;
import org.multitunnel.agent.net.NtpIdentification;
import org.multitunnel.agent.testutil.MutableClock;
import org.multitunnel.agent.testutil.UdpProbe;
import org.multitunnel.wire.mip.RegistrationReply;
import org.multitunnel.wire.mip.RegistrationRequest;
import org.multitunnel.wire.mip.auth.SecurityAssociation;
import org.multitunnel.wire.mip.ext.ExtensionTypes;
import org.multitunnel.wire.mip.ext.MultipathExtension;

/**
 * Shared set-up for the home agent tests: a real HA on 127.0.0.1 (free port) with a hand-moved clock, a probe
 * socket playing the mobile node, and builders for the requests each rule needs (wire codec builders only).
 */
abstract class HaFixture {
    static final String HOA = "10.1.0.5";
    static final String HA_ADDR = "127.0.0.1";
    static final int SPI = 0x1001;
    static final byte[] KEY = "reference-key-16".getBytes(StandardCharsets.US_ASCII);
    static final SecurityAssociation SA = SecurityAssociation.hmacMd5(SPI, KEY);

    final MutableClock clock = new MutableClock(Instant.parse("2026-11-23T12:00:00Z"));
    private final AtomicLong counter = new AtomicLong();
    HomeAgent ha;
    UdpProbe probe;

    HomeAgentConfig.Builder config() {
        return HomeAgentConfig.builder().listen(new InetSocketAddress(HA_ADDR, 0)).homeAgentAddress(HA_ADDR)
                .key(SPI, KEY).maxLifetime(600).clock(clock);
    }

    void start(HomeAgentConfig.Builder b) throws IOException {
        ha = HomeAgent.start(b.build());
        probe = new UdpProbe("127.0.0.1");
    }

    @AfterEach
    void stop() {
        if (probe != null) {
            probe.close();
        }
        if (ha != null) {
            ha.close();
        }
    }

    /** A fresh, unique timestamp Identification at the test clock's time. */
    long freshId() {
        return NtpIdentification.of(clock.instant()) + counter.incrementAndGet();
    }

    RegistrationRequest.Builder request(String coa, int lifetime) {
        return RegistrationRequest.builder().lifetime(lifetime).homeAddress(HOA).homeAgent(HA_ADDR)
                .careOfAddress(coa).identification(freshId());
    }

    static MultipathExtension.Builder mp(int bid) {
        return MultipathExtension.builder().ifAtt(4).ifLabel(bid).bid(bid);
    }

    /** Registration for {@code bid} from {@code coa}, Multipath Extension before the MN-HA authenticator. */
    RegistrationRequest multipath(String coa, int bid, int lifetime) {
        return request(coa, lifetime).extension(mp(bid).build()).authenticate(ExtensionTypes.MN_HA_AUTH, SA)
                .build();
    }

    RegistrationReply send(RegistrationRequest rq) throws IOException {
        return probe.exchange(rq.encode(), ha.localAddress());
    }

    HaBinding binding(int bid) {
        return ha.bindings(HOA).stream().filter(b -> b.bid() == bid).findFirst()
                .orElseThrow(() -> new AssertionError("no binding with BID " + bid + ": " + ha.bindings()));
    }
}
