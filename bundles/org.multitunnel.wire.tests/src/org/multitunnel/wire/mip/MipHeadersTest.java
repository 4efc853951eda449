package org.multitunnel.wire.mip;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;

import org.junit.jupiter.api.Test;

/** The allocation-free hot-path readers agree with the full decoder. */
class MipHeadersTest {
    @Test
    void readsRequestHeaderWithoutDecoding() {
        byte[] v = MipVectors.get("rrq_multipath_mnha");
        byte[] framed = new byte[v.length + 10];
        System.arraycopy(v, 0, framed, 10, v.length);
        ByteBuffer b = ByteBuffer.wrap(framed);
        assertTrue(MipHeaders.isRegistration(b, 10, v.length));
        assertEquals(1, MipHeaders.type(b, 10));
        assertEquals(0x82, MipHeaders.flags(b, 10));
        assertEquals(1800, MipHeaders.lifetime(b, 10));
        assertEquals(0x0a010005, MipHeaders.homeAddress(b, 10));
        assertEquals(0xc0000201, MipHeaders.homeAgent(b, 10));
        assertEquals(0xc6336407, MipHeaders.careOfAddress(b, 10));
        assertEquals(0xe9a1b2c300000001L, MipHeaders.identification(b, 10));
        assertEquals(1, MipHeaders.multipathBid(b, 10, v.length));
        assertEquals(10 + 32, MipHeaders.findExtension(b, 10, v.length, 32, -1));
        assertEquals(0, b.position());
    }

    @Test
    void readsReplyCodeAndIdentification() {
        byte[] v = MipVectors.get("rrp_multipath_not_allowed");
        ByteBuffer b = ByteBuffer.wrap(v);
        assertEquals(152, MipHeaders.code(b, 0));
        assertEquals(0xe9a1b2c300000001L, MipHeaders.identification(b, 0));
        assertEquals(-1, MipHeaders.multipathBid(b, 0, v.length));
    }

    @Test
    void refusesShortOrForeignMessages() {
        assertFalse(MipHeaders.isRegistration(ByteBuffer.wrap(new byte[] {1, 0, 0}), 0, 3));
        assertFalse(MipHeaders.isRegistration(ByteBuffer.wrap(new byte[0]), 0, 0));
        assertEquals(-1, MipHeaders.fixedLength(99));
        assertEquals(4, MipHeaders.tunnelNextHeader(ByteBuffer.wrap(MipVectors.get("tunnel_data_ipip")), 0));
    }
}
