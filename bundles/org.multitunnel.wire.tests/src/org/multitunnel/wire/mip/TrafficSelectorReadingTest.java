package org.multitunnel.wire.mip;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.multitunnel.wire.Hex;
import org.multitunnel.wire.mip.auth.SecurityAssociation;
import org.multitunnel.wire.mip.ext.ExtensionTypes;
import org.multitunnel.wire.mip.ext.FlowBindingExtension;
import org.multitunnel.wire.mip.ext.MultipathExtension;
import org.multitunnel.wire.mip.ext.TrafficSelector;
import org.multitunnel.wire.mip.finding.MessageFinding;
import org.multitunnel.wire.mip.finding.MipChecker;
import org.multitunnel.wire.mip.finding.MessageSeverity;

/**
 * Which reading of an RFC 7629 §4.2 traffic selector wins (bare RFC 6088 flags first, or RFC 6088's own TS Format
 * and Reserved octets first), the RFC 6088 §3.2 flow label widths, and the findings on selectors that are short,
 * ambiguous or combine fields RFC 6088 forbids. The selectors are the ones independent tests found misread.
 */
class TrafficSelectorReadingTest {
    private static final SecurityAssociation SA = SecurityAssociation.hmacMd5(MipVectors.SPI, MipVectors.KEY);

    @Test
    void readsSelectorThatFitsAsBareFlagsRatherThanAsShortEmbeddedHeader() {
        TrafficSelector ts = TrafficSelector.decode(1, Hex.decode(""
                + "0158" // flags H (end source port), J (end destination port), L (end DS), M (start protocol)
                + "aca1" // end source port 44193
                + "9c6b" // end destination port 40043
                + "2f" // end DS 0x2f
                + "3d")); // start protocol 61
        assertFalse(ts.embeddedHeader(), "01 58 is not TS Format 1 + Reserved 88: that reading is 19 bytes short");
        assertEquals(0x0158, ts.flags());
        assertEquals(44193L, ts.values().get(MipFields.TS_SPORT_END));
        assertEquals(40043L, ts.values().get(MipFields.TS_DPORT_END));
        assertEquals(0x2fL, ts.values().get(MipFields.TS_DS_END));
        assertEquals(61L, ts.values().get(MipFields.TS_PROTO_START));
        assertTrue(ts.exact());
        assertFalse(ts.ambiguous());
    }

    @Test
    void sourcePortEndAndDestinationPortStartReadBackAsEncoded() {
        TrafficSelector built = TrafficSelector.builder(1).value(MipFields.TS_SPORT_END, 80)
                .value(MipFields.TS_DPORT_START, 443).build();
        assertEquals("0180" // flags H (end source port) and I (start destination port)
                + "0050" // end source port 80
                + "01bb", Hex.encode(built.encode())); // start destination port 443
        TrafficSelector back = TrafficSelector.decode(1, built.encode());
        assertEquals(built, back);
        assertEquals(80L, back.values().get(MipFields.TS_SPORT_END));
        assertEquals(443L, back.values().get(MipFields.TS_DPORT_START));
        assertFalse(back.values().containsKey(MipFields.TS_DPORT_END));
    }

    @Test
    void ipv6FlowLabelStartReadsBackAsEncodedNotAsEmbeddedHeader() {
        // The vector: flow label 257 went out as 02 00 | 00 01 01 and came back as end next header 1.
        TrafficSelector built = TrafficSelector.builder(2).value(MipFields.TS_FLOWLABEL_START, 257).build();
        assertEquals("0200" // flags G (start flow label)
                + "000101", Hex.encode(built.encode())); // start flow label 257 in a 3-octet field
        TrafficSelector ts = TrafficSelector.decode(2, built.encode());
        assertEquals(built, ts);
        assertFalse(ts.embeddedHeader());
        assertFalse(ts.wideFlowLabel());
        assertEquals(257L, ts.values().get(MipFields.TS_FLOWLABEL_START));
        // read as TS Format 2, Reserved 0, flags P (end next header) = 1 the bytes also fit: the bare reading wins
        // that tie and RFC7629-4.2-TS-AMBIGUOUS names the other
        assertTrue(ts.ambiguous());
        assertTrue(ts.alternative().embeddedHeader());
        assertEquals(1L, ts.alternative().values().get(MipFields.TS_NH_END));
        assertEquals(MessageSeverity.INFO, finding(ts, "RFC7629-4.2-TS-AMBIGUOUS").severity());
        assertFalse(rules(ts).contains("RFC6088-3.2-FLOW-LABEL-WIDTH"), "3-octet fields are the written width");
    }

    @Test
    void thirtyTwoBitFlowLabelFieldsAreReadWhenOnlyTheyAccountForTheBytes() {
        // 02 00 | 00 00 01 01: 3-octet fields leave a byte over; 32-bit fields (8 zero bits, then the label) fit
        TrafficSelector ts = TrafficSelector.decode(2, Hex.decode("0200" + "00000101"));
        assertFalse(ts.embeddedHeader());
        assertTrue(ts.wideFlowLabel());
        assertTrue(ts.exact());
        assertEquals(257L, ts.values().get(MipFields.TS_FLOWLABEL_START));
        assertEquals(MessageSeverity.INFO, finding(ts, "RFC6088-3.2-FLOW-LABEL-WIDTH").severity());
    }

    @Test
    void builderWritesThirtyTwoBitFlowLabelsOnRequestAndTheyReadBack() {
        TrafficSelector built = TrafficSelector.builder(2).wideFlowLabel(true)
                .value(MipFields.TS_FLOWLABEL_START, 257).value(MipFields.TS_FLOWLABEL_END, 300)
                .value(MipFields.TS_SPORT_START, 5001).build();
        assertEquals("0380" // flags G, H (start/end flow label), I (start source port)
                + "00000101" // start flow label 257, 32 bits
                + "0000012c" // end flow label 300
                + "1389", Hex.encode(built.encode())); // start source port 5001
        assertEquals(built, TrafficSelector.decode(2, built.encode()));
    }

