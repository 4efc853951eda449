package org.multitunnel.capture;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.multitunnel.capture.PcapngBlocks.epb;
import static org.multitunnel.capture.PcapngBlocks.idb;
import static org.multitunnel.capture.PcapngBlocks.shb;
import static org.multitunnel.capture.ReadWarning.Kind.BAD_LENGTH;
import static org.multitunnel.capture.ReadWarning.Kind.LENGTH_MISMATCH;
import static org.multitunnel.capture.ReadWarning.Kind.RESYNCHRONISED;
import static org.multitunnel.capture.ReadWarning.Kind.SUPPRESSED;
import static org.multitunnel.capture.ReadWarning.Kind.TIMESTAMP_OVERFLOW;
import static org.multitunnel.capture.ReadWarning.Kind.TRUNCATED;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Damage the reader must survive: it keeps the good packets, says where the damage is, and never throws. */
class DamagedCaptureTest {
    @TempDir
    Path dir;

    /** pcap header (µs, little-endian, snaplen 65535, Ethernet) followed by two 4-byte records: 64 bytes. */
    private static Crafted pcapWithTwoPackets() {
        return Crafted.littleEndian()
                .u32(0xA1B2C3D4L).u16(2).u16(4).u32(0).u32(0).u32(65535).u32(1) // file header, 24 bytes
                .u32(1000).u32(1).u32(4).u32(4).bytes(1, 1, 1, 1)                // record at 24
                .u32(1001).u32(2).u32(4).u32(4).bytes(2, 2, 2, 2);               // record at 44
    }

    @Test
    void pcapTruncatedLastRecordKeepsEarlierPackets() throws Exception {
        Path file = pcapWithTwoPackets()
                .u32(1002).u32(3).u32(100).u32(100)   // record at 64 claims 100 bytes
                .bytes(Crafted.counting(10, 0))        // ... but only 10 follow
                .writeTo(dir.resolve("cut.pcap"));
        try (CaptureFile f = CaptureFile.open(file)) {
            assertEquals(2, f.packetCount());
            assertArrayEquals(new byte[] {2, 2, 2, 2}, Crafted.bytesOf(f.packet(1)));
            assertEquals(List.of(new ReadWarning(64, TRUNCATED,
                    "file ends inside a record: captured length 100 but only 10 bytes remain")), f.warnings());
        }
    }

    @Test
    void pcapTruncatedRecordHeaderKeepsEarlierPackets() throws Exception {
        Path file = pcapWithTwoPackets().bytes(1, 2, 3, 4, 5, 6, 7).writeTo(dir.resolve("cut-header.pcap"));
        try (CaptureFile f = CaptureFile.open(file)) {
            assertEquals(2, f.packetCount());
            assertEquals(List.of(new ReadWarning(64, TRUNCATED, "file ends inside a record header: 7 of 16 bytes")),
                    f.warnings());
        }
    }

    @Test
    void pcapImpossibleCaptureLengthResynchronisesOnNextRecords() throws Exception {
        Path file = pcapWithTwoPackets()
                .u32(1002).u32(3).u32(0x7FFF_FFF0L).u32(0x7FFF_FFF0L) // record at 64: caplen 2 GiB
                .bytes(0xFF, 0xFF, 0xFF, 0xFF, 0xFF)                    // 5 bytes of garbage, to 85
                .u32(1003).u32(4).u32(2).u32(2).bytes(3, 3)             // good record at 85
                .u32(1004).u32(5).u32(1).u32(1).bytes(4)                // good record at 103
                .writeTo(dir.resolve("resync.pcap"));
        try (CaptureFile f = CaptureFile.open(file)) {
            assertEquals(4, f.packetCount());
            assertEquals(1_003_000_004_000L, f.timestampNanos(2));
            assertArrayEquals(new byte[] {3, 3}, Crafted.bytesOf(f.packet(2)));
            assertArrayEquals(new byte[] {4}, Crafted.bytesOf(f.packet(3)));
            assertEquals(List.of(
                    new ReadWarning(64, BAD_LENGTH, "record has impossible captured length 2147483632 (limit 16777216)"),
                    new ReadWarning(64, RESYNCHRONISED, "skipped 21 damaged bytes; continuing with the record at offset 85")),
                    f.warnings());
        }
    }

