package org.multitunnel.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

/** The updater keeps every binding's state and history consistent and routes every change through its context. */
class ModelUpdaterTest {
    private static final long S = SampleSession.S;
    private static final long T0 = SampleSession.T0;

    private final CaptureSession session = MultitunnelFactory.eINSTANCE.createCaptureSession();
    private final ModelUpdater updater = new ModelUpdater(session);

    @Test
    void registrationRefreshAndDeregistrationAreRecordedInHistory() {
        MobileNode mn = updater.mobileNode("10.1.0.5");
        Registration rrq = MultitunnelFactory.eINSTANCE.createRegistration();
        Binding b = binding(1, 300);

        updater.register(mn, b, T0 + S, 2, rrq);
        updater.refresh(b, 600, T0 + 100 * S, 9, null);
        updater.end(b, BindingEvent.DEREGISTERED, T0 + 200 * S, 14, null);

        assertEquals(BindingState.DEREGISTERED, b.getState());
        assertEquals(T0 + S, b.getRegisteredAt());
        assertEquals(T0 + 100 * S, b.getRefreshedAt());
        assertEquals(T0 + 200 * S, b.getEndedAt());
        assertEquals(600, b.getLifetimeGranted());
        List<BindingStateChange> history = b.getHistory();
        assertEquals(3, history.size());
        assertChange(history.get(0), BindingEvent.REGISTERED, BindingState.ACTIVE, T0 + S, 2, 300);
        assertSame(rrq, history.get(0).getRegistration());
        assertChange(history.get(1), BindingEvent.REFRESHED, BindingState.ACTIVE, T0 + 100 * S, 9, 600);
        assertChange(history.get(2), BindingEvent.DEREGISTERED, BindingState.DEREGISTERED, T0 + 200 * S, 14, -1);
    }

    @Test
    void registeringAnActiveBindingAgainIsARefresh() {
        MobileNode mn = updater.mobileNode("10.1.0.5");
        Binding b = updater.register(mn, binding(3, 300), T0, 1, null);
        b.setLifetimeGranted(120);
        updater.register(mn, b, T0 + 5 * S, 7, null);

        assertEquals(1, mn.getBindings().size());
        assertEquals(T0, b.getRegisteredAt());
        assertChange(b.getHistory().get(1), BindingEvent.REFRESHED, BindingState.ACTIVE, T0 + 5 * S, 7, 120);
        assertEquals(T0 + 5 * S + 120 * S, ModelQueries.leaseEnd(b));
    }

    @Test
    void expiryHasNoFrameAndEndsTheBinding() {
        MobileNode mn = updater.mobileNode("10.1.0.5");
        Binding b = updater.register(mn, binding(1, 30), T0, 2, null);
        updater.expire(b, ModelQueries.leaseEnd(b));

        assertEquals(BindingState.EXPIRED, b.getState());
        assertEquals(T0 + 30 * S, b.getEndedAt());
        BindingStateChange expired = b.getHistory().get(1);
        assertEquals(BindingEvent.EXPIRED, expired.getEvent());
        assertFalse(expired.isSetFrame());
        assertNull(expired.getRegistration());
        assertTrue(ModelQueries.activeBindings(mn).isEmpty());
    }

    @Test
    void rejectedBindingIsKeptWithoutRegistrationTime() {
        MobileNode mn = updater.mobileNode("10.1.0.5");
        Binding b = binding(2, 300);
        b.unsetLifetimeGranted();
        updater.reject(mn, b, T0 + S, 4, null);

        assertEquals(BindingState.REJECTED, b.getState());
        assertFalse(b.isSetRegisteredAt());
        assertEquals(T0 + S, b.getEndedAt());
        assertChange(b.getHistory().get(0), BindingEvent.REJECTED, BindingState.REJECTED, T0 + S, 4, -1);
        assertNull(ModelQueries.activeBinding(mn, 2));
    }

    @Test
    void endedBindingsCannotBeRevivedOrEndedTwice() {
        MobileNode mn = updater.mobileNode("10.1.0.5");
        Binding b = updater.register(mn, binding(1, 300), T0, 1, null);
        updater.end(b, BindingEvent.REPLACED, T0 + S, 2, null);

        assertThrows(IllegalStateException.class, () -> updater.register(mn, b, T0 + 2 * S, 3, null));
        assertThrows(IllegalStateException.class, () -> updater.expire(b, T0 + 3 * S));
        assertThrows(IllegalArgumentException.class,
                () -> updater.end(updater.register(mn, binding(2, 300), T0, 1, null), BindingEvent.EXPIRED, T0, 1, null));
        assertEquals(2, b.getHistory().size());
    }

    @Test
    void queriesFindActiveBindingsByBidAndCareOfAddress() {
        MobileNode mn = updater.mobileNode("10.1.0.5");
        Binding one = updater.register(mn, binding(1, 300), T0, 1, null);
        Binding two = updater.register(mn, binding(2, 300), T0, 3, null);
        updater.end(one, BindingEvent.DEREGISTERED, T0 + S, 5, null);

        assertEquals(List.of(two), ModelQueries.activeBindings(mn));
        assertNull(ModelQueries.activeBinding(mn, 1));
        assertSame(two, ModelQueries.activeBinding(mn, 2));
        assertSame(two, ModelQueries.activeBindingTo(mn, "198.51.100.2"));
        assertNull(ModelQueries.activeBindingTo(mn, "198.51.100.1"));
    }

