package org.multitunnel.wire.mip;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.multitunnel.wire.DissectContext;
import org.multitunnel.wire.DissectorRegistry;
import org.multitunnel.wire.Field;
import org.multitunnel.wire.Hex;

/** The field tree: Wireshark names, values, absolute offsets, tunnel hand-off, malformed input. */
class MipDissectorTest {
    private static Field dissectAt(byte[] payload, int pad) {
        byte[] framed = new byte[pad + payload.length];
        System.arraycopy(payload, 0, framed, pad, payload.length);
        DissectorRegistry reg = new DissectorRegistry();
        MipDissectors.register(reg, 434);
        DissectContext ctx = new DissectContext(reg);
        assertTrue(ctx.next(DissectorRegistry.UDP_PORT, 434, ByteBuffer.wrap(framed), pad, payload.length));
        return ctx.layers().get(0);
    }

    @Test
    void emitsWiresharkNamedFieldsWithAbsoluteOffsets() {
        Field mip = dissectAt(MipVectors.get("rrq_multipath_mnha"), 42);
        assertEquals("mip", mip.name());
        assertEquals(42, mip.offset());
        assertEquals(1L, mip.find("mip.type").value());
        assertEquals(0x82L, mip.find("mip.flags").value());
        assertEquals(1L, mip.find("mip.s").value());
        assertEquals(1L, mip.find("mip.t").value());
        assertEquals(0L, mip.find("mip.v").value());
        assertEquals(1800L, mip.find("mip.life").value());
        Field hoa = mip.find("mip.homeaddr");
        assertEquals("10.1.0.5", hoa.value());
        assertEquals(42 + 4, hoa.offset());
        assertEquals(4, hoa.length());
        assertEquals("192.0.2.1", mip.find("mip.haaddr").value());
        assertEquals("198.51.100.7", mip.find("mip.coa").value());
        assertEquals(42 + 16, mip.find("mip.ident").offset());
        List<Field> types = mip.findAll("mip.ext.type");
        assertEquals(List.of(154L, 32L), types.stream().map(Field::value).toList());
        assertEquals(42 + 24, types.get(0).offset());
        Field len = mip.findAll("mip.ext.len").get(0);
        assertEquals(4L, len.value());
        assertEquals(42 + 26, len.offset());
        assertEquals(2, len.length());
        Field bid = mip.find("mip.ext.mp.bid");
        assertEquals(1L, bid.value());
        assertEquals(42 + 30, bid.offset());
        assertEquals(256L, mip.find("mip.auth.spi").value());
        assertEquals(42 + 34, mip.find("mip.auth.spi").offset());
        assertEquals(16, ((byte[]) mip.find("mip.auth.auth").value()).length);
    }

    @Test
    void emitsFlowBindingAndSelectorFields() {
        Field mip = dissectAt(MipVectors.get("rrq_fb_ipv4_embedded"), 0);
        assertEquals(1L, mip.find("mip.ext.fb.action").value());
        assertEquals(1L, mip.find("mip.ext.fb.bidcount").value());
        assertEquals(List.of(1L), mip.findAll("mip.ext.fb.bids").stream().map(Field::value).toList());
        assertEquals(1L, mip.find("mip.ext.fb.tsformat").value());
        assertEquals(1L, mip.find("mip.ext.fb.ts.embedded").value());
        assertEquals("10.0.0.1", mip.find("mip.ext.fb.ts.dst_start").value());
        assertEquals(6L, mip.find("mip.ext.fb.ts.proto_start").value());
    }

    @Test
    void namesReplyCodesIncludingRfc7629() {
        Field mip = dissectAt(MipVectors.get("rrp_multipath_not_allowed"), 0);
        Field code = mip.find("mip.code");
        assertEquals(152L, code.value());
        assertTrue(code.display().contains("Multipath support not allowed"), code.display());
    }

    @Test
    void tunnelDataHandsPayloadToIpProtoTable() {
        byte[] msg = MipVectors.get("tunnel_data_ipip");
        DissectorRegistry reg = new DissectorRegistry();
        MipDissectors.register(reg, 434);
        int[] seen = new int[3];
        reg.register(DissectorRegistry.IP_PROTO, 4, (ctx, buf, off, len) -> {
            seen[0] = 1;
            seen[1] = off;
            seen[2] = len;
            return Field.leaf("inner", "inner", null, off, len);
        });
        DissectContext ctx = new DissectContext(reg);
        ctx.next(DissectorRegistry.UDP_PORT, 434, ByteBuffer.wrap(msg), 0, msg.length);
        assertEquals(1, seen[0]);
        assertEquals(4, seen[1]);
        assertEquals(msg.length - 4, seen[2]);
        assertEquals(List.of("mip", "inner"), ctx.layers().stream().map(Field::name).toList());
        Field mip = ctx.layers().get(0);
        assertEquals(4L, mip.find("mip.nattt.nexthdr").value());
        assertEquals(4, mip.length());
    }

    @Test
    void truncatedRequestKeepsItsFieldsAndIsMarkedMalformedAtTheCut() {
        DissectorRegistry reg = new DissectorRegistry();
        MipDissectors.register(reg, 434);
        DissectContext ctx = new DissectContext(reg);
        byte[] b = Hex.decode("01" // Type 1: Registration Request
                + "82" // flags S, T
                + "0708" // Lifetime 1800
                + "00"); // first byte of the Home Address; the message ends here (24 bytes needed)
        ctx.next(DissectorRegistry.UDP_PORT, 434, ByteBuffer.wrap(b), 0, b.length);
        Field mip = ctx.layers().get(0);
        assertEquals("mip", mip.name());
        assertEquals(1L, mip.find("mip.type").value());
        assertEquals(1800L, mip.find("mip.life").value());
        assertNull(mip.find("mip.homeaddr"), "the Home Address is cut short, so it is not shown");
        assertEquals(4L, mip.find("_ws.malformed.offset").value());
        assertEquals(1, ctx.errors().size());
    }

    @Test
    void rawExtensionKeepsItsDataAsField() {
        Field mip = dissectAt(MipVectors.get("rrq_unknown_extensions"), 0);
        Field data = mip.find("mip.extension");
        assertNotNull(data);
        assertArrayEquals(Hex.decode("010203"), (byte[]) data.value());
        assertEquals(24 + 2, data.offset());
    }
}