    @Test
    void pcapDamageWithNothingValidAfterItStopsWithWarning() throws Exception {
        Crafted c = pcapWithTwoPackets().u32(1002).u32(3).u32(0xFFFF_FFFFL).u32(0); // caplen 4 GiB - 1 at 64
        for (int i = 0; i < 40; i++) {
            c.u8(0xEE);                                                           // garbage to the end
        }
        try (CaptureFile f = CaptureFile.open(c.writeTo(dir.resolve("garbage.pcap")))) {
            assertEquals(2, f.packetCount());
            assertEquals(List.of(
                    new ReadWarning(64, BAD_LENGTH, "record has impossible captured length 4294967295 (limit 16777216)"),
                    new ReadWarning(64, BAD_LENGTH, "no valid record found within 40 bytes after the damage; ignoring"
                            + " the last 56 bytes of the file")), f.warnings());
        }
    }

    /** SHB (28) + IDB without options (20) + one EPB with 4 bytes (36): 84 bytes, little-endian. */
    private static Crafted pcapngWithOnePacket() {
        Crafted c = Crafted.littleEndian();
        shb(c);
        idb(c, 1, 0, null, null, null);
        return epb(c, 0, 1_000_000L, new byte[] {1, 1, 1, 1}, 4);
    }

    @Test
    void pcapngTruncatedLastBlockKeepsEarlierPackets() throws Exception {
        Path file = pcapngWithOnePacket()
                .u32(6).u32(48).u32(0).u32(0).u32(2_000_000).u32(16).u32(16) // EPB at 84 claims 48 bytes
                .bytes(1, 2, 3)                                              // file ends after 31 of them
                .writeTo(dir.resolve("cut.pcapng"));
        try (CaptureFile f = CaptureFile.open(file)) {
            assertEquals(1, f.packetCount());
            assertEquals(List.of(
                    new ReadWarning(84, TRUNCATED, "block of type 0x00000006 claims 48 bytes but the file ends after 31"),
                    new ReadWarning(84, BAD_LENGTH, "no valid block found within 19 bytes after the damage; ignoring"
                            + " the last 31 bytes of the file")), f.warnings());
        }
    }

    @Test
    void pcapngBlockLengthMismatchIsSkippedAndReadingResumes() throws Exception {
        Crafted c = pcapngWithOnePacket()
                .u32(6).u32(36).u32(0).u32(0).u32(2_000_000).u32(4).u32(4) // EPB at 84, length 36
                .bytes(2, 2, 2, 2)
                .u32(40);                                                  // ... but trailer says 40
        epb(c, 0, 3_000_000L, new byte[] {3, 3, 3, 3}, 4);                 // good EPB at 120
        try (CaptureFile f = CaptureFile.open(c.writeTo(dir.resolve("mismatch.pcapng")))) {
            assertEquals(2, f.packetCount());
            assertEquals(3_000_000_000L, f.timestampNanos(1));
            assertArrayEquals(new byte[] {3, 3, 3, 3}, Crafted.bytesOf(f.packet(1)));
            assertEquals(List.of(
                    new ReadWarning(84, LENGTH_MISMATCH, "block of type 0x00000006 starts with length 36 but ends with 40"),
                    new ReadWarning(84, RESYNCHRONISED, "skipped 36 damaged bytes; continuing with the block at offset 120")),
                    f.warnings());
        }
    }

