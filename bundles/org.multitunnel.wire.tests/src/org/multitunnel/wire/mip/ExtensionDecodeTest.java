package org.multitunnel.wire.mip;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.multitunnel.wire.Hex;
import org.multitunnel.wire.mip.ext.DynamicHaExtension;
import org.multitunnel.wire.mip.ext.ExtensionFormat;
import org.multitunnel.wire.mip.ext.ExtensionListDecoder;
import org.multitunnel.wire.mip.ext.ExtensionRegistry;
import org.multitunnel.wire.mip.ext.FlowBindingExtension;
import org.multitunnel.wire.mip.ext.GeneralizedAuthExtension;
import org.multitunnel.wire.mip.ext.MessageStringExtension;
import org.multitunnel.wire.mip.ext.MipExtension;
import org.multitunnel.wire.mip.ext.MultiInterfaceRoutingExtension;
import org.multitunnel.wire.mip.ext.MultipleTunnelRequestExtension;
import org.multitunnel.wire.mip.ext.MultipathExtension;
import org.multitunnel.wire.mip.ext.NaiExtension;
import org.multitunnel.wire.mip.ext.RawExtension;
import org.multitunnel.wire.mip.ext.RevocationSupportExtension;
import org.multitunnel.wire.mip.ext.TrafficSelector;
import org.multitunnel.wire.mip.ext.UdpTunnelReplyExtension;
import org.multitunnel.wire.mip.ext.UdpTunnelRequestExtension;
import org.multitunnel.wire.mip.ext.VendorExtension;

/** Byte-level decoding of every extension type, including malformed, truncated and unknown ones. */
class ExtensionDecodeTest {
    private static List<MipExtension> decode(String hex) {
        byte[] b = Hex.decode(hex);
        List<MipExtension> exts = ExtensionListDecoder.decode(b, 0, b.length, ExtensionRegistry.defaults());
        // whatever was decoded, the bytes come back unchanged
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        exts.forEach(e -> out.writeBytes(e.encode()));
        assertArrayEquals(b, out.toByteArray());
        return exts;
    }

    private static MipExtension one(String hex) {
        List<MipExtension> exts = decode(hex);
        assertEquals(1, exts.size());
        return exts.get(0);
    }

    @Test
    void decodesFlowBindingWithBareIpv4Selector() {
        FlowBindingExtension fb = assertInstanceOf(FlowBindingExtension.class, one(""
                + "9a" // Type 154
                + "02" // Sub-Type 2: Flow Binding
                + "000c" // Length 12
                + "01" // Action 1
                + "02" // BID Count 2
                + "0103" // BIDs 1, 3
                + "01" // TS Format 1: IPv4 binary
                + "2008" // TS flags: C (start destination address) and M (start protocol)
                + "0a000001" // start destination address 10.0.0.1
                + "06")); // start protocol 6 (TCP)
        assertEquals(1, fb.action());
        assertEquals(2, fb.bidCount());
        assertArrayEquals(new int[] {1, 3}, fb.bids());
        assertEquals(1, fb.tsFormat());
        TrafficSelector ts = fb.selector();
        assertFalse(ts.embeddedHeader());
        assertEquals(0x2008, ts.flags());
        assertEquals("10.0.0.1", ts.values().get(MipFields.TS_DST_START));
        assertEquals(6L, ts.values().get(MipFields.TS_PROTO_START));
        assertEquals(0, ts.leftover().length);
    }

    @Test
    void decodesFlowBindingWhoseSelectorRepeatsItsFormatOctet() {
        FlowBindingExtension fb = assertInstanceOf(FlowBindingExtension.class, one(""
                + "9a02" // Type 154, Sub-Type 2
                + "000c" // Length 12
                + "05" // Action 5
                + "01" // BID Count 1
                + "07" // BID 7
                + "01" // TS Format 1
                + "01" // RFC 6088 TS Format repeated inside the selector
                + "00" // RFC 6088 Reserved
                + "2000" // flags: C only
                + "c0000209")); // start destination address 192.0.2.9
        TrafficSelector ts = fb.selector();
        assertTrue(ts.embeddedHeader());
        assertEquals(1, ts.innerFormat());
        assertEquals("192.0.2.9", ts.values().get(MipFields.TS_DST_START));
    }

    @Test
    void decodesIpv6SelectorAddress() {
        FlowBindingExtension fb = assertInstanceOf(FlowBindingExtension.class, one(""
                + "9a02" + "0016" // Type 154/2, Length 22
                + "00" + "01" + "02" // Action 0, BID Count 1, BID 2
                + "02" // TS Format 2: IPv6
                + "8000" // flags: A (start source address)
                + "20010db8000000000000000000000001")); // 2001:db8::1
        assertEquals("2001:db8::1", fb.selector().values().get(MipFields.TS_SRC_START));
    }

