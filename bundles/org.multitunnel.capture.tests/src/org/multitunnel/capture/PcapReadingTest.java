package org.multitunnel.capture;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PcapReadingTest {
    @TempDir
    Path dir;

    @Test
    void readsMicrosecondPcapInLittleEndian() throws Exception {
        Path file = Crafted.littleEndian()
                .u32(0xA1B2C3D4L)          // magic: µs, written little-endian as d4 c3 b2 a1
                .u16(2).u16(4)              // version 2.4
                .u32(0)                     // thiszone
                .u32(0)                     // sigfigs
                .u32(65535)                 // snaplen
                .u32(1)                     // linktype 1 = Ethernet
                .u32(1_700_000_000L)        // record 1: ts seconds
                .u32(123_456)               //           ts microseconds
                .u32(4)                     //           caplen
                .u32(60)                    //           original length
                .bytes(1, 2, 3, 4)          //           data
                .u32(1_700_000_001L)        // record 2: ts seconds
                .u32(999_999)               //           ts microseconds
                .u32(3)                     //           caplen
                .u32(3)                     //           original length
                .bytes(0xAA, 0xBB, 0xCC)    //           data
                .writeTo(dir.resolve("le-micro.pcap"));
        try (CaptureFile f = CaptureFile.open(file)) {
            assertEquals(Format.PCAP, f.format());
            assertFalse(f.compressed());
            assertEquals(2, f.packetCount());
            assertEquals(1_700_000_000_123_456_000L, f.timestampNanos(0));
            assertEquals(1_700_000_001_999_999_000L, f.timestampNanos(1));
            assertEquals(4, f.capturedLength(0));
            assertEquals(60, f.originalLength(0));
            assertEquals(3, f.originalLength(1));
            assertEquals(1, f.linkType(0));
            assertEquals(40, f.fileOffset(0)); // 24-byte file header + 16-byte record header
            assertEquals(60, f.fileOffset(1)); // 40 + 4 data + 16
            assertArrayEquals(new byte[] {1, 2, 3, 4}, Crafted.bytesOf(f.packet(0)));
            assertArrayEquals(new byte[] {(byte) 0xAA, (byte) 0xBB, (byte) 0xCC}, Crafted.bytesOf(f.packet(1)));
            assertEquals(List.of(), f.warnings());
            assertEquals(List.of(new CaptureInterface(0, 0, 1, 65535, 6, 0, "")), f.interfaces());
        }
    }

    @Test
    void readsNanosecondPcapInBigEndian() throws Exception {
        Path file = Crafted.bigEndian()
                .u32(0xA1B23C4DL)           // magic: ns, big-endian a1 b2 3c 4d
                .u16(2).u16(4)              // version 2.4
                .u32(0).u32(0)              // thiszone, sigfigs
                .u32(262144)                // snaplen
                .u32(101)                   // linktype 101 = raw IP
                .u32(1_600_000_000L)        // ts seconds
                .u32(999_999_999)           // ts nanoseconds
                .u32(2).u32(2)              // caplen, original length
                .bytes(0x45, 0x00)          // data
                .writeTo(dir.resolve("be-nano.pcap"));
        try (CaptureFile f = CaptureFile.open(file)) {
            assertEquals(Format.PCAP_NANOSECONDS, f.format());
            assertEquals(1, f.packetCount());
            assertEquals(1_600_000_000_999_999_999L, f.timestampNanos(0));
            assertEquals(101, f.linkType(0));
            assertEquals(9, f.interfaces().get(0).tsResolution());
            ByteBuffer p = f.packet(0);
            assertTrue(p.isReadOnly());
            assertEquals(ByteOrder.BIG_ENDIAN, p.order());
            assertEquals(0x4500, p.getShort(0));
        }
    }

    @Test
    void readsModifiedPcapWithTwentyFourByteRecordHeaders() throws Exception {
        Path file = Crafted.littleEndian()
                .u32(0xA1B2CD34L)           // magic: Kuznetzov's modified pcap
                .u16(2).u16(4)              // version 2.4
                .u32(0).u32(0)              // thiszone, sigfigs
                .u32(65535)                 // snaplen
                .u32(1)                     // linktype Ethernet
                .u32(10).u32(20)            // ts seconds, microseconds
                .u32(2).u32(2)              // caplen, original length
                .u32(3)                     // ifindex
                .u16(0x0800)                // protocol
                .u8(0)                      // packet type
                .u8(0)                      // padding
                .bytes(7, 8)                // data
                .writeTo(dir.resolve("modified.pcap"));
        try (CaptureFile f = CaptureFile.open(file)) {
            assertEquals(Format.PCAP_MODIFIED, f.format());
            assertEquals(1, f.packetCount());
            assertEquals(10_000_020_000L, f.timestampNanos(0));
            assertEquals(48, f.fileOffset(0));
            assertArrayEquals(new byte[] {7, 8}, Crafted.bytesOf(f.packet(0)));
        }
    }

    @Test
    void masksFcsFlagBitsOutOfTheLinkType() throws Exception {
        Path file = Crafted.bigEndian()
                .u32(0xA1B2C3D4L)           // magic µs
                .u16(2).u16(4)              // version
                .u32(0).u32(0)              // thiszone, sigfigs
                .u32(1500)                  // snaplen
                .u32(0x1400_0001L)          // FCS length 4 present (bits 28..31) + LINKTYPE_ETHERNET
                .writeTo(dir.resolve("fcs.pcap"));
        try (CaptureFile f = CaptureFile.open(file)) {
            assertEquals(0, f.packetCount());
            assertEquals(1, f.interfaces().get(0).linkType());
            assertEquals(List.of(), f.warnings());
        }
    }

    @Test
    void keepsZeroLengthPacketWithWarning() throws Exception {
        Path file = Crafted.littleEndian()
                .u32(0xA1B2C3D4L).u16(2).u16(4).u32(0).u32(0).u32(65535).u32(1) // file header
                .u32(1).u32(0).u32(0).u32(64)  // record at 24: caplen 0, original 64
                .u32(2).u32(0).u32(1).u32(1).bytes(9) // record at 40: one byte
                .writeTo(dir.resolve("zero.pcap"));
        try (CaptureFile f = CaptureFile.open(file)) {
            assertEquals(2, f.packetCount());
            assertEquals(0, f.capturedLength(0));
            assertEquals(64, f.originalLength(0));
            assertEquals(0, f.packet(0).remaining());
            assertEquals(1, f.capturedLength(1));
            assertEquals(List.of(new ReadWarning(24, ReadWarning.Kind.ZERO_LENGTH,
                    "record with 0 captured bytes (original length 64); packet kept")), f.warnings());
        }
    }

    @Test
    void keepsPacketLongerThanSnaplenWithWarning() throws Exception {
        Path file = Crafted.littleEndian()
                .u32(0xA1B2C3D4L).u16(2).u16(4).u32(0).u32(0)
                .u32(4)                      // snaplen 4
                .u32(1)                      // Ethernet
                .u32(1).u32(0).u32(6).u32(6) // caplen 6 > snaplen 4
                .bytes(1, 2, 3, 4, 5, 6)
                .writeTo(dir.resolve("snap.pcap"));
        try (CaptureFile f = CaptureFile.open(file)) {
            assertEquals(1, f.packetCount());
            assertEquals(6, f.capturedLength(0));
            assertEquals(1, f.warnings().size());
            ReadWarning w = f.warnings().get(0);
            assertEquals(ReadWarning.Kind.CAPLEN_EXCEEDS_SNAPLEN, w.kind());
            assertEquals(24, w.offset());
            assertEquals("captured length 6 exceeds snapshot length 4; packet kept", w.message());
        }
    }

    @Test
    void rejectsFileWithUnknownMagicNamingTheMagic() throws Exception {
        Path file = dir.resolve("notes.pcap");
        Files.writeString(file, "hello, this is text");
        NotACaptureFileException e = assertThrows(NotACaptureFileException.class, () -> CaptureFile.open(file));
        assertTrue(e.getMessage().contains("not a capture file: unknown magic number 0x68656c6c"), e.getMessage());
        assertTrue(e.getMessage().startsWith(file.toString()), e.getMessage());
    }

    @Test
    void rejectsEmptyFile() throws Exception {
        Path file = Files.createFile(dir.resolve("empty.pcap"));
        NotACaptureFileException e = assertThrows(NotACaptureFileException.class, () -> CaptureFile.open(file));
        assertTrue(e.getMessage().endsWith("not a capture file: it is empty"), e.getMessage());
    }

    @Test
    void reportsTruncatedFileHeaderAndYieldsNoPackets() throws Exception {
        Path file = Crafted.littleEndian()
                .u32(0xA1B2C3D4L)            // magic
                .u16(2).u16(4)               // version; the header stops here, 8 of 24 bytes
                .writeTo(dir.resolve("short.pcap"));
        try (CaptureFile f = CaptureFile.open(file)) {
            assertEquals(0, f.packetCount());
            assertEquals(List.of(new ReadWarning(0, ReadWarning.Kind.TRUNCATED,
                    "pcap file header is truncated: 8 of 24 bytes")), f.warnings());
        }
    }

    @Test
    void detectsFormatByContentNotByName() throws Exception {
        Path file = Crafted.littleEndian()
                .u32(0xA1B2C3D4L).u16(2).u16(4).u32(0).u32(0).u32(65535).u32(1) // pcap header
                .u32(5).u32(6).u32(1).u32(1).bytes(42)                         // one record
                .writeTo(dir.resolve("looks-like.pcapng.gz"));
        try (CaptureFile f = CaptureFile.open(file)) {
            assertEquals(Format.PCAP, f.format());
            assertFalse(f.compressed());
            assertEquals(1, f.packetCount());
        }
    }
}
