package org.multitunnel.analysis;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.multitunnel.capture.CaptureReader;
import org.multitunnel.capture.NotACaptureFileException;
import org.multitunnel.wire.DecodeException;
import org.multitunnel.wire.JsonReader;
import org.multitunnel.wire.fast.PacketClassifier;
import org.multitunnel.wire.fast.PacketKind;
import org.multitunnel.wire.fast.PacketSummary;
import org.multitunnel.wire.mip.MipCodec;
import org.multitunnel.wire.mip.MipMessage;

/**
 * Decode → encode is byte-exact on every Mobile IPv4 signalling message of every capture the project has (the
 * public captures hold none; the synthesized scenarios hold hundreds), so replay and re-sending never alter what
 * was captured.
 */
class MipRoundTripOverCapturesTest {
    @Test
    void everyCapturedRegistrationMessageReEncodesToTheSameBytes() throws Exception {
        List<Path> files;
        try (Stream<Path> s = Files.walk(Path.of("../../test-captures"))) {
            files = s.filter(Files::isRegularFile).filter(p -> p.toString().matches(".*\\.(pcap|pcapng)$"))
                    .sorted().toList();
        }
        MipCodec codec = new MipCodec();
        PacketSummary summary = new PacketSummary();
        int[] messages = { 0 };
        for (Path f : files) {
            try {
                CaptureReader.read(f, p -> {
                    if (PacketClassifier.classify(p.linkType(), p.buffer(), p.dataOffset(), p.capturedLength(),
                            summary) != PacketKind.MIP_SIGNALLING || summary.ipVersion() != 4) {
                        return true;
                    }
                    ByteBuffer b = p.buffer();
                    int m = summary.mipOffset();
                    int udpLength = b.getShort(m - 4) & 0xffff;
                    int len = Math.min(udpLength - 8, p.dataOffset() + p.capturedLength() - m);
                    byte[] original = new byte[len];
                    b.get(m, original);
                    try {
                        MipMessage decoded = codec.decode(original);
                        assertArrayEquals(original, MipCodec.encode(decoded), f + " frame " + (p.index() + 1));
                        messages[0]++;
                    } catch (DecodeException e) {
                        // a hostile capture's broken message: decoding refused it with the typed error
                    }
                    return true;
                });
            } catch (NotACaptureFileException e) {
                // not a capture at all (some hostile files): nothing to round-trip
            }
        }
        // The synthesizer's ground truth counts the requests and replies it wrote into each capture.
        long expected = 0;
        try (Stream<Path> s = Files.list(Path.of("../../test-captures"))) {
            for (Path j : s.filter(p -> p.toString().endsWith(".expected.json")).toList()) {
                java.util.Map<?, ?> truth = (java.util.Map<?, ?>) JsonReader.parse(Files.readString(j));
                expected += ((Number) truth.get("requests")).longValue() + ((Number) truth.get("replies")).longValue();
            }
        }
        assertTrue(expected > 0);
        assertEquals(expected, messages[0], "registration messages round-tripped");
    }
}
