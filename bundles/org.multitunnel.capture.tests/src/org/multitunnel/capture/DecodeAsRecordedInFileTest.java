package org.multitunnel.capture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.multitunnel.capture.PcapngBlocks.epb;
import static org.multitunnel.capture.PcapngBlocks.idb;
import static org.multitunnel.capture.PcapngBlocks.idbWithComments;
import static org.multitunnel.capture.PcapngBlocks.shb;

import java.lang.management.ManagementFactory;
import java.lang.reflect.Method;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.multitunnel.capture.tunnel.TunnelAccounting;
import org.multitunnel.capture.tunnel.TunnelReport;
import org.multitunnel.capture.write.PcapWriter;
import org.multitunnel.capture.write.PcapngWriter;
import org.multitunnel.wire.Field;
import org.multitunnel.wire.dissect.MipConfig;
import org.multitunnel.wire.fast.MipPorts;
import org.multitunnel.wire.fast.PacketClassifier;
import org.multitunnel.wire.fast.PacketKind;
import org.multitunnel.wire.fast.PacketSummary;

/**
 * A pcapng file names the UDP ports it carries Mobile IP on in {@code multitunnel:decode-as udp.port==N,mip}
 * comments of its section header or interface descriptions, and every reader decodes those ports besides the
 * Decode As setting: a capture the product wrote opens decoded whatever port its agent used, a pcap file follows
 * the setting alone.
 */
class DecodeAsRecordedInFileTest {
    @TempDir
    Path dir;

    /** Raw IPv4 (link type 101 / 228) + UDP 4435 → 49152 carrying a 28-byte registration reply (code 0). */
    private static final byte[] REPLY_FROM_4435 = bytes(""
            + "45000040" + "00010000" + "4011" + "0000" // IPv4, total length 64, TTL 64, UDP, checksum 0
            + "c0000201" + "c6336401" // 192.0.2.1 → 198.51.100.1
            + "1153" + "c000" + "002c" + "0000" // UDP 4435 → 49152, length 44, no checksum
            + "03" + "00" + "012c" // RRP, code 0, lifetime 300
            + "0a010001" + "c0000201" // home address 10.1.0.1, home agent 192.0.2.1
            + "0000000000000001" // identification
            + "20" + "0e" + "00000100" + "00112233445566778899"); // MN-HA auth (32), len 14, SPI 256, 10 B

    private static byte[] bytes(String hex) {
        byte[] b = new byte[hex.length() / 2];
        for (int i = 0; i < b.length; i++) {
            b[i] = (byte) Integer.parseInt(hex.substring(2 * i, 2 * i + 2), 16);
        }
        return b;
    }

    @Test
    void sectionHeaderCommentNamesTheMobileIpPortOfEveryInterfaceOfTheSection() throws Exception {
        Crafted c = Crafted.littleEndian();
        shb(c, "MultiTunnel reference agent: home agent", // an ordinary comment, ignored
                "multitunnel:decode-as udp.port==4435,mip"); // the port the agent listened on
        idb(c, 101, 0, null, null, null); // raw IP
        idb(c, 228, 0, null, null, null); // raw IPv4
        epb(c, 0, 1_000_000, REPLY_FROM_4435, REPLY_FROM_4435.length);
        epb(c, 1, 2_000_000, REPLY_FROM_4435, REPLY_FROM_4435.length);
        Path file = c.writeTo(dir.resolve("agent-4435.pcapng"));
        DecodeAsResolver defaults = DecodeAsResolver.defaults();
        try (CaptureFile f = CaptureFile.open(file)) {
            assertEquals(List.of(4435), f.interfaces().get(0).mipPorts());
            assertEquals(List.of(4435), f.interfaces().get(1).mipPorts());
            assertEquals(List.of(), f.warnings());
            for (int i = 0; i < 2; i++) {
                MipPorts ports = defaults.ports(f, i);
                assertEquals(List.of(434, 4434, 4435), ports.list(), "the setting plus the file's port");
                PacketSummary s = new PacketSummary();
                ByteBuffer b = f.packet(i);
                assertEquals(PacketKind.MIP_SIGNALLING,
                        PacketClassifier.classify(f.linkType(i), b, b.position(), b.remaining(), s, ports));
                assertTrue(hasMip(defaults.dissector(f, i).dissect(f.linkType(i), f.packet(i))), "packet " + i);
            }
            assertEquals(List.of(434, 4434, 4435), defaults.allPorts(f.interfaces()).list());
        }
        // the streaming reader's views name their interface too: the tunnel accounting sees both replies
        TunnelAccounting a = new TunnelAccounting(1_000_000_000L, MipPorts.DEFAULT);
        CaptureReader.read(file, a);
        TunnelReport r = a.finish();
        assertEquals(2, r.signallingPackets());
        assertEquals(2, r.registrationReplies());
    }