    @Test
    void pcapngAbsurdBlockLengthIsSkippedAndReadingResumes() throws Exception {
        Crafted c = pcapngWithOnePacket()
                .u32(6).u32(0xFFFF_FFF0L)  // EPB at 84 with a 4 GiB length
                .zeros(8);                 // some body, to 100
        epb(c, 0, 3_000_000L, new byte[] {3}, 1); // good EPB at 100
        c.u32(6).u32(13).zeros(4);         // EPB at 136, length 13: not a multiple of 4
        epb(c, 0, 4_000_000L, new byte[] {4}, 1); // good EPB at 148
        try (CaptureFile f = CaptureFile.open(c.writeTo(dir.resolve("absurd.pcapng")))) {
            assertEquals(3, f.packetCount());
            assertEquals(List.of(1_000_000_000L, 3_000_000_000L, 4_000_000_000L),
                    List.of(f.timestampNanos(0), f.timestampNanos(1), f.timestampNanos(2)));
            assertEquals(List.of(
                    new ReadWarning(84, TRUNCATED, "block of type 0x00000006 claims 4294967280 bytes but the file ends after 100"),
                    new ReadWarning(84, RESYNCHRONISED, "skipped 16 damaged bytes; continuing with the block at offset 100"),
                    new ReadWarning(136, BAD_LENGTH, "block of type 0x00000006 has impossible length 13"),
                    new ReadWarning(136, RESYNCHRONISED, "skipped 12 damaged bytes; continuing with the block at offset 148")),
                    f.warnings());
        }
    }

    @Test
    void pcapngCapturedLengthBeyondBlockSkipsOnlyThatPacket() throws Exception {
        Crafted c = pcapngWithOnePacket()
                .u32(6).u32(36).u32(0).u32(0).u32(2_000_000) // EPB at 84, length 36 (room for 4 bytes)
                .u32(200).u32(200)                            // claims 200 captured bytes
                .bytes(2, 2, 2, 2).u32(36);
        epb(c, 0, 3_000_000L, new byte[] {3}, 1);
        try (CaptureFile f = CaptureFile.open(c.writeTo(dir.resolve("caplen.pcapng")))) {
            assertEquals(2, f.packetCount());
            assertEquals(List.of(new ReadWarning(84, BAD_LENGTH,
                    "captured length 200 does not fit in a block of 36 bytes; packet skipped")), f.warnings());
        }
    }

    @Test
    void pcapngTrailingBytesTooShortForABlockAreReported() throws Exception {
        Path file = pcapngWithOnePacket().zeros(8).writeTo(dir.resolve("tail.pcapng"));
        try (CaptureFile f = CaptureFile.open(file)) {
            assertEquals(1, f.packetCount());
            assertEquals(List.of(new ReadWarning(84, TRUNCATED, "file ends with 8 bytes, too short for a block")),
                    f.warnings());
        }
    }

    @Test
    void pcapngTimestampBeyondSixtyFourBitNanosecondsSaturatesWithWarning() throws Exception {
        Crafted c = Crafted.littleEndian();
        shb(c);
        idb(c, 1, 0, 0, null, null);                 // if_tsresol 0: whole seconds
        epb(c, 0, 1L << 40, new byte[] {1}, 1);      // 2^40 s does not fit in ns
        try (CaptureFile f = CaptureFile.open(c.writeTo(dir.resolve("overflow.pcapng")))) {
            assertEquals(1, f.packetCount());
            assertEquals(Long.MAX_VALUE, f.timestampNanos(0));
            assertEquals(TIMESTAMP_OVERFLOW, f.warnings().get(0).kind());
        }
    }

    @Test
    void warningsAreBoundedAndTheRestCounted() throws Exception {
        Crafted c = Crafted.littleEndian()
                .u32(0xA1B2C3D4L).u16(2).u16(4).u32(0).u32(0).u32(65535).u32(1); // pcap header
        for (int i = 0; i < 5000; i++) {
            c.u32(i).u32(0).u32(0).u32(0);                                       // zero-length records
        }
        Path file = c.writeTo(dir.resolve("many.pcap"));
        try (CaptureFile f = CaptureFile.open(file, OpenOptions.defaults().withMaxWarnings(10))) {
            assertEquals(5000, f.packetCount());
            List<ReadWarning> w = f.warnings();
            assertEquals(11, w.size());
            assertEquals(new ReadWarning(24 + 10 * 16, SUPPRESSED, "4990 further warnings not kept (limit 10)"),
                    w.get(10));
        }
    }

