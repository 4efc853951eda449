package org.multitunnel.analysis.dataplane;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.ByteBuffer;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.multitunnel.analysis.AnalysisRules;
import org.multitunnel.model.Binding;
import org.multitunnel.model.BindingEvent;
import org.multitunnel.model.CaptureSession;
import org.multitunnel.model.Finding;
import org.multitunnel.model.MobileNode;
import org.multitunnel.model.ModelUpdater;
import org.multitunnel.model.MultitunnelFactory;
import org.multitunnel.wire.dissect.Addresses;
import org.multitunnel.wire.fast.PacketClassifier;
import org.multitunnel.wire.fast.PacketSummary;

/**
 * The data-plane check follows binding changes as the updater reports them: one finding per unbound run of a
 * care-of address, a run ends when the address is bound, a new one starts after it loses its binding, and a
 * Mobile IPv6 binding (IPv6 care-of address) in the same session neither breaks nor satisfies the IPv4 check.
 */
class UnboundTunnelCheckTest {
    private static final long T0 = 1_700_000_000_000_000_000L;
    private static final int LINKTYPE_IPV4 = 228;

    /** IP-in-IP from the home agent 192.0.2.1 to the care-of address 198.51.100.7, inner 172.16.0.7 > 10.1.0.5. */
    private static final byte[] TUNNELLED = {
        0x45, 0x00, 0x00, 0x28, // outer IPv4: version 4, IHL 5, TOS 0, total length 40
        0x00, 0x01, 0x40, 0x00, // identification 1, DF
        0x40, 0x04, 0x00, 0x00, // TTL 64, protocol 4 (IP in IP), checksum (not checked)
        (byte) 192, 0, 2, 1, // source: the home agent
        (byte) 198, 51, 100, 7, // destination: the care-of address
        0x45, 0x00, 0x00, 0x14, // inner IPv4: total length 20 (header only)
        0x00, 0x02, 0x40, 0x00, // identification 2, DF
        0x3f, 0x3b, 0x00, 0x00, // TTL 63, protocol 59 (no next header), checksum
        (byte) 172, 16, 0, 7, // inner source: a correspondent
        10, 1, 0, 5, // inner destination: the home address
    };

    private final CaptureSession session = MultitunnelFactory.eINSTANCE.createCaptureSession();
    private final ModelUpdater updater = new ModelUpdater(session);
    private final Set<Integer> homeAgents = new HashSet<>(Set.of(Addresses.parseIpv4("192.0.2.1")));
    private final UnboundTunnelCheck check = new UnboundTunnelCheck(updater, homeAgents);
    private final PacketSummary summary = new PacketSummary();

    @Test
    void eachUnboundRunOfACareOfAddressIsOneFindingAndABindingInBetweenEndsTheRun() {
        MobileNode mn = updater.mobileNode("10.1.0.5");
        packet(1); // no binding yet
        packet(2); // same run
        Binding b = updater.register(mn, binding(1, "198.51.100.7"), T0, 3, null);
        packet(4); // bound
        updater.end(b, BindingEvent.DEREGISTERED, T0 + 1, 5, null);
        packet(6); // a new unbound run
        packet(7); // the same run

        assertEquals(List.of(1L, 6L), frames());
    }

    @Test
    void aMobileIpv6BindingInTheSessionDoesNotBindOrBreakTheIpv4Check() {
        MobileNode mn6 = updater.mobileNode("2001:db8:1::5");
        updater.register(mn6, binding(1, "2001:db8:2::7"), T0, 1, null);
        packet(2); // the IPv4 care-of address has no binding

        assertEquals(List.of(2L), frames());
        assertEquals(AnalysisRules.DATA_WITHOUT_BINDING, session.getFindings().get(0).getRule());
    }

    @Test
    void aCareOfAddressSharedByTwoBidsStaysBoundUntilBothEnd() {
        MobileNode mn = updater.mobileNode("10.1.0.5");
        Binding b1 = updater.register(mn, binding(1, "198.51.100.7"), T0, 1, null);
        Binding b2 = updater.register(mn, binding(2, "198.51.100.7"), T0, 2, null);
        updater.end(b1, BindingEvent.DEREGISTERED, T0 + 1, 3, null);
        packet(4); // BID 2 still holds the address
        updater.end(b2, BindingEvent.DEREGISTERED, T0 + 2, 5, null);
        packet(6); // unbound

        assertEquals(List.of(6L), frames());
    }

    private void packet(long frame) {
        PacketClassifier.classify(LINKTYPE_IPV4, ByteBuffer.wrap(TUNNELLED), 0, TUNNELLED.length, summary);
        check.packet(summary, frame);
    }

    private static Binding binding(int bid, String coa) {
        Binding b = MultitunnelFactory.eINSTANCE.createBinding();
        b.setBid(bid);
        b.setCareOfAddress(coa);
        b.setLifetimeGranted(300);
        return b;
    }

    private List<Long> frames() {
        return session.getFindings().stream().map(Finding::getFrame).toList();
    }
}
