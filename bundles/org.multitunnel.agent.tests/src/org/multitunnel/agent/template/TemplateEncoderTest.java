package org.multitunnel.agent.template;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.multitunnel.model.template.AuthKind;
import org.multitunnel.model.template.AuthSpec;
import org.multitunnel.model.template.FlowBindingSpec;
import org.multitunnel.model.template.IdentificationMode;
import org.multitunnel.model.template.MultiInterfaceRoutingSpec;
import org.multitunnel.model.template.MultipathSpec;
import org.multitunnel.model.template.MultipleTunnelRequestSpec;
import org.multitunnel.model.template.NaiSpec;
import org.multitunnel.model.template.RawFormat;
import org.multitunnel.model.template.RawSpec;
import org.multitunnel.model.template.RegistrationTemplate;
import org.multitunnel.model.template.SelectorField;
import org.multitunnel.model.template.TemplateFactory;
import org.multitunnel.model.template.UdpTunnelRequestSpec;
import org.multitunnel.wire.mip.MipCodec;
import org.multitunnel.wire.mip.RegistrationRequest;
import org.multitunnel.wire.mip.auth.AuthResult;
import org.multitunnel.wire.mip.auth.MapKeyTable;
import org.multitunnel.wire.mip.auth.MipAuthenticator;
import org.multitunnel.wire.mip.auth.SecurityAssociation;
import org.multitunnel.wire.mip.ext.AuthExtension;
import org.multitunnel.wire.mip.ext.FlowBindingExtension;
import org.multitunnel.wire.mip.ext.MultiInterfaceRoutingExtension;
import org.multitunnel.wire.mip.ext.MultipathExtension;
import org.multitunnel.wire.mip.ext.MultipleTunnelRequestExtension;
import org.multitunnel.wire.mip.ext.NaiExtension;
import org.multitunnel.wire.mip.ext.RawExtension;
import org.multitunnel.wire.mip.ext.UdpTunnelRequestExtension;
import org.multitunnel.wire.mip.finding.MessageFinding;
import org.multitunnel.wire.mip.finding.MipChecker;

/**
 * Template to wire: the bytes decode to what the template says, authenticators verify with the key table's key
 * (and deliberately do not when asked), deliberate errors reach the wire and trigger their findings.
 */
class TemplateEncoderTest {
    private static final byte[] KEY = HexFormat.of().parseHex("00112233445566778899aabbccddeeff");
    private static final MapKeyTable KEYS = new MapKeyTable().add(SecurityAssociation.hmacMd5(4096, KEY));
    private static final TemplateFactory F = TemplateFactory.eINSTANCE;

    private static RegistrationRequest decode(byte[] b) {
        return (RegistrationRequest) new MipCodec().decode(b);
    }

    private static AuthResult.Status mnHa(byte[] b, MapKeyTable keys) {
        return MipAuthenticator.resultFor(MipAuthenticator.verify(b, decode(b), keys, null), 32).status();
    }

    @Test
    void sampleTemplateIsRfc7629MultipathWithMnHaAuthToTheBuiltInHomeAgent() {
        RegistrationTemplate t = TemplateFiles.sample();
        assertEquals("127.0.0.1", t.getTargetHost());
        assertEquals(4434, t.getTargetPort());
        assertEquals(IdentificationMode.NTP, t.getIdentificationMode());
        byte[] b = TemplateEncoder.encode(t, 0x0102030405060708L, KEYS, false).bytes();
        byte[] fixed = HexFormat.of().parseHex("01" // Type: Registration Request
                + "00" // flags S B D M G r T x all clear
                + "012c" // Lifetime 300
                + "0a010005" // Home Address 10.1.0.5
                + "7f000001" // Home Agent 127.0.0.1
                + "7f000001" // Care-of Address 127.0.0.1
                + "0102030405060708" // Identification as given
                + "9a01" + "0004" // Multipath Extension: type 154, sub-type 1, Length 4
                + "04" + "01" + "01" + "00" // If-ATT 4 (802.11), If-Label 1, BID 1, B/O clear
                + "20" + "14" + "00001000"); // MN-HA auth: type 32, Length 20, SPI 4096
        assertEquals(fixed.length + 16, b.length, "the 16-byte HMAC-MD5 authenticator ends the message");
        assertArrayEquals(fixed, java.util.Arrays.copyOf(b, fixed.length));
        assertEquals(AuthResult.Status.VALID, mnHa(b, KEYS));
        assertEquals(List.of(), new MipChecker().check(b), "the sample triggers no message-level finding");
    }