    @Test
    void prefersBareReadingWhenBothReadingsFitAndSaysSo() {
        byte[] sel = Hex.decode(""
                + "0108" // bare: flags H (end source port), M (start protocol) | embedded: TS Format 1, Reserved 8
                + "0008" // bare: end source port 8 | embedded: flags M (start protocol)
                + "06"); // start protocol 6 in both readings
        TrafficSelector ts = TrafficSelector.decode(1, sel);
        assertFalse(ts.embeddedHeader());
        assertEquals(8L, ts.values().get(MipFields.TS_SPORT_END));
        assertTrue(ts.ambiguous());
        assertTrue(ts.alternative().embeddedHeader());
        assertEquals(0x0008, ts.alternative().flags());
        MessageFinding f = finding(ts, "RFC7629-4.2-TS-AMBIGUOUS");
        assertEquals(MessageSeverity.INFO, f.severity());
        assertTrue(f.message().contains("flags 0x0008"), f.message());
        assertEquals(FB_SELECTOR_AT, f.offset());
    }

    @Test
    void reportsMissingSelectorBytesAsWellAsExtraOnes() {
        TrafficSelector missing = TrafficSelector.decode(1, Hex.decode(""
                + "c000" // flags A (start source address), B (end source address): 8 bytes of fields
                + "0a000001")); // only the start source address 10.0.0.1
        assertEquals(4, missing.missingBytes());
        MessageFinding f = finding(missing, "RFC7629-4.2-TS-LENGTH");
        assertTrue(f.message().contains("4 more byte(s)") && f.message().contains("src_end"), f.message());
        assertEquals(FB_SELECTOR_AT + 6, f.offset(), "where the end source address should start");

        TrafficSelector extra = TrafficSelector.decode(1, Hex.decode(""
                + "0008" // flags M (start protocol)
                + "06" // start protocol 6
                + "eeee")); // two bytes no flag accounts for
        assertEquals(2, extra.extraBytes());
        MessageFinding g = finding(extra, "RFC7629-4.2-TS-LENGTH");
        assertTrue(g.message().startsWith("2 selector byte(s) after"), g.message());
        assertEquals(FB_SELECTOR_AT + 3, g.offset());
    }

    @Test
    void flagsEndFieldWithoutItsStartButStillEncodesIt() {
        TrafficSelector ts = TrafficSelector.builder(1).value(MipFields.TS_DPORT_END, 443).build();
        assertEquals("0040" // flags J (end destination port) without I (start destination port)
                + "01bb", Hex.encode(ts.encode()));
        assertTrue(finding(ts, "RFC6088-3.1-END-WITHOUT-START").message().contains("End Destination Port"));
        TrafficSelector v6 = TrafficSelector.decode(2, Hex.decode(""
                + "0100" // flags H (end flow label) without G
                + "000009")); // end flow label 9
        assertTrue(finding(v6, "RFC6088-3.2-END-WITHOUT-START").message().contains("End Flow Label"));
    }

    @Test
    void flagsFlowLabelWithBitsAboveTwentySet() {
        TrafficSelector ts = TrafficSelector.decode(2, Hex.decode(""
                + "0200" // flags G (start flow label)
                + "100005")); // bits above the 20-bit flow label set
        assertEquals(MessageSeverity.WARNING, finding(ts, "RFC6088-3.2-FLOW-LABEL-PREFIX").severity());
        TrafficSelector clean = TrafficSelector.decode(2, Hex.decode("0200" + "0fffff")); // largest 20-bit label
        assertFalse(rules(clean).contains("RFC6088-3.2-FLOW-LABEL-PREFIX"));
        TrafficSelector bit20 = TrafficSelector.decode(2, Hex.decode("0200" + "100000")); // 21 bits
        assertTrue(rules(bit20).contains("RFC6088-3.2-FLOW-LABEL-PREFIX"));
    }

    @Test
    void refusesToBuildSelectorThatCannotReadBackAsItself() {
        // flags A and M but only a protocol value: the wire cannot skip the start source address
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, () -> TrafficSelector
                .builder(1).flags(0x8008).value(MipFields.TS_PROTO_START, 6).build());
    }

    /** Fixed 24 + Multipath 8 + Flow Binding header 4 + Action, BID Count, BID, TS Format. */
    private static final int FB_SELECTOR_AT = 24 + 8 + 4 + 4;

    private static List<MessageFinding> check(TrafficSelector ts) {
        RegistrationRequest rq = RegistrationRequest.builder().lifetime(1800).homeAddress("10.1.0.5")
                .homeAgent("192.0.2.1").careOfAddress("198.51.100.7").identification(1)
                .extension(MultipathExtension.builder().ifAtt(4).ifLabel(1).bid(1).build())
                .extension(FlowBindingExtension.builder().action(1).bid(1).selector(ts).build())
                .authenticate(ExtensionTypes.MN_HA_AUTH, SA).build();
        return new MipChecker().check(rq.encode());
    }

    private static List<String> rules(TrafficSelector ts) {
        return check(ts).stream().map(MessageFinding::rule).toList();
    }

    private static MessageFinding finding(TrafficSelector ts, String rule) {
        List<MessageFinding> all = check(ts);
        return all.stream().filter(f -> f.rule().equals(rule)).findFirst()
                .orElseThrow(() -> new AssertionError("no " + rule + " in " + all));
    }
}
