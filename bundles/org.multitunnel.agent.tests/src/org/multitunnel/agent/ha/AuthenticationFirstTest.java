package org.multitunnel.agent.ha;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.multitunnel.agent.testutil.UdpProbe;
import org.multitunnel.wire.mip.RegistrationReply;
import org.multitunnel.wire.mip.RegistrationRequest;
import org.multitunnel.wire.mip.auth.AuthOptions;
import org.multitunnel.wire.mip.ext.ExtensionFormat;
import org.multitunnel.wire.mip.ext.ExtensionRegistry;
import org.multitunnel.wire.mip.ext.ExtensionTypes;
import org.multitunnel.wire.mip.ext.RawExtension;

/**
 * RFC 5944 §3.8.2.1 puts MN-HA authentication first; the reference HA also checks the authenticator before it
 * decodes any other extension, so an unauthenticated request — 65 KB of extensions included — costs a walk over
 * its framing, not a decode. A decoder that counts its calls shows what was interpreted.
 */
class AuthenticationFirstTest extends HaFixture {
    private static final int COUNTED_TYPE = 210; // skippable, unassigned
    private final AtomicInteger decoded = new AtomicInteger();

    private HomeAgentConfig.Builder counting() {
        ExtensionRegistry r = ExtensionRegistry.defaults().register(COUNTED_TYPE, ExtensionFormat.SHORT, "counted",
                (h, data) -> {
                    decoded.incrementAndGet();
                    return RawExtension.of(COUNTED_TYPE, ExtensionFormat.SHORT, -1, data);
                });
        return config().extensions(r);
    }

    private static RawExtension counted() {
        return RawExtension.of(COUNTED_TYPE, ExtensionFormat.SHORT, -1, new byte[] { 1, 2, 3, 4 });
    }

    @Test
    void extensionsOfAnUnauthenticatedRequestAreNotDecoded() throws Exception {
        start(counting());
        RegistrationReply r = send(request("198.51.100.1", 300).extension(counted()).extension(mp(1).build())
                .authenticate(ExtensionTypes.MN_HA_AUTH, SA, AuthOptions.defaults().withCorruptAuthenticator())
                .build());
        assertEquals(131, r.code());
        assertEquals(0, decoded.get(), "nothing before the authenticator was interpreted");
        assertEquals(0, send(request("198.51.100.1", 300).extension(counted()).extension(mp(1).build())
                .authenticate(ExtensionTypes.MN_HA_AUTH, SA).build()).code());
        assertEquals(1, decoded.get(), "an authentic request is decoded in full");
    }

    @Test
    void aHugeUnauthenticatedRequestIsRefusedWithoutDecodingIt() throws Exception {
        start(counting());
        RegistrationRequest.Builder b = request("198.51.100.1", 300);
        for (int i = 0; i < 10_800; i++) {
            b.extension(counted()); // 6 bytes each: 64,800 bytes of extensions
        }
        byte[] huge = b.authenticate(ExtensionTypes.MN_HA_AUTH, SA, AuthOptions.defaults().withSpiOnWire(0x9999))
                .build().encode();
        assertTrue(huge.length > 64_000 && huge.length <= 65_507, "fits one UDP datagram: " + huge.length);
        RegistrationReply r = probe.exchange(huge, ha.localAddress());
        assertEquals(131, r.code(), "unknown SPI");
        assertEquals(0, decoded.get());
    }

    @Test
    void aRequestWithoutAuthenticatorIsRefusedWithoutDecodingIt() throws Exception {
        start(counting());
        assertEquals(131, send(request("198.51.100.1", 300).extension(counted()).extension(mp(1).build()).build())
                .code());
        assertEquals(0, decoded.get());
    }

    @Test
    void anUnknownNonSkippableExtensionIsStillDiscardedSilentlyWhenConfigured() throws Exception {
        start(config().discardUnknownNonSkippable(true));
        RawExtension unknown = RawExtension.of(100, ExtensionFormat.SHORT, -1, new byte[] { 1, 2, 3, 4 });
        // RFC 5944 §1.9 discards whatever the authenticator says
        probe.send(request("198.51.100.1", 300).extension(unknown)
                .authenticate(ExtensionTypes.MN_HA_AUTH, SA, AuthOptions.defaults().withCorruptAuthenticator())
                .build().encode(), ha.localAddress());
        assertTrue(probe.silentFor(300));
        try (UdpProbe other = new UdpProbe("127.0.0.1")) {
            assertEquals(0, other.exchange(multipath("198.51.100.1", 1, 300).encode(), ha.localAddress()).code(),
                    "the agent is still answering");
        }
    }

    @Test
    void aTruncatedExtensionBeforeTheAuthenticatorMeansNoAuthenticator() throws Exception {
        start(config());
        byte[] ok = multipath("198.51.100.1", 1, 300).encode();
        // cut the message inside the Multipath Extension (24 fixed bytes, then type 154 at offset 24)
        byte[] cut = java.util.Arrays.copyOf(ok, 24 + 3);
        assertEquals(131, probe.exchange(cut, ha.localAddress()).code());
    }
}
