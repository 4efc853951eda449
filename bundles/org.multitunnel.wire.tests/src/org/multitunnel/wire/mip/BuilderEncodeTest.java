package org.multitunnel.wire.mip;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.multitunnel.wire.Hex;
import org.multitunnel.wire.mip.auth.AuthOptions;
import org.multitunnel.wire.mip.auth.SecurityAssociation;
import org.multitunnel.wire.mip.ext.AuthExtension;
import org.multitunnel.wire.mip.ext.ExtensionTypes;
import org.multitunnel.wire.mip.ext.FlowBindingExtension;
import org.multitunnel.wire.mip.ext.MultiInterfaceRoutingExtension;
import org.multitunnel.wire.mip.ext.MultipleTunnelRequestExtension;
import org.multitunnel.wire.mip.ext.MultipathExtension;
import org.multitunnel.wire.mip.ext.NaiExtension;
import org.multitunnel.wire.mip.ext.RawExtension;
import org.multitunnel.wire.mip.ext.ExtensionFormat;
import org.multitunnel.wire.mip.ext.TrafficSelector;

/** Builders produce the independent vectors byte for byte, and every fix-up can be switched off. */
class BuilderEncodeTest {
    private static final SecurityAssociation SA = SecurityAssociation.hmacMd5(MipVectors.SPI, MipVectors.KEY);

    private static RegistrationRequest.Builder base() {
        return RegistrationRequest.builder().flag(RegistrationRequest.S, true).flag(RegistrationRequest.T, true)
                .lifetime(1800).homeAddress("10.1.0.5").homeAgent("192.0.2.1").careOfAddress("198.51.100.7")
                .identification(0xe9a1b2c300000001L);
    }

    @Test
    void buildsRequestWithMultipathAndMnHaIdenticalToIndependentVector() {
        RegistrationRequest rq = base().extension(MultipathExtension.builder().ifAtt(4).ifLabel(1).bid(1).build())
                .authenticate(ExtensionTypes.MN_HA_AUTH, SA).build();
        assertArrayEquals(MipVectors.get("rrq_multipath_mnha"), rq.encode());
    }

    @Test
    void buildsFlowBindingRequestIdenticalToIndependentVector() {
        TrafficSelector ts = TrafficSelector.builder(1).address(MipFields.TS_DST_START, "10.0.0.1")
                .value(MipFields.TS_PROTO_START, 6).build();
        RegistrationRequest rq = base().extension(MultipathExtension.builder().ifAtt(4).ifLabel(1).bid(1).build())
                .extension(FlowBindingExtension.builder().action(1).bid(1).selector(ts).build())
                .authenticate(ExtensionTypes.MN_HA_AUTH, SA).build();
        assertArrayEquals(MipVectors.get("rrq_fb_ipv4_bare"), rq.encode());
        TrafficSelector embedded = TrafficSelector.builder(1).embeddedHeader(true)
                .address(MipFields.TS_DST_START, "10.0.0.1").value(MipFields.TS_PROTO_START, 6).build();
        RegistrationRequest rq2 = base()
                .extension(MultipathExtension.builder().ifAtt(4).ifLabel(1).bid(1).build())
                .extension(FlowBindingExtension.builder().action(1).bid(1).selector(embedded).build())
                .authenticate(ExtensionTypes.MN_HA_AUTH, SA).build();
        assertArrayEquals(MipVectors.get("rrq_fb_ipv4_embedded"), rq2.encode());
    }

    @Test
    void buildsReplyToRequestWithSameIdentification() {
        RegistrationRequest rq = base().authenticate(ExtensionTypes.MN_HA_AUTH, SA).build();
        RegistrationReply rp = RegistrationReply.replyTo(rq).code(0).authenticate(ExtensionTypes.MN_HA_AUTH, SA)
                .build();
        assertArrayEquals(MipVectors.get("rrp_accepted"), rp.encode());
    }

    @Test
    void buildsDraftExtensionsIdenticalToIndependentVectors() {
        RegistrationRequest mir = base().extension(MultiInterfaceRoutingExtension.builder().ifId(1)
                .weightedMode(true).ifType(3).linkWeight(5).build())
                .authenticate(ExtensionTypes.MN_HA_AUTH, SA).build();
        assertArrayEquals(MipVectors.get("rrq_mir"), mir.encode());
        RegistrationRequest mtr = base().extension(MultipleTunnelRequestExtension.builder().ifType(4).bid(7)
                .bulkReregistration(true).bandwidth16(1000).build())
                .authenticate(ExtensionTypes.MN_HA_AUTH, SA).build();
        assertArrayEquals(MipVectors.get("rrq_mtr_len8"), mtr.encode());
    }