    @Test
    void keepsFlowBindingWithBidCountBeyondLengthAsRawWithReason() {
        RawExtension raw = assertInstanceOf(RawExtension.class, one("9a02" + "0003" // Length 3
                + "01" + "05" + "01")); // Action 1, BID Count 5 but only one byte follows
        assertNotNull(raw.reason());
        assertFalse(raw.truncated());
    }

    @Test
    void decodesMultiInterfaceRoutingAtDefaultType124() {
        MultiInterfaceRoutingExtension e = assertInstanceOf(MultiInterfaceRoutingExtension.class, one(""
                + "7c" // Type 124 (default preference)
                + "06" // Length 6
                + "00" // Sub-Type 0
                + "02" // If-Id 2
                + "a0" // F and L set, W clear
                + "03" // If-Type 3
                + "64" // Link-Weight 100 (kilobytes, W clear)
                + "00")); // Reserved-1
        assertEquals(2, e.ifId());
        assertTrue(e.flowContinuity());
        assertFalse(e.weightedMode());
        assertTrue(e.rateLimit());
        assertEquals(3, e.ifType());
        assertEquals(100, e.linkWeight());
    }

    @Test
    void followsReRegisteredMultiInterfaceRoutingType() {
        ExtensionRegistry r = ExtensionRegistry.defaults().unregister(124);
        MultiInterfaceRoutingExtension.register(r, 250);
        byte[] b = Hex.decode("fa06" + "000140030500");
        MipExtension e = ExtensionListDecoder.decode(b, 0, b.length, r).get(0);
        assertInstanceOf(MultiInterfaceRoutingExtension.class, e);
        assertEquals(250, e.type());
        assertArrayEquals(b, e.encode());
    }

    @Test
    void decodesMultipleTunnelRequestBandwidthByLength() {
        MultipleTunnelRequestExtension l6 = assertInstanceOf(MultipleTunnelRequestExtension.class,
                one("7d06" + "00" + "04" + "0007" + "4000")); // Type 125, Len 6, Sub 0, If-Type 4, BID 7, O
        assertEquals(0, l6.bandwidthSize());
        assertEquals(7, l6.bid());
        assertTrue(l6.overwrite());
        MultipleTunnelRequestExtension l8 = assertInstanceOf(MultipleTunnelRequestExtension.class,
                one("7d08" + "00" + "04" + "0007" + "0000" + "03e8")); // 16-bit If-BW 1000
        assertEquals(2, l8.bandwidthSize());
        assertEquals(1000, l8.bandwidth());
        MultipleTunnelRequestExtension l10 = assertInstanceOf(MultipleTunnelRequestExtension.class,
                one("7d0a" + "00" + "04" + "0007" + "0000" + "000186a0")); // 32-bit If-BW 100000
        assertEquals(4, l10.bandwidthSize());
        assertEquals(100000, l10.bandwidth());
    }

    @Test
    void decodesRfc3519TunnelExtensions() {
        UdpTunnelRequestExtension rq = assertInstanceOf(UdpTunnelRequestExtension.class,
                one("9006" + "00" + "00" + "80" + "2f" + "0000")); // 144, len 6, sub 0, res, F, GRE(47), res
        assertEquals(47, rq.encapsulation());
        assertEquals(0x80, rq.flags());
        UdpTunnelReplyExtension rp = assertInstanceOf(UdpTunnelReplyExtension.class,
                one("2c06" + "00" + "00" + "8000" + "001e")); // 44, len 6, sub 0, code 0, F, keepalive 30
        assertEquals(30, rp.keepalive());
        assertEquals(0, rp.replyCode());
    }

    @Test
    void decodesNaiDynamicHaMessageStringAndRevocationSupport() {
        List<MipExtension> exts = decode(""
                + "83" + "04" + "61406200" // NAI (131), Length 4, "a@b\0"
                + "8b" + "05" + "01" + "c0000209" // Dynamic HA (139), Length 5, Sub-Type 1, 192.0.2.9
                + "91" + "03" + "02" + "6869" // Message String (145), Length 3, Sub-Type 2, "hi"
                + "89" + "06" + "8000" + "0001e240"); // Revocation Support (137), I bit, timestamp 123456
        assertEquals("a@b\0", assertInstanceOf(NaiExtension.class, exts.get(0)).nai());
        assertEquals("192.0.2.9", assertInstanceOf(DynamicHaExtension.class, exts.get(1)).homeAgent());
        assertEquals("hi", assertInstanceOf(MessageStringExtension.class, exts.get(2)).text());
        RevocationSupportExtension rs = assertInstanceOf(RevocationSupportExtension.class, exts.get(3));
        assertTrue(rs.iBit());
        assertEquals(123456, rs.timestamp());
    }

