package org.multitunnel.wire.mip;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.multitunnel.wire.DecodeException;
import org.multitunnel.wire.Hex;
import org.multitunnel.wire.mip.ext.AuthExtension;

/** Byte-level decoding of replies, RFC 3543 revocation messages and RFC 3519 tunnel data. */
class OtherMessagesDecodeTest {
    @Test
    void decodesRegistrationReplyFields() {
        byte[] b = Hex.decode(""
                + "03" // Type 3: Registration Reply
                + "99" // Code 153: INVALID_FB_IDENTIFIER
                + "0000" // Lifetime 0
                + "0a010005" // Home Address 10.1.0.5
                + "c0000201" // Home Agent 192.0.2.1
                + "0000000100000002"); // Identification
        RegistrationReply rp = assertInstanceOf(RegistrationReply.class, new MipCodec().decode(b));
        assertEquals(153, rp.code());
        assertFalse(rp.accepted());
        assertEquals(0, rp.lifetime());
        assertEquals("10.1.0.5", rp.homeAddress());
        assertEquals("192.0.2.1", rp.homeAgent());
        assertEquals(0x0000000100000002L, rp.identification());
        assertEquals(List.of(), rp.extensions());
        assertArrayEquals(b, rp.encode());
    }

    @Test
    void rejectsReplyOneByteShort() {
        byte[] b = Hex.decode("03000000" + "0a010005" + "c0000201" + "00000001000000"); // 19 of 20 bytes
        DecodeException e = assertThrows(DecodeException.class, () -> new MipCodec().decode(b));
        assertEquals(DecodeException.Kind.TRUNCATED, e.kind());
    }

    @Test
    void decodesRfc3543Revocation() {
        byte[] b = Hex.decode(""
                + "07" // Type 7: Registration Revocation
                + "00" // Reserved
                + "c000" // A (sent by HA) and I (inform MN)
                + "0a010005" // Home Address
                + "c0000201" // Home Domain Address
                + "c6336401" // Foreign Domain Address
                + "0000002a" // Revocation Identifier 42
                + "2214" + "00000300" + "00000000000000000000000000000000"); // FA-HA auth, SPI 0x300
        Revocation r = assertInstanceOf(Revocation.class, new MipCodec().decode(b));
        assertTrue(r.sentByHomeAgent());
        assertTrue(r.inform());
        assertEquals("10.1.0.5", r.homeAddress());
        assertEquals("192.0.2.1", r.homeDomainAddress());
        assertEquals("198.51.100.1", r.foreignDomainAddress());
        assertEquals(42, r.revocationId());
        assertEquals(0x300, assertInstanceOf(AuthExtension.class, r.extensions().get(0)).spi());
        assertArrayEquals(b, r.encode());
    }

    @Test
    void decodesRfc3543RevocationAck() {
        byte[] b = Hex.decode("0f" // Type 15
                + "00" // Reserved
                + "8000" // I
                + "0a010005" // Home Address
                + "0000002a"); // Revocation Identifier 42
        RevocationAck a = assertInstanceOf(RevocationAck.class, new MipCodec().decode(b));
        assertTrue(a.inform());
        assertEquals(42, a.revocationId());
        assertArrayEquals(b, a.encode());
    }

    @Test
    void decodesRfc3519TunnelDataHeaderAndKeepsPayload() {
        byte[] b = Hex.decode("04" // Type 4: tunnel data
                + "2f" // Next Header 47: GRE
                + "0000" // Reserved
                + "00000800" + "4500"); // payload (first bytes of a GRE packet)
        TunnelData t = assertInstanceOf(TunnelData.class, new MipCodec().decode(b));
        assertEquals(47, t.nextHeader());
        assertArrayEquals(Hex.decode("000008004500"), t.payload());
        assertArrayEquals(b, t.encode());
        assertThrows(DecodeException.class, () -> new MipCodec().decode(Hex.decode("0404")));
    }

    @Test
    void decodesFromByteBufferRegionWithoutMovingIt() {
        byte[] v = MipVectors.get("rrq_multipath_mnha");
        ByteBuffer buf = ByteBuffer.allocate(v.length + 8);
        buf.position(3);
        buf.put(5, v);
        MipMessage m = new MipCodec().decode(buf, 5, v.length);
        assertEquals(3, buf.position());
        assertArrayEquals(v, m.encode());
    }

    @Test
    void buildsRevocationAndAckThatRoundTrip() {
        Revocation r = new Revocation(0, Revocation.A_FLAG, "10.1.0.5", "192.0.2.1", "198.51.100.1", 42, List.of());
        assertArrayEquals(r.encode(), new MipCodec().decode(r.encode()).encode());
        assertEquals(Revocation.FIXED_LENGTH, r.encode().length);
        RevocationAck a = new RevocationAck(0, RevocationAck.I_FLAG, "10.1.0.5", 42, List.of());
        assertArrayEquals(Hex.decode("0f008000" + "0a010005" + "0000002a"), a.encode());
    }
}
