package org.multitunnel.wire.mip;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.multitunnel.wire.Hex;

/** Decode then encode reproduces every crafted vector exactly. */
class RoundTripTest {
    @Test
    void everyCraftedVectorReencodesByteForByte() {
        Map<String, byte[]> all = MipVectors.all();
        assertTrue(all.size() >= 20, "expected the crafted vector set, found " + all.size());
        MipCodec codec = new MipCodec();
        for (Map.Entry<String, byte[]> e : all.entrySet()) {
            MipMessage m = codec.decode(e.getValue());
            assertEquals(Hex.encode(e.getValue()), Hex.encode(m.encode()), e.getKey());
            assertEquals(e.getValue().length, m.encodedLength(), e.getKey());
        }
    }

    @Test
    void rebuildingEachDecodedRequestThroughItsBuilderIsByteExact() {
        MipCodec codec = new MipCodec();
        for (Map.Entry<String, byte[]> e : MipVectors.all().entrySet()) {
            MipMessage m = codec.decode(e.getValue());
            if (m instanceof RegistrationRequest rq) {
                assertArrayEquals(e.getValue(), rq.toBuilder().build().encode(), e.getKey());
            } else if (m instanceof RegistrationReply rp) {
                assertArrayEquals(e.getValue(), rp.toBuilder().build().encode(), e.getKey());
            }
        }
    }

    @Test
    void emptyRegistryStillRoundTripsEverythingAsRaw() {
        MipCodec raw = new MipCodec(new org.multitunnel.wire.mip.ext.ExtensionRegistry());
        for (Map.Entry<String, byte[]> e : MipVectors.all().entrySet()) {
            assertArrayEquals(e.getValue(), raw.decode(e.getValue()).encode(), e.getKey());
        }
    }
}
