package org.multitunnel.wire.mip;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.multitunnel.wire.Hex;
import org.multitunnel.wire.mip.auth.SecurityAssociation;
import org.multitunnel.wire.mip.ext.ExtensionTypes;
import org.multitunnel.wire.mip.ext.FlowBindingExtension;
import org.multitunnel.wire.mip.ext.MipExtension;
import org.multitunnel.wire.mip.ext.MultiInterfaceRoutingExtension;
import org.multitunnel.wire.mip.ext.MultipleTunnelRequestExtension;
import org.multitunnel.wire.mip.ext.MultipathExtension;
import org.multitunnel.wire.mip.ext.RawExtension;
import org.multitunnel.wire.mip.ext.ExtensionFormat;
import org.multitunnel.wire.mip.ext.TrafficSelector;
import org.multitunnel.wire.mip.finding.MessageFinding;
import org.multitunnel.wire.mip.finding.MipChecker;
import org.multitunnel.wire.mip.finding.MessageSeverity;

/** Each message-level conformance rule fires on the violation it describes, at the right offset. */
class FindingsTest {
    private static final SecurityAssociation SA = SecurityAssociation.hmacMd5(MipVectors.SPI, MipVectors.KEY);
    private final MipChecker checker = new MipChecker();

    private static RegistrationRequest.Builder rq() {
        return RegistrationRequest.builder().lifetime(1800).homeAddress("10.1.0.5").homeAgent("192.0.2.1")
                .careOfAddress("198.51.100.7").identification(1);
    }

    private static MultipathExtension.Builder mp() {
        return MultipathExtension.builder().ifAtt(4).ifLabel(1).bid(1);
    }

    private List<String> rules(MipMessage m) {
        // check the bytes, as the analyzer does, so findings reflect what is on the wire
        return checker.check(m.encode()).stream().map(MessageFinding::rule).collect(Collectors.toList());
    }

    private List<String> rules(MipExtension... exts) {
        RegistrationRequest.Builder b = rq();
        for (MipExtension e : exts) {
            b.extension(e);
        }
        return rules(b.authenticate(ExtensionTypes.MN_HA_AUTH, SA).build());
    }

    @Test
    void cleanMultipathRequestHasNoFindings() {
        assertEquals(List.of(), rules(mp().build(), FlowBindingExtension.builder().action(1).bid(1)
                .selector(TrafficSelector.builder(1).address(MipFields.TS_DST_START, "10.0.0.1").build()).build()));
        assertEquals(List.of(), rules(new MipCodec().decode(MipVectors.get("rrp_accepted"))));
    }

    @Test
    void flagsBAndOBothSet() {
        assertTrue(rules(mp().bulkReregistration(true).overwrite(true).build()).contains("RFC7629-4.1-B-AND-O"));
    }

    @Test
    void flagsOverwriteInDeregistration() {
        RegistrationRequest m = rq().lifetime(0).extension(mp().overwrite(true).build())
                .authenticate(ExtensionTypes.MN_HA_AUTH, SA).build();
        assertTrue(rules(m).contains("RFC7629-4.1-O-IN-DEREG"));
        assertTrue(checker.check(MipVectors.get("rrq_b_and_o_dereg")).stream().map(MessageFinding::rule).toList()
                .containsAll(List.of("RFC7629-4.1-O-IN-DEREG", "RFC7629-4.1-B-AND-O")));
    }

    @Test
    void flagsSecondMultipathExtension() {
        List<String> r = rules(mp().build(), mp().bid(2).build());
        assertEquals(1, r.stream().filter("RFC7629-4.1-MULTIPLE"::equals).count());
    }

    @Test
    void flagsMultipathAndFlowBindingAfterMnHaAuthenticator() {
        RegistrationRequest m = rq().authenticate(ExtensionTypes.MN_HA_AUTH, SA).extension(mp().build())
                .extension(FlowBindingExtension.builder().action(1).bid(1).selector(TrafficSelector.builder(1)
                        .value(MipFields.TS_PROTO_START, 17).build()).build())
                .build();
        List<String> r = rules(m);
        assertTrue(r.contains("RFC7629-4.1-AFTER-AUTH"), r.toString());
        assertTrue(r.contains("RFC7629-4.2-AFTER-AUTH"), r.toString());
    }

    @Test
    void flagsReservedBidsAndZeroIfLabel() {
        assertTrue(rules(mp().bid(0).build()).contains("RFC7629-4.1-BID-RESERVED"));
        assertTrue(rules(mp().bid(255).build()).contains("RFC7629-4.1-BID-RESERVED"));
        assertTrue(rules(mp().ifLabel(0).build()).contains("RFC7629-4.1-IFLABEL-ZERO"));
        assertTrue(rules(mp().flags(0x01).build()).contains("RFC7629-4.1-RESERVED"));
    }