    @Test
    void everyExtensionTypeRoundTripsToWhatTheTemplateSays() {
        RegistrationTemplate t = F.createRegistrationTemplate();
        t.setFlags(0x22); // D, T
        t.setLifetime(600);
        t.setHomeAddress("10.1.0.9");
        t.setHomeAgent("192.0.2.1");
        t.setCareOfAddress("198.51.100.7");
        NaiSpec nai = F.createNaiSpec();
        nai.setNai("mn9@example.net");
        MultipathSpec mp = F.createMultipathSpec();
        mp.setBid(3);
        mp.setIfAtt(8);
        mp.setIfLabel(2);
        mp.setOverwrite(true);
        FlowBindingSpec fb = F.createFlowBindingSpec();
        fb.setAction(1);
        fb.getBids().addAll(List.of(1, 3));
        fb.getSelectorFields().add(field("dst_start", "203.0.113.9"));
        fb.getSelectorFields().add(field("dport_start", "5060"));
        MultipleTunnelRequestSpec mtr = F.createMultipleTunnelRequestSpec();
        mtr.setBid(4);
        mtr.setBandwidthSize(2);
        mtr.setBandwidth(1000);
        MultiInterfaceRoutingSpec mir = F.createMultiInterfaceRoutingSpec();
        mir.setIfId(5);
        mir.setLinkWeight(7);
        UdpTunnelRequestSpec udp = F.createUdpTunnelRequestSpec();
        udp.setEncapsulation(47);
        udp.setForce(true);
        RawSpec raw = F.createRawSpec();
        raw.setType(200);
        raw.setFormat(RawFormat.SHORT);
        raw.setDataHex("ab cd");
        AuthSpec auth = F.createAuthSpec();
        t.getExtensions().addAll(List.of(nai, mp, fb, mtr, mir, udp, raw, auth));

        byte[] b = TemplateEncoder.encode(t, 7, KEYS, false).bytes();
        RegistrationRequest r = decode(b);
        assertEquals(0x22, r.flags());
        assertEquals(600, r.lifetime());
        assertEquals("10.1.0.9", r.homeAddress());
        assertEquals("192.0.2.1", r.homeAgent());
        assertEquals("198.51.100.7", r.careOfAddress());
        assertEquals(7, r.identification());
        assertEquals(8, r.extensions().size());
        assertEquals("mn9@example.net", assertInstanceOf(NaiExtension.class, r.extensions().get(0)).nai());
        MultipathExtension m = assertInstanceOf(MultipathExtension.class, r.extensions().get(1));
        assertEquals(List.of(3, 8, 2, true, false), List.of(m.bid(), m.ifAtt(), m.ifLabel(), m.overwrite(),
                m.bulkReregistration()));
        FlowBindingExtension f = assertInstanceOf(FlowBindingExtension.class, r.extensions().get(2));
        assertArrayEquals(new int[] { 1, 3 }, f.bids());
        assertEquals(Map.of("mip.ext.fb.ts.dst_start", "203.0.113.9", "mip.ext.fb.ts.dport_start", 5060L),
                f.selector().values());
        MultipleTunnelRequestExtension x = assertInstanceOf(MultipleTunnelRequestExtension.class, r.extensions().get(3));
        assertEquals(List.of(4, 1000L), List.of(x.bid(), x.bandwidth()));
        MultiInterfaceRoutingExtension y = assertInstanceOf(MultiInterfaceRoutingExtension.class, r.extensions().get(4));
        assertEquals(List.of(5, 7, true), List.of(y.ifId(), y.linkWeight(), y.weightedMode()));
        UdpTunnelRequestExtension u = assertInstanceOf(UdpTunnelRequestExtension.class, r.extensions().get(5));
        assertEquals(47, u.encapsulation());
        assertEquals(UdpTunnelRequestExtension.F_FLAG, u.flags());
        RawExtension rx = assertInstanceOf(RawExtension.class, r.extensions().get(6));
        assertEquals(200, rx.type());
        assertArrayEquals(new byte[] { (byte) 0xab, (byte) 0xcd }, rx.data());
        assertEquals(4096, assertInstanceOf(AuthExtension.class, r.extensions().get(7)).spi());
        assertEquals(AuthResult.Status.VALID, mnHa(b, KEYS));
    }