    @Test
    void mobileNodesAndTunnelsAreFoundOrCreatedInFirstSeenOrder() {
        MobileNode a = updater.mobileNode("10.1.0.5");
        MobileNode b = updater.mobileNode("10.1.0.6");
        assertSame(a, updater.mobileNode("10.1.0.5"));
        assertEquals(List.of(a, b), session.getMobileNodes());

        Tunnel ipip = updater.tunnel("192.0.2.1", "198.51.100.7", Encapsulation.IPIP);
        Tunnel gre = updater.tunnel("192.0.2.1", "198.51.100.7", Encapsulation.GRE);
        assertSame(ipip, updater.tunnel("192.0.2.1", "198.51.100.7", Encapsulation.IPIP));
        assertEquals(List.of(ipip, gre), session.getTunnels());

        updater.addBid(ipip, 1);
        updater.addBid(ipip, 1);
        updater.addHomeAddress(ipip, "10.1.0.5");
        updater.addHomeAddress(ipip, "10.1.0.5");
        assertEquals(List.of(1), ipip.getBids());
        assertEquals(List.of("10.1.0.5"), ipip.getHomeAddresses());
    }

    @Test
    void newUpdaterFindsNodesAndTunnelsAlreadyInTheSession() {
        CaptureSession existing = SampleSession.build();
        ModelUpdater again = new ModelUpdater(existing);
        assertSame(existing.getMobileNodes().get(0), again.mobileNode("10.1.0.5"));
        assertSame(existing.getTunnels().get(0), again.tunnel("192.0.2.1", "198.51.100.7", Encapsulation.IPIP));
        assertEquals(1, existing.getMobileNodes().size());
        assertEquals(1, existing.getTunnels().size());
    }

    @Test
    void seriesMustBeParallelAndAscending() {
        Tunnel t = updater.tunnel("192.0.2.1", "198.51.100.7", Encapsulation.UDP);
        assertThrows(IllegalArgumentException.class,
                () -> updater.setSeries(t, S, new long[] { 1, 2 }, new long[] { 5 }, new long[] { 1, 1 }));
        assertThrows(IllegalArgumentException.class,
                () -> updater.setSeries(t, S, new long[] { 2, 2 }, new long[] { 5, 5 }, new long[] { 1, 1 }));
        long[] times = { T0, T0 + S };
        updater.setSeries(t, S, times, new long[] { 100, 50 }, new long[] { 2, 1 });
        times[0] = 0; // the updater copied the array
        assertEquals(T0, t.getSeries().getTimes()[0]);
        assertEquals(50, t.getSeries().getBytes()[1]);
    }

    @Test
    void everyChangeRunsThroughTheContext() {
        int[] runs = { 0 };
        ModelUpdater counted = new ModelUpdater(session, change -> {
            runs[0]++;
            change.run();
        });
        MobileNode mn = counted.mobileNode("10.1.0.5");
        Binding b = counted.register(mn, binding(1, 300), T0, 1, null);
        counted.expire(b, T0 + 300 * S);
        counted.addFinding(1, Severity.INFO, "MIR-TEST", "m");
        counted.set(b, MultitunnelPackage.Literals.BINDING__LINK_WEIGHT, 3);

        assertEquals(5, runs[0]);
        assertEquals(3, b.getLinkWeight());
    }

    @Test
    void emptyCaptureHasNoStartOrEnd() {
        updater.describeCapture("x.pcap", 5, 500, T0, T0 + S);
        updater.describeCapture("empty.pcap", 0, 0, 0, 0);
        assertFalse(session.isSetStart());
        assertFalse(session.isSetEnd());
        assertEquals("empty.pcap", session.getFile());
    }

    @Test
    void setSeriesCopiesTheArraysWhileAdoptSeriesKeepsThemWithoutACopy() {
        Tunnel t = updater.tunnel("192.0.2.1", "198.51.100.7", Encapsulation.IPIP);
        long[] times = {T0, T0 + S};
        long[] bytes = {100, 200};
        long[] packets = {1, 2};
        updater.setSeries(t, S, times, bytes, packets);
        assertFalse(t.getSeries().getTimes() == times, "setSeries keeps its own copy");
        times[0] = 0;
        assertEquals(T0, t.getSeries().getTimes()[0]);

        long[] big = {T0, T0 + S, T0 + 2 * S};
        updater.adoptSeries(t, S, big, new long[3], new long[3]);
        assertSame(big, t.getSeries().getTimes(), "a finished series is handed over without a copy");
        assertThrows(IllegalArgumentException.class,
                () -> updater.adoptSeries(t, S, new long[] {T0 + S, T0}, new long[2], new long[2]),
                "times must still ascend");
    }

    private static Binding binding(int bid, int lifetime) {
        Binding b = MultitunnelFactory.eINSTANCE.createBinding();
        b.setBid(bid);
        b.setCareOfAddress("198.51.100." + bid);
        b.setLifetimeRequested(lifetime);
        b.setLifetimeGranted(lifetime);
        b.setExtension(ExtensionKind.RFC7629);
        return b;
    }

    /** frame and lifetime -1: expected unset. */
    private static void assertChange(BindingStateChange c, BindingEvent event, BindingState state, long time,
            long frame, int lifetime) {
        assertEquals(event, c.getEvent());
        assertEquals(state, c.getState());
        assertEquals(time, c.getTime());
        assertEquals(frame >= 0, c.isSetFrame());
        if (frame >= 0) {
            assertEquals(frame, c.getFrame());
        }
        assertEquals(lifetime >= 0, c.isSetLifetime());
        if (lifetime >= 0) {
            assertEquals(lifetime, c.getLifetime());
        }
    }
}