    @Test
    void theSamePacketsInAPcapFileFollowTheSettingAlone() throws Exception {
        Path file = dir.resolve("agent-4435.pcap");
        try (PcapWriter w = PcapWriter.create(file, 101, PcapWriter.DEFAULT_SNAPLEN, PcapWriter.Precision.NANOSECONDS,
                false)) {
            w.write(1_000_000, ByteBuffer.wrap(REPLY_FROM_4435), REPLY_FROM_4435.length);
        }
        try (CaptureFile f = CaptureFile.open(file)) {
            assertEquals(List.of(), f.interfaces().get(0).mipPorts());
            assertFalse(DecodeAsResolver.defaults().ports(f, 0).contains(4435));
            assertFalse(hasMip(DecodeAsResolver.defaults().dissector(f, 0).dissect(101, f.packet(0))));
            DecodeAsResolver configured = new DecodeAsResolver(MipConfig.defaults().withMorePorts(List.of(4435)));
            assertTrue(hasMip(configured.dissector(f, 0).dissect(101, f.packet(0))), "with the setting it decodes");
        }
        TunnelAccounting a = new TunnelAccounting(1_000_000_000L, MipPorts.DEFAULT);
        CaptureReader.read(file, a);
        assertEquals(0, a.finish().signallingPackets());
    }

    @Test
    void interfaceCommentsAddToTheirOwnInterfaceAndEverySectionStartsAfresh() throws Exception {
        Crafted c = Crafted.littleEndian();
        shb(c, "multitunnel:decode-as udp.port==5000,mip"); // section 0: port 5000 for all its interfaces
        idbWithComments(c, 101, "multitunnel:decode-as udp.port==5001-5002,mip"); // interface 0 adds 5001, 5002
        idbWithComments(c, 101, "capture on eth1"); // interface 1: only the section's port
        shb(c); // section 1: no comment, nothing inherited from section 0
        idb(c, 101, 0, null, null, null); // interface 2
        Path file = c.writeTo(dir.resolve("sections.pcapng"));
        try (CaptureFile f = CaptureFile.open(file)) {
            assertEquals(List.of(5000, 5001, 5002), f.interfaces().get(0).mipPorts());
            assertEquals(List.of(5000), f.interfaces().get(1).mipPorts());
            assertEquals(List.of(), f.interfaces().get(2).mipPorts());
            DecodeAsResolver r = DecodeAsResolver.defaults();
            assertEquals(List.of(434, 4434, 5000, 5001, 5002), r.ports(f.interfaces().get(0)).list());
            assertSame(r.settings(), r.config(f.interfaces().get(2)), "nothing recorded: the setting itself");
            assertSame(r.ports(f.interfaces().get(0)), r.ports(f.interfaces().get(0)), "built once, then cached");
            assertNotSame(r.ports(f.interfaces().get(0)), r.ports(f.interfaces().get(1)));
        }
    }

    @Test
    void anUnreadableDecodeAsCommentIsAWarningAndTheFileStillOpens() throws Exception {
        Crafted c = Crafted.bigEndian();
        shb(c, "multitunnel:decode-as udp.port==0,mip\nmultitunnel:decode-as udp.port==4435,mip");
        idb(c, 101, 0, null, null, null);
        epb(c, 0, 1_000_000, REPLY_FROM_4435, REPLY_FROM_4435.length);
        Path file = c.writeTo(dir.resolve("bad-comment.pcapng"));
        try (CaptureFile f = CaptureFile.open(file)) {
            assertEquals(1, f.packetCount());
            assertEquals(List.of(4435), f.interfaces().get(0).mipPorts(), "the valid line still counts");
            assertEquals(1, f.warnings().size(), f.warnings().toString());
            ReadWarning w = f.warnings().get(0);
            assertEquals(ReadWarning.Kind.BAD_BLOCK, w.kind());
            assertTrue(w.message().contains("port 0"), w.message());
            assertEquals(24 + 4, w.offset(), "at the comment's text: SHB header (24) + option header (4)");
        }
    }