    @Test
    void pcapngSectionHeaderWithBadByteOrderMagicMidFileIsSkipped() throws Exception {
        Crafted c = pcapngWithOnePacket()
                .u32(0x0A0D0D0A)          // SHB at 84
                .u32(28)                  // length
                .u32(0x11111111)          // not a byte-order magic
                .u16(1).u16(0).u64(-1)    // version, section length
                .u32(28);                 // length again
        epb(c, 0, 2_000_000L, new byte[] {2}, 1); // still in the first section: interface 0 is known
        try (CaptureFile f = CaptureFile.open(c.writeTo(dir.resolve("bom-mid.pcapng")))) {
            assertEquals(2, f.packetCount());
            assertEquals(List.of(
                    new ReadWarning(84, ReadWarning.Kind.BAD_BLOCK, "section header with unknown byte-order magic 0x11111111"),
                    new ReadWarning(84, RESYNCHRONISED, "skipped 28 damaged bytes; continuing with the block at offset 112")),
                    f.warnings());
        }
    }

    @Test
    void pcapngInterfaceOptionOverrunningItsBlockKeepsTheInterfaceWithDefaults() throws Exception {
        Crafted c = Crafted.littleEndian();
        shb(c);
        c.u32(1)                          // IDB at 28
                .u32(28)                  // length
                .u16(1).u16(0)            // Ethernet, reserved
                .u32(0)                   // snaplen
                .u16(9).u16(200)          // if_tsresol claiming 200 bytes
                .u32(0)                   // 4 bytes of value
                .u32(28);                 // length again
        epb(c, 0, 7_000_000L, new byte[] {1}, 1); // µs default applies: 7 s
        try (CaptureFile f = CaptureFile.open(c.writeTo(dir.resolve("opt.pcapng")))) {
            assertEquals(1, f.packetCount());
            assertEquals(7_000_000_000L, f.timestampNanos(0));
            assertEquals(List.of(new ReadWarning(44, ReadWarning.Kind.BAD_BLOCK,
                    "interface option 9 of length 200 overruns its block; remaining options ignored")), f.warnings());
        }
    }

    @Test
    void pcapngPacketBeforeAnyInterfaceIsSkipped() throws Exception {
        Crafted c = Crafted.bigEndian();
        shb(c);
        epb(c, 0, 1L, new byte[] {1}, 1);  // EPB at 28, no IDB yet
        c.u32(3).u32(20).u32(4).bytes(1, 2, 3, 4).u32(20); // SPB at 64 (EPB was 36 bytes), no IDB either
        idb(c, 1, 0, null, null, null);
        epb(c, 0, 2L, new byte[] {2}, 1);
        try (CaptureFile f = CaptureFile.open(c.writeTo(dir.resolve("no-idb.pcapng")))) {
            assertEquals(1, f.packetCount());
            assertEquals(2, f.packet(0).get(0));
            assertEquals(List.of(
                    new ReadWarning(28, ReadWarning.Kind.UNKNOWN_INTERFACE,
                            "packet refers to interface 0 but section 0 describes 0; packet skipped"),
                    new ReadWarning(64, ReadWarning.Kind.UNKNOWN_INTERFACE,
                            "simple packet block but section 0 has no interface 0; packet skipped")), f.warnings());
        }
    }

    @Test
    void moreInterfacesThanTheIndexCanNumberAreReportedAndTheirPacketsSkipped() throws Exception {
        Crafted c = Crafted.littleEndian();
        shb(c);
        for (int i = 0; i < 65_540; i++) {
            idb(c, 1, 0, null, null, null);               // 20 bytes each
        }
        epb(c, 65_534, 1L, new byte[] {1}, 1);             // last interface that got a global id
        epb(c, 65_539, 2L, new byte[] {2}, 1);             // one that did not
        try (CaptureFile f = CaptureFile.open(c.writeTo(dir.resolve("many-idb.pcapng")))) {
            assertEquals(65_535, f.interfaces().size());
            assertEquals(1, f.packetCount());
            assertEquals(65_534, f.interfaceId(0));
            List<ReadWarning> w = f.warnings();
            assertEquals(6, w.size());
            assertEquals(new ReadWarning(28 + 65_535 * 20, ReadWarning.Kind.BAD_BLOCK,
                    "more than 65535 interfaces; packets on this one are skipped"), w.get(0));
            assertEquals(ReadWarning.Kind.UNKNOWN_INTERFACE, w.get(5).kind());
        }
    }
}
