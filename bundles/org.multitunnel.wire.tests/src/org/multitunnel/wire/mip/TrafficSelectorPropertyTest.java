package org.multitunnel.wire.mip;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;
import org.multitunnel.wire.mip.ext.TrafficSelector;
import org.multitunnel.wire.mip.ext.TsLayout;

/**
 * The selector codec agrees with itself over the whole space the encoder can produce: every one of the 65,536
 * flag words of each format (reserved IPv4 bits and ends without starts included), each with random values of
 * every field width, must read back equal to the selector built ({@code decode(encode(s)).equals(s)}), and the
 * bytes must re-encode unchanged. Forms the wire cannot always tell apart (RFC 6088's own TS Format/Reserved
 * octets first, a missing tail of fields, trailing bytes) must read back as themselves or, when their bytes
 * account exactly for the other reading, as that reading with themselves as {@code alternative()}; IPv6 selectors
 * built with 32-bit flow label fields read back equal too. Seeded, so a
 * failure names a reproducible selector; about 200,000 selectors in all, a second or two.
 */
class TrafficSelectorPropertyTest {
    private static final long SEED = 0x6088_7629L;

    @Test
    void everyBareSelectorOfEveryFlagWordReadsBackEqual() {
        Random rnd = new Random(SEED);
        Set<Integer> widths = new TreeSet<>();
        int checked = 0;
        for (int format : List.of(TrafficSelector.FORMAT_IPV4, TrafficSelector.FORMAT_IPV6)) {
            for (int flags = 0; flags <= 0xffff; flags++) {
                TrafficSelector.Builder b = TrafficSelector.builder(format).flags(flags);
                for (TsLayout.Item item : TsLayout.forFormat(format)) {
                    if ((flags & item.mask()) != 0) {
                        b.raw(item.field(), random(rnd, item.size()));
                        widths.add(item.size());
                    }
                }
                TrafficSelector s = b.build();
                byte[] wire = s.encode();
                TrafficSelector back = TrafficSelector.decode(format, wire);
                assertEquals(s, back, () -> "format " + format + " bytes " + org.multitunnel.wire.Hex.encode(wire));
                assertTrue(back.exact());
                assertArrayEquals(wire, back.encode());
                checked++;
            }
        }
        assertEquals(2 * 65536, checked);
        assertEquals(Set.of(1, 2, 3, 4, 16), widths, "every field width of RFC 6088 §3.1/§3.2 was exercised");
    }

    @Test
    void embeddedShortAndPaddedSelectorsReadBackAsThemselvesOrAsTheirAlternative() {
        Random rnd = new Random(SEED + 1);
        int same = 0;
        int viaAlternative = 0;
        int viaWideLabel = 0;
        for (int n = 0; n < 70_000; n++) {
            int format = rnd.nextBoolean() ? TrafficSelector.FORMAT_IPV4 : TrafficSelector.FORMAT_IPV6;
            int flags = rnd.nextInt(0x10000);
            List<TsLayout.Item> flagged = TsLayout.forFormat(format).stream()
                    .filter(i -> (flags & i.mask()) != 0).toList();
            TrafficSelector.Builder b = TrafficSelector.builder(format).flags(flags);
            int variant = n % 3;
            // 0: embedded header; 1: a tail of flagged fields left out (part of the next one present); 2: trailing
            int given = variant == 1 && !flagged.isEmpty() ? rnd.nextInt(flagged.size()) : flagged.size();
            for (int i = 0; i < given; i++) {
                b.raw(flagged.get(i).field(), random(rnd, flagged.get(i).size()));
            }
            if (variant == 0) {
                b.embeddedHeader(rnd.nextInt(4) == 0 ? 3 - format : format, rnd.nextInt(4) == 0 ? rnd.nextInt(256) : 0);
            } else if (variant == 1 && given < flagged.size()) {
                b.leftover(random(rnd, rnd.nextInt(flagged.get(given).size())));
            } else if (variant == 2) {
                b.leftover(random(rnd, 1 + rnd.nextInt(20)));
            }
            TrafficSelector s = b.build();
            byte[] wire = s.encode();
            TrafficSelector back = TrafficSelector.decode(format, wire);
            String at = "format " + format + " bytes " + org.multitunnel.wire.Hex.encode(wire);
            assertArrayEquals(wire, back.encode(), at);
            if (back.equals(s)) {
                same++;
            } else if (s.equals(back.alternative())) {
                assertTrue(back.exact(), at + ": only a reading that accounts for every byte displaces the built one");
                viaAlternative++;
            } else {
                // a 3-octet flow label selector padded by the variant, whose bytes fit 32-bit flow label fields
                // exactly: the reading that accounts for every byte wins (TsLayout)
                assertTrue(back.wideFlowLabel() && !s.wideFlowLabel() && back.exact() && !s.exact(), at);
                assertEquals(s.flags(), back.flags(), at);
                viaWideLabel++;
            }
        }
        assertEquals(70_000, same + viaAlternative + viaWideLabel);
        assertTrue(same > viaAlternative, same + " read back as built, " + viaAlternative + " via the alternative");
    }

    @Test
    void everyIpv6SelectorWithThirtyTwoBitFlowLabelsReadsBackEqual() {
        Random rnd = new Random(SEED + 2);
        int checked = 0;
        for (int flags = 0; flags <= 0xffff; flags++) {
            if ((flags & TsLayout.FLOW_LABEL_FLAGS) == 0) {
                continue;
            }
            TrafficSelector.Builder b = TrafficSelector.builder(TrafficSelector.FORMAT_IPV6).flags(flags)
                    .wideFlowLabel(true);
            for (TsLayout.Item item : TsLayout.forFormat(TrafficSelector.FORMAT_IPV6, true)) {
                if ((flags & item.mask()) != 0) {
                    b.raw(item.field(), random(rnd, item.size()));
                }
            }
            TrafficSelector s = b.build();
            byte[] wire = s.encode();
            TrafficSelector back = TrafficSelector.decode(TrafficSelector.FORMAT_IPV6, wire);
            assertEquals(s, back, () -> "bytes " + org.multitunnel.wire.Hex.encode(wire));
            assertTrue(back.exact() && back.wideFlowLabel());
            assertArrayEquals(wire, back.encode());
            checked++;
        }
        assertEquals(3 * 16384, checked, "every flag word with a flow label flag");
    }

    private static byte[] random(Random rnd, int n) {
        byte[] b = new byte[n];
        rnd.nextBytes(b);
        return b;
    }
}