    @Test
    void decodesVendorExtensionsAsTypedRaw() {
        List<MipExtension> exts = decode(""
                + "26" + "00" + "0009" + "0000159f" + "0001" + "616263" // CVSE: reserved 0, len 9, vendor 5535
                + "86" + "09" + "0000" + "00000009" + "0002" + "78"); // NVSE: len 9, reserved, vendor 9, type 2
        VendorExtension cvse = assertInstanceOf(VendorExtension.class, exts.get(0));
        assertTrue(cvse.critical());
        assertEquals(5535, cvse.vendorId());
        assertArrayEquals("abc".getBytes(), cvse.value());
        VendorExtension nvse = assertInstanceOf(VendorExtension.class, exts.get(1));
        assertFalse(nvse.critical());
        assertEquals(2, nvse.vendorType());
    }

    @Test
    void decodesGeneralizedAuthenticationInLongFormat() {
        GeneralizedAuthExtension g = assertInstanceOf(GeneralizedAuthExtension.class,
                one("24" + "01" + "0008" + "00000400" + "deadbeef")); // 36, MN-AAA, Length 8, SPI 1024
        assertEquals(1, g.subtype());
        assertEquals(1024, g.spi());
        assertEquals(ExtensionFormat.LONG, g.format());
    }

    @Test
    void keepsUnknownSkippableAndNonSkippableExtensionsRaw() {
        List<MipExtension> exts = decode("c8" + "03" + "010203" // type 200, skippable, 3 data bytes
                + "64" + "01" + "09"); // type 100, non-skippable, 1 data byte
        RawExtension a = assertInstanceOf(RawExtension.class, exts.get(0));
        assertTrue(a.skippable());
        assertNull(a.reason());
        assertArrayEquals(Hex.decode("010203"), a.data());
        RawExtension b = assertInstanceOf(RawExtension.class, exts.get(1));
        assertFalse(b.skippable());
    }

    @Test
    void keepsTruncatedLastExtensionWithItsBytes() {
        List<MipExtension> exts = decode("8302" + "6162" // NAI "ab"
                + "83" + "14" + "73686f7274"); // NAI declaring 20 bytes with 5 present
        assertInstanceOf(NaiExtension.class, exts.get(0));
        RawExtension t = assertInstanceOf(RawExtension.class, exts.get(1));
        assertTrue(t.truncated());
        assertEquals(20, t.lengthField());
        assertEquals(7, t.encodedLength());
    }

    @Test
    void keepsLoneTypeOctetAsTruncatedExtension() {
        RawExtension t = assertInstanceOf(RawExtension.class, one("9a")); // long-framed type, no header
        assertTrue(t.truncated());
        assertEquals(-1, t.lengthField());
    }

    @Test
    void keepsMultipathWithShortLengthAsRawWithReason() {
        RawExtension r = assertInstanceOf(RawExtension.class, one("9a01" + "0002" + "0401")); // Length 2
        assertNotNull(r.reason());
    }

    @Test
    void keepsMultipathTrailingBytesInsideItsLength() {
        MultipathExtension mp = assertInstanceOf(MultipathExtension.class,
                one("9a01" + "0006" + "04010100" + "aabb")); // Length 6: 4 structure + 2 trailing
        assertEquals(6, mp.lengthField());
        assertArrayEquals(Hex.decode("aabb"), mp.trailing());
    }

    @Test
    void keepsUndefinedMultipathSubtypeRaw() {
        RawExtension r = assertInstanceOf(RawExtension.class, one("9a03" + "0001" + "ff")); // 154/3
        assertEquals(3, r.subtype());
        assertNull(r.reason());
        assertFalse(r.skippable()); // RFC 7629 §7: type 154 is non-skippable despite its number
    }

    @Test
    void keepsExtensionRawWhenACustomDecoderDropsBytes() {
        ExtensionRegistry r = new ExtensionRegistry().register(200, ExtensionFormat.SHORT, "lossy",
                (h, d) -> NaiExtension.of("x")); // ignores the 3 data bytes it was given
        byte[] b = Hex.decode("c803" + "010203");
        RawExtension raw = assertInstanceOf(RawExtension.class, ExtensionListDecoder.decode(b, 0, b.length, r).get(0));
        assertNotNull(raw.reason());
        assertArrayEquals(b, raw.encode());
    }
}
