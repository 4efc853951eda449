package org.multitunnel.wire.dissect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.multitunnel.wire.DecodeException;
import org.multitunnel.wire.DissectContext;
import org.multitunnel.wire.Dissector;
import org.multitunnel.wire.DissectorRegistry;
import org.multitunnel.wire.Hex;
import org.multitunnel.wire.fast.PacketClassifier;
import org.multitunnel.wire.fast.PacketSummary;

/**
 * Seeded mutation fuzzing: valid frames (crafted and from the public captures) get bytes flipped, inserted,
 * removed and truncated. Every layer dissector, called directly, may throw only {@link DecodeException};
 * {@link PacketDissector} never throws; the classifier never throws; nothing loops (bounded time).
 */
class DissectorFuzzTest {
    private static final long SEED = 0x5eed_2026L;
    private static final int ITERATIONS = 40_000;

    static List<byte[]> seeds() throws Exception {
        List<byte[]> s = new ArrayList<>();
        for (String f : List.of("tcpdump-mobility-gre/various_gre.pcap", "tcpdump-mobility-gre/ipv6_mobility_1.pcap",
                "tcpdump-mobility-gre/erspan-type-ii-3.pcap", "tcpdump-mobility-gre/wccp_redirect_gre.pcap")) {
            TestPcap.Capture c = TestPcap.publicCapture(f);
            for (TestPcap.Record r : c.records()) {
                byte[] frame = new byte[r.data().limit()];
                r.data().get(0, frame);
                // normalise to raw IP where the capture is raw IPv6 so all seeds share LINKTYPE_ETHERNET framing
                s.add(c.linkType() == 1 ? frame : concat(Hex.decode("02000000000102000000000286dd"), frame));
            }
        }
        return s;
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = new byte[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    static byte[] mutate(Random rnd, byte[] in) {
        byte[] b = in.clone();
        int n = 1 + rnd.nextInt(4);
        for (int i = 0; i < n && b.length > 0; i++) {
            switch (rnd.nextInt(5)) {
                case 0 -> b[rnd.nextInt(b.length)] = (byte) rnd.nextInt(256);
                case 1 -> b[rnd.nextInt(b.length)] ^= (byte) (1 << rnd.nextInt(8));
                case 2 -> b = java.util.Arrays.copyOf(b, rnd.nextInt(b.length + 1));
                case 3 -> {
                    int at = rnd.nextInt(b.length);
                    byte[] c = new byte[b.length + 1];
                    System.arraycopy(b, 0, c, 0, at);
                    c[at] = (byte) rnd.nextInt(256);
                    System.arraycopy(b, at, c, at + 1, b.length - at);
                    b = c;
                }
                default -> {
                    int at = rnd.nextInt(b.length);
                    b[at] = (byte) (rnd.nextBoolean() ? 0 : 0xff);
                }
            }
        }
        return b;
    }

    @Test
    void mutatedFramesNeverEscapeThePacketDissectorOrTheClassifier() throws Exception {
        List<byte[]> seeds = seeds();
        PacketDissector d = new PacketDissector();
        PacketSummary s = new PacketSummary();
        Random rnd = new Random(SEED);
        List<String> bugs = new ArrayList<>();
        assertTimeoutPreemptively(Duration.ofSeconds(120), () -> {
            for (int i = 0; i < ITERATIONS; i++) {
                byte[] frame = mutate(rnd, seeds.get(rnd.nextInt(seeds.size())));
                Dissection r = d.dissectFull(1, ByteBuffer.wrap(frame));
                if (r.internalError() != null && bugs.size() < 20) {
                    bugs.add(i + " " + Hex.encode(frame) + " " + r.internalError());
                }
                FieldsJson.fields(r.layers());
                PacketClassifier.classify(1, ByteBuffer.wrap(frame), 0, frame.length, s);
            }
        });
        assertEquals(List.of(), bugs);
    }

    @Test
    void everyLayerDissectorThrowsOnlyDecodeException() throws Exception {
        DissectorRegistry r = PacketDissector.standardRegistry();
        List<Dissector> layers = new ArrayList<>();
        String[] tables = {DissectorRegistry.LINKTYPE, DissectorRegistry.ETHERTYPE, DissectorRegistry.IP_PROTO,
            "gre.proto", "mip6.mhtype", "mip6.opt"};
        for (String t : tables) {
            for (int v = 0; v < 0x10000; v++) {
                Dissector x = r.lookup(t, v);
                if (x != null) {
                    layers.add(x);
                }
            }
        }
        Random rnd = new Random(SEED + 1);
        List<byte[]> seeds = seeds();
        List<String> bugs = new ArrayList<>();
        assertTimeoutPreemptively(Duration.ofSeconds(120), () -> {
            for (int i = 0; i < ITERATIONS; i++) {
                byte[] frame = mutate(rnd, seeds.get(rnd.nextInt(seeds.size())));
                int off = frame.length == 0 ? 0 : rnd.nextInt(Math.min(frame.length, 80));
                Dissector x = layers.get(rnd.nextInt(layers.size()));
                try {
                    x.dissect(new DissectContext(r), ByteBuffer.wrap(frame), off, frame.length - off);
                } catch (DecodeException expected) {
                    // the one allowed failure
                } catch (RuntimeException e) {
                    if (bugs.size() < 20) {
                        bugs.add(x.getClass().getName() + " at " + off + " on " + Hex.encode(frame) + ": " + e);
                    }
                }
            }
        });
        assertEquals(List.of(), bugs);
    }

    @Test
    void randomBytesOnEveryLinkTypeNeverEscape() {
        PacketDissector d = new PacketDissector();
        PacketSummary s = new PacketSummary();
        Random rnd = new Random(SEED + 2);
        int[] linkTypes = {0, 1, 12, 14, 101, 108, 113, 228, 229, 276, 999};
        assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
            for (int i = 0; i < 20_000; i++) {
                byte[] b = new byte[rnd.nextInt(120)];
                rnd.nextBytes(b);
                int lt = linkTypes[i % linkTypes.length];
                assertEquals(null, d.dissectFull(lt, ByteBuffer.wrap(b)).internalError());
                PacketClassifier.classify(lt, ByteBuffer.wrap(b), 0, b.length, s);
            }
        });
    }
}
