package org.multitunnel.wire.mip;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;

import org.junit.jupiter.api.Test;
import org.multitunnel.wire.DecodeException;
import org.multitunnel.wire.Hex;
import org.multitunnel.wire.mip.ext.AuthExtension;
import org.multitunnel.wire.mip.ext.MultipathExtension;

/** Byte-level decoding of a Registration Request, with truncated and odd inputs. */
class RegistrationRequestDecodeTest {
    private static final byte[] RRQ = Hex.decode(""
            + "01" // Type 1: Registration Request
            + "82" // flags: S (0x80) and T (0x02)
            + "0708" // Lifetime 1800 s
            + "0a010005" // Home Address 10.1.0.5
            + "c0000201" // Home Agent 192.0.2.1
            + "c6336407" // Care-of Address 198.51.100.7
            + "e9a1b2c300000001" // Identification
            + "9a" // ext Type 154 (RFC 7629 Multipath, long format)
            + "01" // Sub-Type 1: Multipath
            + "0004" // Length 4
            + "04" // If-ATT 4
            + "01" // If-Label 1
            + "02" // BID 2
            + "80" // B set, O clear, reserved 0
            + "20" // ext Type 32: MN-HA authentication
            + "14" // Length 20
            + "00000100" // SPI 256
            + "00112233445566778899aabbccddeeff"); // Authenticator

    @Test
    void decodesFixedPartOfRegistrationRequest() {
        RegistrationRequest rq = (RegistrationRequest) new MipCodec().decode(RRQ);
        assertEquals(1, rq.type());
        assertEquals(0x82, rq.flags());
        assertTrue(rq.flag(RegistrationRequest.S));
        assertTrue(rq.flag(RegistrationRequest.T));
        assertFalse(rq.flag(RegistrationRequest.D));
        assertEquals(1800, rq.lifetime());
        assertEquals("10.1.0.5", rq.homeAddress());
        assertEquals("192.0.2.1", rq.homeAgent());
        assertEquals("198.51.100.7", rq.careOfAddress());
        assertEquals(0xe9a1b2c300000001L, rq.identification());
    }

    @Test
    void decodesMultipathExtensionWithBid2AndBFlag() {
        RegistrationRequest rq = (RegistrationRequest) new MipCodec().decode(RRQ);
        assertEquals(2, rq.extensions().size());
        MultipathExtension mp = assertInstanceOf(MultipathExtension.class, rq.extensions().get(0));
        assertEquals(154, mp.type());
        assertEquals(1, mp.subtype());
        assertEquals(4, mp.lengthField());
        assertEquals(4, mp.ifAtt());
        assertEquals(1, mp.ifLabel());
        assertEquals(2, mp.bid());
        assertTrue(mp.bulkReregistration());
        assertFalse(mp.overwrite());
        assertEquals(0, mp.reserved());
    }

    @Test
    void decodesMnHaAuthenticationExtension() {
        RegistrationRequest rq = (RegistrationRequest) new MipCodec().decode(RRQ);
        AuthExtension a = assertInstanceOf(AuthExtension.class, rq.extensions().get(1));
        assertEquals(32, a.type());
        assertEquals(20, a.lengthField());
        assertEquals(256, a.spi());
        assertArrayEquals(Hex.decode("00112233445566778899aabbccddeeff"), a.authenticator());
        assertArrayEquals(new int[] {24, 32}, rq.extensionOffsets());
    }

    @Test
    void reencodesRequestByteForByte() {
        assertArrayEquals(RRQ, new MipCodec().decode(RRQ).encode());
    }

    @Test
    void rejectsRequestShorterThanFixedPartAsTruncated() {
        byte[] shortRq = Hex.decode("01820708" + "0a010005" + "c0000201" + "c6336407" + "e9a1b2c3"); // 20 of 24
        DecodeException e = assertThrows(DecodeException.class, () -> new MipCodec().decode(shortRq));
        assertEquals(DecodeException.Kind.TRUNCATED, e.kind());
        assertEquals(0, e.offset());
    }

    @Test
    void reportsTruncationOffsetAbsoluteInByteBuffer() {
        byte[] framed = new byte[10 + 8];
        framed[10] = 1; // a request type at offset 10 with only 8 bytes
        DecodeException e = assertThrows(DecodeException.class,
                () -> new MipCodec().decode(ByteBuffer.wrap(framed), 10, 8));
        assertEquals(10, e.offset());
    }

    @Test
    void rejectsEmptyMessage() {
        assertThrows(DecodeException.class, () -> new MipCodec().decode(new byte[0]));
    }

    @Test
    void keepsUnknownMessageTypeWhole() {
        byte[] b = Hex.decode("6301020304");
        MipMessage m = new MipCodec().decode(b);
        assertInstanceOf(UnknownMessage.class, m);
        assertEquals(99, m.type());
        assertArrayEquals(b, m.encode());
    }

    @Test
    void rejectsRegionOutsideTheArrayAsTruncated() {
        assertThrows(DecodeException.class, () -> new MipCodec().decode(RRQ, 10, RRQ.length));
        assertThrows(DecodeException.class, () -> new MipCodec().decode(RRQ, -1, 4));
    }
}
