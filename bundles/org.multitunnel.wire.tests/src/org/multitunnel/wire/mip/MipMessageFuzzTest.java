package org.multitunnel.wire.mip;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.multitunnel.wire.DecodeException;
import org.multitunnel.wire.DissectContext;
import org.multitunnel.wire.DissectorRegistry;
import org.multitunnel.wire.Field;
import org.multitunnel.wire.Hex;
import org.multitunnel.wire.mip.finding.MipChecker;

/**
 * Seeded mutations of the crafted vectors: whatever the bytes, decoding throws nothing but DecodeException, a
 * successful decode re-encodes byte for byte, and the field tree, checker, authenticator and hot-path helpers
 * never throw.
 */
class MipMessageFuzzTest {
    private static final int ITERATIONS = 40_000;

    private static byte[] mutate(Random r, byte[] seed) {
        byte[] b = seed.clone();
        int op = r.nextInt(6);
        if (op == 0) { // flip random bits
            for (int i = 0, n = 1 + r.nextInt(4); i < n && b.length > 0; i++) {
                b[r.nextInt(b.length)] ^= (byte) (1 << r.nextInt(8));
            }
        } else if (op == 1) { // random byte values, biased to length fields
            for (int i = 0, n = 1 + r.nextInt(3); i < n && b.length > 0; i++) {
                b[r.nextInt(b.length)] = (byte) (r.nextBoolean() ? r.nextInt(256) : r.nextInt(12));
            }
        } else if (op == 2) { // truncate
            b = Arrays.copyOf(b, r.nextInt(b.length + 1));
        } else if (op == 3) { // extend with random bytes
            int n = 1 + r.nextInt(40);
            b = Arrays.copyOf(b, b.length + n);
            for (int i = b.length - n; i < b.length; i++) {
                b[i] = (byte) r.nextInt(256);
            }
        } else if (op == 4) { // splice two vectors
            b = Arrays.copyOf(b, Math.min(b.length, 24 + r.nextInt(20)));
        } else { // pure random message with a plausible type
            b = new byte[r.nextInt(80)];
            r.nextBytes(b);
            if (b.length > 0) {
                b[0] = (byte) new int[] {1, 3, 4, 7, 15}[r.nextInt(5)];
            }
        }
        return b;
    }

    @Test
    void mutatedMessagesOnlyFailWithDecodeExceptionAndRoundTripWhenDecoded() {
        List<byte[]> seeds = new ArrayList<>(MipVectors.all().values());
        Random r = new Random(0x5eed_434L);
        MipCodec codec = new MipCodec();
        MipChecker checker = new MipChecker();
        org.multitunnel.wire.mip.auth.MapKeyTable keys = new org.multitunnel.wire.mip.auth.MapKeyTable()
                .add(org.multitunnel.wire.mip.auth.SecurityAssociation.hmacMd5(MipVectors.SPI, MipVectors.KEY));
        DissectorRegistry reg = new DissectorRegistry();
        MipDissectors.register(reg, 434);
        int decoded = 0;
        for (int i = 0; i < ITERATIONS; i++) {
            byte[] b = mutate(r, seeds.get(r.nextInt(seeds.size())));
            try {
                MipMessage m = codec.decode(b);
                decoded++;
                assertArrayEquals(b, m.encode(), () -> "round trip of " + Hex.encode(b));
                Field tree = MipDissector.tree(m, 0);
                assertEquals(b.length, tree.length());
                checker.check(m, 0);
                org.multitunnel.wire.mip.auth.MipAuthenticator.verify(b, m, keys, "10.1.0.5");
                MipHeaders.multipathBid(ByteBuffer.wrap(b), 0, b.length);
            } catch (DecodeException expected) {
                // the codec's one typed error
            } catch (RuntimeException | Error e) {
                fail("input " + Hex.encode(b) + " threw " + e, e);
            }
            DissectContext ctx = new DissectContext(reg);
            ctx.next(DissectorRegistry.UDP_PORT, 434, ByteBuffer.wrap(b), 0, b.length);
        }
        // most mutations must still decode, or the test would only exercise the error path
        assertEquals(true, decoded > ITERATIONS / 2, "only " + decoded + " of " + ITERATIONS + " decoded");
    }
}
