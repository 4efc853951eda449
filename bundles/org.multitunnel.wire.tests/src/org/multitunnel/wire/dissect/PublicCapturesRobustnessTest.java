package org.multitunnel.wire.dissect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.multitunnel.wire.fast.PacketClassifier;
import org.multitunnel.wire.fast.PacketSummary;

/**
 * Every packet of every public capture (tcpdump's GRE / mobility tests and its 227 hostile files that once
 * crashed, over-read or looped in a C dissector) goes through the field-tree dissector, both renderers and the
 * hot-path classifier: nothing may escape, nothing may hang (bounded by a generous timeout), and no dissector may
 * fail with anything but its typed error.
 */
class PublicCapturesRobustnessTest {
    @Test
    void everyPacketOfEveryPublicCaptureDissectsWithoutEscapingOrHanging() throws Exception {
        List<Path> files = TestPcap.publicPcaps();
        assertTrue(files.size() >= 240, "expected the public captures, found " + files.size());
        PacketDissector dissector = new PacketDissector();
        PacketSummary summary = new PacketSummary();
        int[] packets = {0};
        List<String> internal = new ArrayList<>();
        assertTimeoutPreemptively(Duration.ofSeconds(120), () -> {
            for (Path f : files) {
                TestPcap.Capture c = TestPcap.read(f);
                for (TestPcap.Record r : c.records()) {
                    ByteBuffer data = r.data();
                    Dissection d = dissector.dissectFull(r.linkType(), data);
                    if (d.internalError() != null) {
                        internal.add(f.getFileName() + " frame " + r.frame() + ": " + d.internalError());
                    }
                    FieldsJson.line(r.frame(), r.seconds(), r.nanos(), d.layers());
                    FieldsText.packet(r.frame(), data.limit(), d.layers());
                    PacketClassifier.classify(r.linkType(), data, 0, data.limit(), summary);
                    assertEquals(0, data.position(), "a dissector moved the buffer position");
                    packets[0]++;
                }
            }
        });
        assertEquals(List.of(), internal, "dissectors threw something other than DecodeException");
        assertTrue(packets[0] > 1000, "too few packets read: " + packets[0]);
    }

    @Test
    void hostileGreAndMobilityCapturesAreFlaggedMalformedNotDropped() throws Exception {
        PacketDissector dissector = new PacketDissector();
        for (String name : List.of("tcpdump-mobility-gre/gre-heapoverflow-2.pcap",
                "tcpdump-mobility-gre/mobility_opt_asan.pcap", "tcpdump-mobility-gre/ipv6-mobility-header-oobr.pcap")) {
            TestPcap.Capture c = TestPcap.publicCapture(name);
            boolean anyMalformed = false;
            for (TestPcap.Record r : c.records()) {
                Dissection d = dissector.dissectFull(c.linkType(), r.data());
                assertNull(d.internalError());
                anyMalformed |= d.malformed();
                assertTrue(!d.layers().isEmpty(), name + " frame " + r.frame() + " produced no layer");
            }
            assertTrue(anyMalformed, name + " should contain a malformed packet");
        }
    }
}