    @Test
    void computesExtensionLengthsByDefault() {
        MultipathExtension mp = MultipathExtension.builder().bid(9).build();
        assertArrayEquals(Hex.decode("9a01" + "0004" + "00010900"), mp.encode()); // Length 4 computed
        assertEquals(15, NaiExtension.of("mn5@example.net").encode()[1]); // Length counts the 15 NAI bytes
    }

    @Test
    void sendsDeliberatelyWrongLengthWhenAsked() {
        MultipathExtension mp = MultipathExtension.builder().bid(9).declaredLength(7).build();
        assertArrayEquals(Hex.decode("9a01" + "0007" + "00010900"), mp.encode()); // Length 7, 4 bytes follow
        FlowBindingExtension fb = FlowBindingExtension.builder().action(1).bids(1, 2).bidCount(9)
                .selector(TrafficSelector.opaque(1, new byte[0])).tsFormat(0).build();
        assertArrayEquals(Hex.decode("9a02" + "0005" + "01" + "09" + "0102" + "00"), fb.encode()); // count 9
    }

    @Test
    void sendsWrongSpiButValidlyComputedAuthenticatorWhenAsked() {
        RegistrationRequest rq = base().authenticate(ExtensionTypes.MN_HA_AUTH, SA,
                AuthOptions.defaults().withSpiOnWire(999)).build();
        AuthExtension a = assertInstanceOf(AuthExtension.class, rq.extensions().get(0));
        assertEquals(999, a.spi());
    }

    @Test
    void corruptsAuthenticatorWhenAsked() {
        RegistrationRequest good = base().authenticate(ExtensionTypes.MN_HA_AUTH, SA).build();
        RegistrationRequest bad = base().authenticate(ExtensionTypes.MN_HA_AUTH, SA,
                AuthOptions.defaults().withCorruptAuthenticator()).build();
        byte[] g = ((AuthExtension) good.extensions().get(0)).authenticator();
        byte[] b = ((AuthExtension) bad.extensions().get(0)).authenticator();
        assertNotEquals(Hex.encode(g), Hex.encode(b));
        assertEquals(g[15] ^ 1, b[15]);
    }

    @Test
    void writesDeclaredAuthLengthWhenAsked() {
        RegistrationRequest rq = base().authenticate(ExtensionTypes.MN_HA_AUTH, SA,
                AuthOptions.defaults().withDeclaredLength(18)).build();
        byte[] b = rq.encode();
        assertEquals(18, b[25]); // Length octet of the MN-HA extension at offset 24
        assertEquals(24 + 2 + 20, b.length); // the 16-byte authenticator is still sent
    }

    @Test
    void rejectsLengthThatDoesNotFitShortFraming() {
        NaiExtension big = NaiExtension.of("x".repeat(300));
        assertThrows(IllegalStateException.class, big::encode);
    }

    @Test
    void buildsRawExtensionInEachFraming() {
        assertArrayEquals(Hex.decode("c8" + "02" + "0102"), RawExtension.of(200, ExtensionFormat.SHORT, -1,
                Hex.decode("0102")).encode());
        assertArrayEquals(Hex.decode("c8" + "03" + "05" + "0102"), RawExtension.of(200,
                ExtensionFormat.SHORT_WITH_SUBTYPE, 5, Hex.decode("0102")).encode());
        assertArrayEquals(Hex.decode("9a" + "07" + "0002" + "0102"), RawExtension.of(154, ExtensionFormat.LONG, 7,
                Hex.decode("0102")).encode());
    }

    @Test
    void toBuilderReproducesDecodedRequest() {
        byte[] v = MipVectors.get("rrq_fb_ipv4_bare");
        RegistrationRequest rq = (RegistrationRequest) new MipCodec().decode(v);
        assertArrayEquals(v, rq.toBuilder().build().encode());
    }

    @Test
    void rejectsMalformedAddressText() {
        assertThrows(IllegalArgumentException.class, () -> base().homeAddress("10.1.0.256"));
        assertThrows(IllegalArgumentException.class, () -> base().homeAddress("10.1.0"));
    }

    @Test
    void patchesLengthOfAnyExtension() {
        RawExtension e = RawExtension.withLength(
                org.multitunnel.wire.mip.ext.DynamicHaExtension.of(1, "192.0.2.9"), 9);
        assertArrayEquals(Hex.decode("8b" + "09" + "01" + "c0000209"), e.encode()); // Length 9, 5 bytes follow
        RawExtension l = RawExtension.withLength(MultipathExtension.builder().build(), 0x0102);
        assertArrayEquals(Hex.decode("9a01" + "0102" + "00010100"), l.encode());
    }
}