    @Test
    void aFileRecordingAbsurdlyManyPortsIsCappedWithAWarning() throws Exception {
        Crafted c = Crafted.littleEndian();
        shb(c, "multitunnel:decode-as udp.port==1-65535,mip", "multitunnel:decode-as udp.port==1-65535,mip");
        idb(c, 101, 0, null, null, null);
        epb(c, 0, 1_000_000, REPLY_FROM_4435, REPLY_FROM_4435.length);
        Path file = c.writeTo(dir.resolve("hostile.pcapng"));
        try (CaptureFile f = CaptureFile.open(file)) {
            assertEquals(1, f.packetCount());
            List<Integer> ports = f.interfaces().get(0).mipPorts();
            assertEquals(1024, ports.size(), "at most 1024 ports per block");
            assertEquals(1, ports.get(0));
            assertEquals(1024, ports.get(1023));
            assertEquals(1, f.warnings().size(), f.warnings().toString());
            assertTrue(f.warnings().get(0).message().contains("more than 1024 Decode As ports"),
                    f.warnings().get(0).message());
        }
    }

    @Test
    void theWriterRecordsThePortsItIsGivenAsSectionComments() throws Exception {
        Path file = dir.resolve("written.pcapng");
        try (PcapngWriter w = PcapngWriter.create(file, "multitunnel send to 127.0.0.1:4435", List.of(4435), false)) {
            int itf = w.addInterface(101, 0, "multitunnel-client");
            w.write(itf, 1_000_000, ByteBuffer.wrap(REPLY_FROM_4435), REPLY_FROM_4435.length);
        }
        try (CaptureFile f = CaptureFile.open(file)) {
            assertEquals(List.of(4435), f.interfaces().get(0).mipPorts());
            assertTrue(hasMip(DecodeAsResolver.defaults().dissector(f, 0).dissect(101, f.packet(0))));
        }
    }

    @Test
    void resolvingThePortsOfAPacketAllocatesNothing() throws Exception {
        CaptureInterface recorded = new CaptureInterface(0, 0, 101, 0, 9, 0, "", List.of(4435));
        PacketView view = new PacketView(id -> recorded);
        ByteBuffer frame = ByteBuffer.allocateDirect(REPLY_FROM_4435.length).put(REPLY_FROM_4435).flip();
        view.set(frame, 0, 0, 0, 0, frame.limit(), frame.limit(), 0, 101);
        DecodeAsResolver r = DecodeAsResolver.defaults();
        PacketSummary s = new PacketSummary();
        long kinds = 0;
        for (int i = 0; i < 20_000; i++) { // warm-up: the interface's entry is built here, once
            kinds += PacketClassifier.classify(101, frame, 0, frame.limit(), s, r.ports(view)).ordinal();
        }
        long before = allocatedByThisThread();
        for (int i = 0; i < 200_000; i++) {
            kinds += PacketClassifier.classify(101, frame, 0, frame.limit(), s, r.ports(view)).ordinal();
        }
        long allocated = allocatedByThisThread() - before;
        assertEquals(220_000L * PacketKind.MIP_SIGNALLING.ordinal(), kinds);
        assertTrue(allocated < 4096, allocated + " bytes allocated for 200,000 packets");
    }

    private static long allocatedByThisThread() throws Exception {
        Class<?> hotspot = ClassLoader.getSystemClassLoader().loadClass("com.sun.management.ThreadMXBean");
        Method m = hotspot.getMethod("getThreadAllocatedBytes", long.class);
        long bytes = (long) m.invoke(ManagementFactory.getThreadMXBean(), Thread.currentThread().threadId());
        if (bytes < 0) {
            throw new IllegalStateException("thread allocation accounting is disabled in this JVM");
        }
        return bytes;
    }

    private static boolean hasMip(List<Field> layers) {
        return layers.stream().anyMatch(l -> l.name().equals("mip"));
    }
}
