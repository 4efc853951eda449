package org.multitunnel.capture.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.multitunnel.capture.IndexClassifier;
import org.multitunnel.capture.index.PacketIndex;

/** The bench entry points report what they read (their timings are for the CLI, not asserted here). */
class ReadBenchTest {
    private static final Path FILE = Path.of("../../test-captures/public/tcpdump-malformed/arp-oobr.pcap");

    @Test
    void readAndIndexReportsPacketsBytesAndIndexSize() throws Exception {
        ReadBench.Result r = ReadBench.readAndIndex(FILE, IndexClassifier.NONE);
        assertEquals("read+index", r.mode());
        assertEquals(2282, r.packets()); // capinfos -c
        assertEquals(Files.size(FILE), r.bytes());
        assertEquals(0, r.warnings());
        assertTrue(r.indexBytes() >= 2282L * PacketIndex.BYTES_PER_PACKET);
    }

    @Test
    void streamReportsPacketsAndBytesWithoutAnIndex() throws Exception {
        ReadBench.Result r = ReadBench.stream(FILE);
        assertEquals("stream", r.mode());
        assertEquals(2282, r.packets());
        assertEquals(Files.size(FILE), r.bytes());
        assertEquals(0, r.indexBytes());
    }
}
