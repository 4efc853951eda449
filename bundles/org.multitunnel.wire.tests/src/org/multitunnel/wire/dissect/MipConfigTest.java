package org.multitunnel.wire.dissect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.multitunnel.wire.Field;
import org.multitunnel.wire.Hex;
import org.multitunnel.wire.fast.MipPorts;
import org.multitunnel.wire.fast.PacketClassifier;
import org.multitunnel.wire.fast.PacketKind;
import org.multitunnel.wire.fast.PacketSummary;
import org.multitunnel.wire.mip.ext.MipExtension;
import org.multitunnel.wire.mip.ext.ExtensionListDecoder;
import org.multitunnel.wire.mip.ext.MultiInterfaceRoutingExtension;
import org.multitunnel.wire.mip.ext.MultipleTunnelRequestExtension;
import org.multitunnel.wire.mip.ext.RawExtension;

/**
 * The preferences' "Decode As" settings: which UDP ports the classifier and the dissector take for Mobile IPv4,
 * and at which type numbers the codec decodes the seed drafts' extensions.
 */
class MipConfigTest {
    /** Raw IPv4 (link type 101) + UDP 49152 → PORT carrying a 28-byte registration reply (code 0). */
    private static byte[] replyTo(int port) {
        return Hex.decode(""
                + "45000040" + "00010000" + "4011" + "0000" // IPv4, total length 64, TTL 64, UDP, checksum 0
                + "c0000201" + "c6336401" // 192.0.2.1 → 198.51.100.1
                + "c000" + String.format("%04x", port) + "002c" + "0000" // UDP 49152 → port, length 44, no checksum
                + "03" + "00" + "012c" // RRP, code 0, lifetime 300
                + "0a010001" + "c0000201" // home address 10.1.0.1, home agent 192.0.2.1
                + "0000000000000001" // identification
                + "20" + "0e" + "00000100" + "00112233445566778899"); // MN-HA auth (32), len 14, SPI 256, 10 B
    }

    @Test
    void classifierTakesOnlyTheConfiguredPortsForMobileIp() {
        PacketSummary s = new PacketSummary();
        ByteBuffer on4435 = ByteBuffer.wrap(replyTo(4435));
        assertEquals(PacketKind.OTHER, PacketClassifier.classify(101, on4435, 0, on4435.limit(), s));
        assertEquals(PacketKind.MIP_SIGNALLING,
                PacketClassifier.classify(101, on4435, 0, on4435.limit(), s, MipPorts.of(434, 4435)));
        assertEquals(3, s.mipType());
        ByteBuffer on434 = ByteBuffer.wrap(replyTo(434));
        assertEquals(PacketKind.MIP_SIGNALLING, PacketClassifier.classify(101, on434, 0, on434.limit(), s));
        assertEquals(PacketKind.OTHER, PacketClassifier.classify(101, on434, 0, on434.limit(), s, MipPorts.of(4435)));
    }

    @Test
    void defaultsDecodeTheIanaPortAndTheReferenceAgentsPort() {
        PacketSummary s = new PacketSummary();
        for (int port : new int[] { 434, 4434 }) {
            ByteBuffer b = ByteBuffer.wrap(replyTo(port));
            assertEquals(PacketKind.MIP_SIGNALLING, PacketClassifier.classify(101, b, 0, b.limit(), s), "port " + port);
            assertTrue(hasMip(new PacketDissector(), replyTo(port)), "port " + port);
            assertTrue(hasMip(MipConfig.defaults().dissector(), replyTo(port)), "port " + port);
        }
        assertEquals(List.of(434, 4434), MipPorts.DEFAULT.list());
        assertEquals(MipPorts.DEFAULT, MipConfig.defaults().ports());
    }

    @Test
    void dissectorFollowsTheConfiguredPorts() {
        MipConfig moved = new MipConfig(MipPorts.of(4435), 124, 125);
        assertTrue(hasMip(moved.dissector(), replyTo(4435)));
        assertFalse(hasMip(moved.dissector(), replyTo(434)), "434 is no longer Mobile IP");
        assertFalse(hasMip(moved.dissector(), replyTo(4434)), "nor is 4434");
        assertFalse(hasMip(new PacketDissector(), replyTo(4435)));
        assertTrue(hasMip(MipConfig.defaults().dissector(), replyTo(434)));
        MipConfig more = MipConfig.defaults().withMorePorts(List.of(4435));
        assertEquals(List.of(434, 4434, 4435), more.ports().list());
        assertTrue(hasMip(more.dissector(), replyTo(4435)));
        assertTrue(hasMip(more.dissector(), replyTo(4434)));
        assertTrue(MipConfig.defaults().withMorePorts(List.of(4434)).isDefault(), "nothing new: unchanged");
    }

    @Test
    void portSetsAnswerEveryPortInConstantTime() {
        MipPorts range = MipPorts.of(new DecodeAs(1, 65535).ports());
        assertEquals(65535, range.size());
        assertTrue(range.contains(1) && range.contains(65535) && range.contains(4434));
        assertFalse(range.contains(0));
        assertFalse(MipPorts.DEFAULT.contains(-1));
        assertFalse(MipPorts.DEFAULT.contains(65536));
        assertFalse(MipPorts.DEFAULT.contains(435));
    }

    private static boolean hasMip(PacketDissector d, byte[] frame) {
        List<Field> layers = d.dissect(101, ByteBuffer.wrap(frame));
        return layers.stream().anyMatch(f -> f.name().equals("mip"));
    }

    @Test
    void codecDecodesDraftExtensionsAtTheConfiguredTypes() {
        MipConfig moved = new MipConfig(MipPorts.DEFAULT, 200, 201);
        byte[] mirAt200 = Hex.decode("c806" + "000140030500"); // Type 200, Len 6, MIR body
        byte[] mtrAt201 = Hex.decode("c906" + "00" + "04" + "0007" + "4000"); // Type 201, Len 6, MTR body
        byte[] mirAt124 = Hex.decode("7c06" + "000140030500"); // the default number, now unassigned
        assertInstanceOf(MultiInterfaceRoutingExtension.class, decodeOne(moved, mirAt200));
        assertInstanceOf(MultipleTunnelRequestExtension.class, decodeOne(moved, mtrAt201));
        assertInstanceOf(RawExtension.class, decodeOne(moved, mirAt124));
        assertInstanceOf(MultiInterfaceRoutingExtension.class, decodeOne(MipConfig.defaults(), mirAt124));
        assertInstanceOf(RawExtension.class, decodeOne(MipConfig.defaults(), mirAt200));
    }

    private static MipExtension decodeOne(MipConfig c, byte[] b) {
        List<MipExtension> exts = ExtensionListDecoder.decode(b, 0, b.length, c.extensions());
        assertEquals(1, exts.size());
        return exts.get(0);
    }

    @Test
    void rejectsEmptyPortsAndCollidingDraftTypes() {
        assertThrows(IllegalArgumentException.class, () -> MipPorts.of(List.of()));
        assertThrows(IllegalArgumentException.class, () -> MipPorts.of(0));
        assertThrows(IllegalArgumentException.class, () -> new MipConfig(MipPorts.DEFAULT, 124, 124));
        assertEquals(List.of(434, 4434), MipPorts.of(434, 4434, 434).list());
    }
}
