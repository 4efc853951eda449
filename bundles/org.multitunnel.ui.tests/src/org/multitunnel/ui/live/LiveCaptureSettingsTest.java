package org.multitunnel.ui.live;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.InetAddress;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.multitunnel.capture.live.LiveCaptureOptions;
import org.multitunnel.capture.live.LiveInterface;

/** What the Start Live Capture dialog is prefilled with, and the options a start is made of. */
class LiveCaptureSettingsTest {
    @Test
    void outputIsATimestampedPcapngUnderTheStateDirectory() {
        ZonedDateTime t = ZonedDateTime.of(2026, 11, 23, 14, 5, 9, 0, ZoneOffset.UTC);
        assertEquals(Path.of("/srv/mt/captures/live-lo-20261123-140509.pcapng"), LiveCaptureSettings
                .defaultOutput(LiveCaptureSettings.stateDirectory(Map.of("MULTITUNNEL_HOME", "/srv/mt"), "/home/a"),
                        "lo", t));
        assertEquals(Path.of("/home/a/.multitunnel/captures/live-wlp0s20f3_1-20261123-140509.pcapng"),
                LiveCaptureSettings.defaultOutput(LiveCaptureSettings.stateDirectory(Map.of(), "/home/a"),
                        "wlp0s20f3:1", t));
    }

    @Test
    void prefersAnAddressedRunningLinkOverLoopback() throws Exception {
        LiveInterface lo = new LiveInterface("lo", "", List.of(InetAddress.getByName("127.0.0.1")), true, true, true);
        LiveInterface down = new LiveInterface("eth1", "", List.of(InetAddress.getByName("10.0.0.1")), false, false,
                false);
        LiveInterface eth = new LiveInterface("eth0", "", List.of(InetAddress.getByName("10.0.0.2")), false, true, true);
        assertEquals("eth0", LiveCaptureSettings.defaultInterface(List.of(lo, down, eth)));
        assertEquals("lo", LiveCaptureSettings.defaultInterface(List.of(down, lo)));
    }

    @Test
    void optionsCarryTheDialogValuesOverTheCaptureDefaults() {
        LiveCaptureSettings s = new LiveCaptureSettings("lo", " udp port 434 ", 1500, true, Path.of("/tmp/x.pcapng"));
        LiveCaptureOptions o = s.toOptions();
        assertEquals("lo", o.interfaceName());
        assertEquals("udp port 434", o.filter());
        assertEquals(1500, o.snapLength());
        assertEquals(true, o.promiscuous());
        assertEquals(Path.of("/tmp/x.pcapng"), o.writeThrough());
        assertEquals(LiveCaptureOptions.DEFAULT_KERNEL_BUFFER_BYTES, o.kernelBufferBytes());
    }
}