    @Test
    void wrongAuthenticatorSwitchSendsAnAuthenticatorThatDoesNotVerify() {
        RegistrationTemplate t = TemplateFiles.sample();
        AuthSpec auth = (AuthSpec) t.getExtensions().get(1);
        byte[] good = TemplateEncoder.encode(t, 99, KEYS, false).bytes();
        auth.setWrongAuthenticator(true);
        byte[] bad = TemplateEncoder.encode(t, 99, KEYS, false).bytes();
        assertEquals(AuthResult.Status.VALID, mnHa(good, KEYS));
        assertEquals(AuthResult.Status.INVALID, mnHa(bad, KEYS));
        assertEquals(good.length, bad.length);
        assertEquals(1, good[good.length - 1] ^ bad[bad.length - 1], "only the lowest bit of the last byte flips");
    }

    @Test
    void wrongLengthAndBidCountSwitchesReachTheWireAndTriggerTheirFindings() {
        RegistrationTemplate t = TemplateFiles.sample();
        MultipathSpec mp = (MultipathSpec) t.getExtensions().get(0);
        mp.setLengthOverride(5);
        byte[] b = TemplateEncoder.encode(t, 1, KEYS, false).bytes();
        assertEquals(5, ((b[26] & 0xff) << 8) | (b[27] & 0xff), "Multipath Length field at offset 26");
        List<String> rules = new MipChecker().check(b).stream().map(MessageFinding::rule).toList();
        assertFalse(rules.isEmpty(), "a Multipath Length of 5 is a finding: " + rules);

        mp.setLengthOverride(-1);
        FlowBindingSpec fb = F.createFlowBindingSpec();
        fb.getBids().add(1);
        fb.setBidCountOverride(3);
        t.getExtensions().add(1, fb);
        byte[] c = TemplateEncoder.encode(t, 1, KEYS, false).bytes();
        assertEquals(3, c[37], "BID Count octet of the Flow Binding Extension at 32 (after 24 + 8 bytes)");
        assertEquals(1, c[38], "the one BID follows");
        // the receiver reads two more BIDs than there are: the TS Format lands on the selector's flags
        assertEquals(List.of("RFC7629-4.2-BID-RESERVED", "RFC7629-4.2-TS-FORMAT-RESERVED"),
                new MipChecker().check(c).stream().map(MessageFinding::rule).toList());
    }

    @Test
    void missingKeyIsAnErrorForSendingAndAPlaceholderForPreviews() {
        RegistrationTemplate t = TemplateFiles.sample();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TemplateEncoder.encode(t, 1, new MapKeyTable(), false));
        assertTrue(e.getMessage().contains("no key for SPI 4096"), e.getMessage());
        TemplateEncoder.Encoded preview = TemplateEncoder.encode(t, 1, new MapKeyTable(), true);
        assertTrue(preview.notes().get(0).contains("zero key"), preview.notes().toString());
        assertEquals(AuthResult.Status.INVALID, mnHa(preview.bytes(), KEYS));
    }

    @Test
    void clientSpecSendsTheSameBytesAsTheEncoder() {
        RegistrationTemplate t = TemplateFiles.sample();
        NaiSpec after = F.createNaiSpec();
        t.getExtensions().add(after); // after the authenticator, on purpose
        t.setTrailingHex("0000");
        byte[] viaSpec = TemplateEncoder.spec(t, KEYS).toRequest(42).encode();
        assertArrayEquals(TemplateEncoder.encode(t, 42, KEYS, false).bytes(), viaSpec);
    }

    @Test
    void clientSpecRefusesAuthenticationOtherThanOneMnHa() {
        RegistrationTemplate t = TemplateFiles.sample();
        AuthSpec fa = F.createAuthSpec();
        fa.setKind(AuthKind.MN_FA);
        t.getExtensions().add(fa);
        assertThrows(IllegalArgumentException.class, () -> TemplateEncoder.spec(t, KEYS));
    }

    @Test
    void invalidValuesNameTheExtension() {
        RegistrationTemplate t = TemplateFiles.sample();
        ((MultipathSpec) t.getExtensions().get(0)).setBid(300);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TemplateEncoder.encode(t, 1, KEYS, false));
        assertEquals("extension 1 (Multipath BID 300): BID must be 0..255: 300", e.getMessage());
        t.setHomeAddress("10.1.0");
        assertThrows(IllegalArgumentException.class, () -> TemplateEncoder.encode(t, 1, KEYS, false));
    }

    static SelectorField field(String name, String value) {
        SelectorField f = F.createSelectorField();
        f.setName(name);
        f.setValue(value);
        return f;
    }
}