    @Test
    void flagsMultipathLengthOtherThanFour() {
        assertTrue(rules(mp().declaredLength(6).trailing(Hex.decode("0000")).build()).contains("RFC7629-4.1-LENGTH"));
        assertTrue(checker.check(MipVectors.get("rrq_multipath_length2")).stream()
                .anyMatch(f -> f.rule().equals("RFC5944-1.11-EXT-LENGTH")));
    }

    @Test
    void flagsMultipathInReply() {
        RegistrationReply rp = RegistrationReply.builder().code(0).extension(mp().build())
                .authenticate(ExtensionTypes.MN_HA_AUTH, SA).build();
        assertTrue(rules(rp).contains("RFC7629-4.1-IN-REPLY"));
    }

    @Test
    void flagsBidCountZeroAndAboveEight() {
        TrafficSelector ts = TrafficSelector.builder(1).value(MipFields.TS_PROTO_START, 6).build();
        assertTrue(rules(mp().build(), FlowBindingExtension.builder().action(1).selector(ts).build())
                .contains("RFC7629-4.2-BID-COUNT"));
        assertTrue(rules(mp().build(), FlowBindingExtension.builder().action(1).bids(1, 2, 3, 4, 5, 6, 7, 8, 9)
                .selector(ts).build()).contains("RFC7629-4.2-BID-COUNT"));
        assertTrue(rules(mp().build(), FlowBindingExtension.builder().action(1).bids(0).selector(ts).build())
                .contains("RFC7629-4.2-BID-RESERVED"));
    }

    @Test
    void flagsReservedAndUnknownTsFormat() {
        TrafficSelector ts = TrafficSelector.builder(1).value(MipFields.TS_PROTO_START, 6).build();
        assertTrue(rules(mp().build(), FlowBindingExtension.builder().action(1).bid(1).selector(ts).tsFormat(0)
                .build()).contains("RFC7629-4.2-TS-FORMAT-RESERVED"));
        assertTrue(checker.check(MipVectors.get("rrq_fb_opaque_format9")).stream()
                .anyMatch(f -> f.rule().equals("RFC7629-4.2-TS-FORMAT-UNKNOWN")));
    }

    @Test
    void reportsWhichSelectorFormWasSeen() {
        List<MessageFinding> f = checker.check(MipVectors.get("rrq_fb_ipv4_embedded"));
        MessageFinding info = f.stream().filter(x -> x.rule().equals("RFC7629-4.2-TS-EMBEDDED-HEADER")).findFirst()
                .orElseThrow();
        assertEquals(MessageSeverity.INFO, info.severity());
        assertEquals(24 + 8 + 8, info.offset()); // fixed 24, Multipath 8, FB header 4, Action, Count, BID, TS Format
        assertFalse(checker.check(MipVectors.get("rrq_fb_ipv4_bare")).stream()
                .anyMatch(x -> x.rule().equals("RFC7629-4.2-TS-EMBEDDED-HEADER")));
        TrafficSelector mismatched = TrafficSelector.builder(1).embeddedHeader(2, 0)
                .value(MipFields.TS_PROTO_START, 6).build();
        assertTrue(rules(mp().build(), FlowBindingExtension.builder().action(1).bid(1).selector(mismatched).build())
                .contains("RFC7629-4.2-TS-FORMAT-MISMATCH"));
    }

    @Test
    void flagsSelectorBytesNotExplainedByFlags() {
        TrafficSelector ts = TrafficSelector.builder(1).value(MipFields.TS_PROTO_START, 6)
                .leftover(Hex.decode("ee")).build();
        assertTrue(rules(mp().build(), FlowBindingExtension.builder().action(1).bid(1).selector(ts).build())
                .contains("RFC7629-4.2-TS-LENGTH"));
        TrafficSelector res = TrafficSelector.builder(1).flags(0x0009).value(MipFields.TS_PROTO_START, 6).build();
        assertTrue(rules(mp().build(), FlowBindingExtension.builder().action(1).bid(1).selector(res).build())
                .contains("RFC6088-3.1-RESERVED-FLAGS"));
    }

    @Test
    void flagsTruncatedAndUnknownExtensions() {
        assertTrue(checker.check(MipVectors.get("rrq_truncated_extension")).stream()
                .anyMatch(f -> f.rule().equals("RFC5944-1.11-EXT-TRUNCATED")));
        List<String> r = checker.check(MipVectors.get("rrq_unknown_extensions")).stream().map(MessageFinding::rule).toList();
        assertTrue(r.contains("RFC5944-1.11-UNKNOWN-NONSKIPPABLE"));
        assertTrue(r.contains("RFC5944-1.11-UNKNOWN-SKIPPABLE"));
        assertTrue(rules(RawExtension.of(154, ExtensionFormat.LONG, 3, new byte[1]))
                .contains("RFC7629-4.1-UNKNOWN-SUBTYPE"));
    }

