package org.multitunnel.capture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

class CaptureReaderTest {

    @Test
    void streamsTheSamePacketsAsTheIndexWithOneReusedView() throws Exception {
        Path file = PublicCaptures.file("tcpdump-pcapng/OSPFv2_Capture_FINAL.pcapng");
        List<PacketView> views = new ArrayList<>();
        List<Long> times = new ArrayList<>();
        List<Long> offsets = new ArrayList<>();
        ReadSummary s = CaptureReader.read(file, p -> {
            views.add(p);
            times.add(p.timestampNanos());
            offsets.add(p.fileOffset());
            assertEquals(p.capturedLength(), p.slice().remaining());
            return true;
        });
        assertEquals(Format.PCAPNG, s.format());
        assertEquals(30, s.packets());
        assertEquals(5364, s.capturedBytes()); // tshark: sum of frame.cap_len
        assertEquals(List.of(), s.warnings());
        assertEquals(1, s.interfaces().size());
        for (PacketView v : views) {
            assertSame(views.get(0), v);
        }
        try (CaptureFile f = CaptureFile.open(file)) {
            for (int i = 0; i < f.packetCount(); i++) {
                assertEquals(f.timestampNanos(i), times.get(i));
                assertEquals(f.fileOffset(i), offsets.get(i));
            }
        }
    }

    @Test
    void visitorCanStopThePassEarly() throws Exception {
        int[] seen = new int[1];
        ReadSummary s = CaptureReader.read(PublicCaptures.file("tcpdump-malformed/arp-oobr.pcap"), p -> {
            seen[0]++;
            return p.index() < 9;
        });
        assertEquals(10, seen[0]);
        assertEquals(10, s.packets());
        assertTrue(s.stoppedEarly());
    }

    @Test
    void exceptionsFromTheVisitorPassThroughUnchanged() {
        IllegalStateException boom = new IllegalStateException("visitor bug");
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> CaptureReader.read(PublicCaptures.file("tcpdump-mobility-gre/nhrp.pcapng"), p -> {
                    throw boom;
                }));
        assertSame(boom, e);
    }

    @Test
    void viewGivesBigEndianFieldsAndRejectsReadsOutsideThePacket() throws Exception {
        // first packet of various_gre.pcap is Ethernet: bytes 12..13 are the EtherType
        int[] etherType = new int[1];
        CaptureReader.read(PublicCaptures.file("tcpdump-mobility-gre/various_gre.pcap"), p -> {
            etherType[0] = p.u16(12);
            assertThrows(IndexOutOfBoundsException.class, () -> p.u8(p.capturedLength()));
            assertThrows(IndexOutOfBoundsException.class, () -> p.i32(p.capturedLength() - 3));
            return false;
        });
        assertEquals(0x9000, etherType[0]); // tshark -T fields -e eth.type -c 1: 0x9000 (loopback)
    }

    @Test
    void randomAccessViewMatchesTheSliceWithoutAllocatingPerPacket() throws Exception {
        try (CaptureFile f = CaptureFile.open(PublicCaptures.file("tcpdump-pcapng/bgp-role.pcapng"))) {
            PacketView v = new PacketView();
            for (int i = f.packetCount() - 1; i >= 0; i--) {
                assertSame(v, f.view(i, v));
                assertEquals(i, v.index());
                assertEquals(f.packet(i), v.slice());
                assertEquals(113, v.linkType());
                assertEquals(f.timestampNanos(i), v.timestampNanos());
                assertEquals(f.fileOffset(i), v.fileOffset());
            }
        }
    }
}
