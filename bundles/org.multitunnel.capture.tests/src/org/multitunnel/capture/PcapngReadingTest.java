package org.multitunnel.capture;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.multitunnel.capture.PcapngBlocks.epb;
import static org.multitunnel.capture.PcapngBlocks.idb;
import static org.multitunnel.capture.PcapngBlocks.opaque;
import static org.multitunnel.capture.PcapngBlocks.shb;

import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PcapngReadingTest {
    @TempDir
    Path dir;

    @Test
    void readsLittleEndianSectionWithNanosecondInterfaceAndSkipsNonPacketBlocks() throws Exception {
        Crafted c = Crafted.littleEndian();
        shb(c);                                                  // offset 0, 28 bytes
        idb(c, 1, 0, 9, null, "eth0");                           // offset 28: Ethernet, ns, 40 bytes
        epb(c, 0, 1_700_000_000_123_456_789L, Crafted.countingBytes(5, 0), 64); // offset 68
        opaque(c, 4, 8);                                         // name resolution block
        opaque(c, 5, 16);                                        // interface statistics block
        opaque(c, 0x00000BAD, 12);                               // custom block (copyable)
        opaque(c, 0x40000BAD, 4);                                // custom block (not copyable)
        opaque(c, 0x0000000A, 20);                               // decryption secrets block
        opaque(c, 0x12345678, 0);                                // unknown block type
        epb(c, 0, 1_700_000_001_000_000_000L, Crafted.countingBytes(3, 100), 3);
        Path file = c.writeTo(dir.resolve("le.pcapng"));
        try (CaptureFile f = CaptureFile.open(file)) {
            assertEquals(Format.PCAPNG, f.format());
            assertEquals(2, f.packetCount());
            assertEquals(1_700_000_000_123_456_789L, f.timestampNanos(0));
            assertEquals(1_700_000_001_000_000_000L, f.timestampNanos(1));
            assertEquals(5, f.capturedLength(0));
            assertEquals(64, f.originalLength(0));
            assertEquals(68 + 28, f.fileOffset(0)); // EPB at 68, data after its 28-byte header
            assertArrayEquals(Crafted.countingBytes(5, 0), Crafted.bytesOf(f.packet(0)));
            assertArrayEquals(Crafted.countingBytes(3, 100), Crafted.bytesOf(f.packet(1)));
            assertEquals(List.of(new CaptureInterface(0, 0, 1, 0, 9, 0, "eth0")), f.interfaces());
            assertEquals(List.of(), f.warnings());
        }
    }

    @Test
    void readsBigEndianSectionWithDefaultMicrosecondResolution() throws Exception {
        Crafted c = Crafted.bigEndian();
        shb(c);
        idb(c, 101, 65535, null, null, null);                    // raw IP, no options: µs
        epb(c, 0, 1_500_000_000_000_001L, new byte[] {0x45, 0, 0, 20}, 20); // µs since epoch
        Path file = c.writeTo(dir.resolve("be.pcapng"));
        try (CaptureFile f = CaptureFile.open(file)) {
            assertEquals(1, f.packetCount());
            assertEquals(1_500_000_000_000_001_000L, f.timestampNanos(0));
            assertEquals(101, f.linkType(0));
            assertEquals(0x45000014, f.packet(0).getInt(0));
            assertEquals(List.of(), f.warnings());
        }
    }

    @Test
    void appliesPowerOfTwoResolutionAndTimestampOffset() throws Exception {
        Crafted c = Crafted.littleEndian();
        shb(c);
        idb(c, 1, 0, 0x80 | 20, 1000L, null);                   // 2^-20 s units, +1000 s offset
        epb(c, 0, (5L << 20) | (1L << 19), new byte[] {1}, 1);   // 5.5 s in 2^-20 units
        Path file = c.writeTo(dir.resolve("pow2.pcapng"));
        try (CaptureFile f = CaptureFile.open(file)) {
            assertEquals(1_005_500_000_000L, f.timestampNanos(0)); // (1000 + 5.5) s
            CaptureInterface itf = f.interfaces().get(0);
            assertEquals(0x94, itf.tsResolution());
            assertEquals(1000, itf.tsOffsetSeconds());
        }
    }

    @Test
    void numbersInterfacesAcrossSectionsWithTheirOwnByteOrder() throws Exception {
        Crafted c = Crafted.littleEndian();
        shb(c);                                                  // section 0, little-endian
        idb(c, 1, 0, 9, null, null);                             // global 0: Ethernet
        idb(c, 101, 0, 6, null, null);                           // global 1: raw IP, µs
        epb(c, 1, 2_000_000L, new byte[] {1}, 1);                // on raw IP: 2 s
        epb(c, 0, 3_000_000_000L, new byte[] {2}, 1);            // on Ethernet: 3 s
        c.order(ByteOrder.BIG_ENDIAN);
        shb(c);                                                  // section 1, big-endian
        idb(c, 113, 0, 9, null, null);                           // global 2: Linux cooked
        epb(c, 0, 4_000_000_000L, new byte[] {3}, 1);            // local 0 = global 2
        epb(c, 1, 5_000_000_000L, new byte[] {4}, 1);            // local 1 does not exist in section 1
        epb(c, 0, 6_000_000_000L, new byte[] {5}, 1);
        Path file = c.writeTo(dir.resolve("sections.pcapng"));
        try (CaptureFile f = CaptureFile.open(file)) {
            assertEquals(4, f.packetCount());
            assertEquals(List.of(101, 1, 113, 113),
                    List.of(f.linkType(0), f.linkType(1), f.linkType(2), f.linkType(3)));
            assertEquals(List.of(1, 0, 2, 2),
                    List.of(f.interfaceId(0), f.interfaceId(1), f.interfaceId(2), f.interfaceId(3)));
            assertEquals(2_000_000_000L, f.timestampNanos(0));
            assertEquals(6_000_000_000L, f.timestampNanos(3));
            assertEquals(5, f.packet(3).get(0));
            assertEquals(List.of(0, 0, 1), f.interfaces().stream().map(CaptureInterface::section).toList());
            assertEquals(1, f.warnings().size());
            ReadWarning w = f.warnings().get(0);
            assertEquals(ReadWarning.Kind.UNKNOWN_INTERFACE, w.kind());
            assertEquals("packet refers to interface 1 but section 1 describes 1; packet skipped", w.message());
        }
    }

    @Test
    void simplePacketBlockTakesSnaplenOfInterfaceZeroAndHasNoTimestamp() throws Exception {
        Crafted c = Crafted.littleEndian();
        shb(c);
        idb(c, 1, 4, null, null, null);                          // snaplen 4
        c.u32(3)                                                 // block type SPB
                .u32(28)                                         // total length: 12 + 12 data + 4
                .u32(10)                                         // original length 10
                .bytes(Crafted.counting(10, 0)).zeros(2)         // 10 bytes + 2 padding
                .u32(28);                                        // total length again
        Path file = c.writeTo(dir.resolve("spb.pcapng"));
        try (CaptureFile f = CaptureFile.open(file)) {
            assertEquals(1, f.packetCount());
            assertEquals(4, f.capturedLength(0));               // min(original 10, snaplen 4, room 12)
            assertEquals(10, f.originalLength(0));
            assertEquals(0, f.timestampNanos(0));
            assertArrayEquals(new byte[] {0, 1, 2, 3}, Crafted.bytesOf(f.packet(0)));
            assertEquals(List.of(), f.warnings());
        }
    }

    @Test
    void simplePacketBlockWithoutSnaplenIsBoundedByItsBlock() throws Exception {
        Crafted c = Crafted.bigEndian();
        shb(c);
        idb(c, 1, 0, null, null, null);                          // snaplen 0 = unlimited
        c.u32(3)                                                 // block type SPB
                .u32(20)                                         // total length: 12 + 4 data + 4
                .u32(1500)                                       // original length 1500 (snapped by writer)
                .bytes(9, 8, 7, 6)                               // 4 data bytes
                .u32(20);                                        // total length again
        Path file = c.writeTo(dir.resolve("spb-unlimited.pcapng"));
        try (CaptureFile f = CaptureFile.open(file)) {
            assertEquals(1, f.packetCount());
            assertEquals(4, f.capturedLength(0));
            assertEquals(1500, f.originalLength(0));
        }
    }

    @Test
    void readsObsoletePacketBlock() throws Exception {
        Crafted c = Crafted.littleEndian();
        shb(c);
        idb(c, 1, 0, 9, null, null);
        idb(c, 105, 0, 9, null, null);                           // 802.11
        c.u32(2)                                                 // block type OPB
                .u32(36)                                         // total length 28 + 4 + 4
                .u16(1)                                          // interface id (16 bits)
                .u16(7)                                          // drops count
                .u32(0)                                          // timestamp high
                .u32(123_456_789)                                // timestamp low (ns)
                .u32(3)                                          // captured length
                .u32(9)                                          // original length
                .bytes(0xA, 0xB, 0xC).zeros(1)                   // data + padding
                .u32(36);                                        // total length again
        Path file = c.writeTo(dir.resolve("opb.pcapng"));
        try (CaptureFile f = CaptureFile.open(file)) {
            assertEquals(1, f.packetCount());
            assertEquals(105, f.linkType(0));
            assertEquals(123_456_789L, f.timestampNanos(0));
            assertEquals(3, f.capturedLength(0));
            assertEquals(9, f.originalLength(0));
            assertArrayEquals(new byte[] {0xA, 0xB, 0xC}, Crafted.bytesOf(f.packet(0)));
        }
    }

    @Test
    void rejectsPcapngWithInvalidByteOrderMagic() throws Exception {
        Path file = Crafted.bigEndian()
                .u32(0x0A0D0D0A)                                 // SHB type
                .u32(28)                                         // length
                .u32(0x11223344)                                 // not a byte-order magic
                .zeros(16)
                .writeTo(dir.resolve("bom.pcapng"));
        NotACaptureFileException e = assertThrows(NotACaptureFileException.class, () -> CaptureFile.open(file));
        assertTrue(e.getMessage().contains("byte-order magic is 0x11223344"), e.getMessage());
    }

    @Test
    void readsTenToTheMinusThreeResolution() throws Exception {
        Crafted c = Crafted.littleEndian();
        shb(c);
        idb(c, 1, 0, 3, null, null);                             // milliseconds
        epb(c, 0, 1_234L, new byte[] {1}, 1);                    // 1.234 s
        try (CaptureFile f = CaptureFile.open(c.writeTo(dir.resolve("ms.pcapng")))) {
            assertEquals(1_234_000_000L, f.timestampNanos(0));
        }
    }
}
