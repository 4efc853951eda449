package org.multitunnel.capture;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A reader warning says which packet it follows ({@link ReadWarning#frame()}), so the analysis can report the
 * damage at a real frame next to it rather than at frame 0.
 */
class ReadWarningFrameTest {
    @TempDir
    Path dir;

    @Test
    void warningNamesTheLastPacketReadBeforeTheDamage() throws Exception {
        Path file = Crafted.littleEndian()
                .u32(0xA1B2C3D4L).u16(2).u16(4).u32(0).u32(0).u32(65535).u32(1) // pcap header: µs, Ethernet
                .u32(1000).u32(1).u32(4).u32(4).bytes(1, 1, 1, 1)                // frame 1 at byte 24
                .u32(1001).u32(2).u32(4).u32(4).bytes(2, 2, 2, 2)                // frame 2 at byte 44
                .u32(1002).u32(3).u32(100).u32(100)                              // record at 64 claims 100 bytes
                .bytes(Crafted.counting(10, 0))                                  // ... but only 10 follow
                .writeTo(dir.resolve("cut.pcap"));
        ReadSummary s = CaptureReader.read(file, p -> true);
        List<ReadWarning> w = s.warnings();
        assertEquals(1, w.size(), w.toString());
        assertEquals(64, w.get(0).offset());
        assertEquals(2, w.get(0).frame());
    }

    @Test
    void damageBeforeTheFirstPacketHasNoFrameBeforeIt() throws Exception {
        Path file = Crafted.littleEndian()
                .u32(0xA1B2C3D4L).u16(2).u16(4).u32(0).u32(0).u32(65535).u32(1) // pcap header
                .bytes(1, 2, 3, 4, 5, 6, 7)                                      // 7 bytes: no record header
                .writeTo(dir.resolve("headless.pcap"));
        List<ReadWarning> w = CaptureReader.read(file, p -> true).warnings();
        assertEquals(1, w.size(), w.toString());
        assertEquals(0, w.get(0).frame());
    }
}