    @Test
    void flagsReservedRequestBitsMissingAuthAndSpi() {
        RegistrationRequest m = rq().flags(RegistrationRequest.R | RegistrationRequest.X).build();
        List<String> r = rules(m);
        assertTrue(r.containsAll(List.of("RFC5944-3.3-RESERVED-R", "RFC5944-3.3-RESERVED-X",
                "RFC5944-3.2-AUTH-REQUIRED")), r.toString());
        RegistrationRequest lowSpi = rq().authenticate(ExtensionTypes.MN_HA_AUTH,
                SecurityAssociation.hmacMd5(7, MipVectors.KEY)).build();
        assertTrue(rules(lowSpi).contains("RFC5944-3.5.1-SPI-RESERVED"));
    }

    @Test
    void exemptsForeignAgentDenialFromMnHaRequirement() {
        assertFalse(rules(RegistrationReply.builder().code(65).build()).contains("RFC5944-3.2-AUTH-REQUIRED"));
        assertTrue(rules(RegistrationReply.builder().code(129).build()).contains("RFC5944-3.2-AUTH-REQUIRED"));
        assertTrue(rules(RegistrationReply.builder().code(99 + 100).build()).contains("RFC5944-3.4-UNKNOWN-CODE"));
    }

    @Test
    void flagsTruncatedFixedPart() {
        List<MessageFinding> f = checker.check(Hex.decode("0300"));
        assertEquals("RFC5944-3.3-TRUNCATED", f.get(0).rule());
    }

    @Test
    void flagsMultiInterfaceRoutingRules() {
        MultiInterfaceRoutingExtension bad = MultiInterfaceRoutingExtension.builder().subtype(1).weightedMode(true)
                .rateLimit(true).reserved1(1).declaredLength(7).trailing(Hex.decode("00")).build();
        List<String> r = rules(bad);
        assertTrue(r.containsAll(List.of("MIR-4.1-SUBTYPE", "MIR-4.1-L-WITH-W", "MIR-4.1-RESERVED",
                "MIR-4.1-LENGTH")), r.toString());
        RegistrationReply rp = RegistrationReply.builder().extension(MultiInterfaceRoutingExtension.builder().build())
                .build();
        List<String> rr = rules(rp);
        assertTrue(rr.containsAll(List.of("MIR-4.1-IN-REPLY", "MIR-10-UNAUTHENTICATED")), rr.toString());
        RegistrationRequest after = rq().authenticate(ExtensionTypes.MN_HA_AUTH, SA)
                .extension(MultiInterfaceRoutingExtension.builder().build()).build();
        assertTrue(rules(after).contains("MIR-4.1-AFTER-AUTH"));
        assertEquals(List.of(), checker.check(MipVectors.get("rrq_mir")).stream().map(MessageFinding::rule).toList());
    }

    @Test
    void flagsMultipleTunnelRequestRulesAndItsLengthInconsistency() {
        List<String> l6 = checker.check(MipVectors.get("rrq_mtr_len6")).stream().map(MessageFinding::rule).toList();
        assertEquals(List.of("MTS02-4.1-LENGTH-SPEC-INCONSISTENT"), l6);
        List<String> l10 = checker.check(MipVectors.get("rrq_mtr_len10")).stream().map(MessageFinding::rule).toList();
        assertEquals(List.of("MTS02-4.1-LENGTH"), l10);
        MultipleTunnelRequestExtension bad = MultipleTunnelRequestExtension.builder().subtype(2)
                .bulkReregistration(true).overwrite(true).flags(0xc001).build();
        List<String> r = rules(bad, bad);
        assertTrue(r.containsAll(List.of("MTS02-4.1-SUBTYPE", "MTS02-4.1-B-AND-O", "MTS02-4.1-RESERVED",
                "MTS02-4.1-MULTIPLE")), r.toString());
        RegistrationRequest dereg = rq().lifetime(0).extension(MultipleTunnelRequestExtension.builder()
                .overwrite(true).build()).authenticate(ExtensionTypes.MN_HA_AUTH, SA).build();
        assertTrue(rules(dereg).contains("MTS02-4.1-O-IN-DEREG"));
        RegistrationReply rp = RegistrationReply.builder().extension(MultipleTunnelRequestExtension.builder().build())
                .authenticate(ExtensionTypes.MN_HA_AUTH, SA).build();
        assertTrue(rules(rp).contains("MTS02-4.1-IN-REPLY"));
        RegistrationRequest after = rq().authenticate(ExtensionTypes.MN_HA_AUTH, SA)
                .extension(MultipleTunnelRequestExtension.builder().build()).build();
        assertTrue(rules(after).contains("MTS02-4.1-AFTER-AUTH"));
    }

    @Test
    void findingOffsetsPointAtTheOffendingField() {
        RegistrationRequest m = rq().extension(mp().bid(0).build()).authenticate(ExtensionTypes.MN_HA_AUTH, SA)
                .build();
        MessageFinding f = checker.check(m, 100).stream().filter(x -> x.rule().equals("RFC7629-4.1-BID-RESERVED"))
                .findFirst().orElseThrow();
        assertEquals(100 + 24 + 6, f.offset()); // base 100, fixed part 24, BID is byte 6 of the extension
        assertEquals(MessageSeverity.ERROR, f.severity());
    }
}
