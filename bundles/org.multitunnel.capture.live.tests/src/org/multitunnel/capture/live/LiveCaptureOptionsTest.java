package org.multitunnel.capture.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * The Mobile IP ports a live capture's file records: none unless given (readers then use their own Decode As
 * setting), added in order without duplicates, and only UDP ports.
 */
class LiveCaptureOptionsTest {
    @Test
    void recordedMobileIpPortsAreAddedInOrderWithoutDuplicates() {
        LiveCaptureOptions o = LiveCaptureOptions.of("lo", Path.of("x.pcapng"));
        assertEquals(List.of(), o.mipPorts());
        LiveCaptureOptions more = o.withMoreMipPorts(List.of(434, 4434)).withMoreMipPorts(List.of(4434, 4435));
        assertEquals(List.of(434, 4434, 4435), more.mipPorts());
        assertEquals(List.of(434, 4434, 4435), more.withFilter("udp").withSnapLength(100).mipPorts(),
                "kept by the other with* methods");
        assertThrows(IllegalArgumentException.class, () -> o.withMipPorts(List.of(0)));
        assertThrows(IllegalArgumentException.class, () -> o.withMipPorts(List.of(65536)));
    }
}
