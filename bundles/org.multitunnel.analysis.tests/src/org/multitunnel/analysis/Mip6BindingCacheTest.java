package org.multitunnel.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.multitunnel.model.Binding;
import org.multitunnel.model.BindingState;
import org.multitunnel.model.CaptureSession;
import org.multitunnel.model.MobileNode;
import org.multitunnel.model.ModelUpdater;
import org.multitunnel.model.MultitunnelFactory;
import org.multitunnel.model.Registration;

/**
 * The Mobile IPv6 binding cache rebuilt from tcpdump's public capture ipv6_mobility_1.pcap (16 mobility
 * messages from 2001:db8::1 to 2001:db8::2; read with tshark: frames 6–10 and 16 are Binding Updates with
 * sequence 1000, 11–14 Binding Acknowledgements with sequence 1000 and status 0 (accepted)).
 */
class Mip6BindingCacheTest {
    private static final Path CAPTURE = Path.of("../../test-captures/public/tcpdump-mobility-gre/ipv6_mobility_1.pcap");

    @Test
    void acceptedBindingUpdateRegistersTheCareOfAddressForTheHomeAddress() throws Exception {
        assertTrue(Files.isRegularFile(CAPTURE), "public capture missing: " + CAPTURE.toAbsolutePath());
        CaptureSession s = MultitunnelFactory.eINSTANCE.createCaptureSession();
        CaptureAnalyzer.analyze(CAPTURE, AnalysisOptions.defaults(), new ModelUpdater(s), AnalysisProgress.NONE);
        assertEquals(1, s.getMobileNodes().size());
        MobileNode mn = s.getMobileNodes().get(0);
        // No Home Address option in these packets: the BU's source stands for the home address.
        assertEquals("2001:db8::1", mn.getHomeAddress());
        assertEquals("2001:db8::2", mn.getHomeAgent());
        // Every BU uses sequence 1000: the first opens the transaction, the next ones before the first BA
        // are retransmissions; the first BA (frame 11) answers it with status 0.
        Registration first = mn.getRegistrations().get(0);
        assertEquals(6, first.getRequestFrame());
        assertEquals(11, first.getReplyFrame());
        assertEquals(0, first.getCode());
        assertEquals(4, first.getRetransmissions());
        List<Binding> active = mn.getBindings().stream().filter(b -> b.getState() == BindingState.ACTIVE).toList();
        assertEquals(1, active.size());
    }
}
