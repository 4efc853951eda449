package org.multitunnel.model;

/**
 * Why: one small but complete session (every class, set and unset optional values, cross references) shared by the
 * round-trip, updater and export tests, built through {@link ModelUpdater} exactly as the analysis will. The
 * values are the test's own scenario: an RFC 7629 MN registering BID 1 over WLAN (IPIP) and BID 2 over LTE (GRE,
 * one retransmission), de-registering BID 2, and one unanswered request.
 */
public final class SampleSession {
    public static final long S = 1_000_000_000L;
    public static final long T0 = 1_700_000_000L * S;

    private SampleSession() {
    }

    public static CaptureSession build() {
        MultitunnelFactory f = MultitunnelFactory.eINSTANCE;
        CaptureSession session = f.createCaptureSession();
        ModelUpdater u = new ModelUpdater(session);
        u.describeCapture("scenario.pcapng", 42, 5000, T0, T0 + 10 * S + S / 2);

        MobileNode mn = u.mobileNode("10.1.0.5");
        u.identify(mn, "192.0.2.1", "mn5@example.net");

        // BID 1 over WLAN: request frame 1 at +1 s, reply frame 2 3.2 ms later
        Registration r1 = request(1, T0 + S, 0x1122334455667788L, "198.51.100.7", 1, 300);
        u.addRegistration(mn, r1);
        u.answered(r1, 2, T0 + S + 3_200_000, 0, 300);
        Binding b1 = binding(1, "198.51.100.7", 4, 1, Encapsulation.IPIP, 300);
        u.register(mn, b1, T0 + S + 3_200_000, 2, r1);

        // BID 2 over LTE: request frame 3 at +2 s, retransmitted (frame 4), reply frame 5 5 ms after the first
        Registration r2 = request(3, T0 + 2 * S, 0x1122334455667789L, "203.0.113.9", 2, 200);
        u.addRegistration(mn, r2);
        u.retransmitted(r2);
        u.answered(r2, 5, T0 + 2 * S + 5_000_000, 0, 200);
        Binding b2 = binding(2, "203.0.113.9", 1, 2, Encapsulation.GRE, 200);
        u.register(mn, b2, T0 + 2 * S + 5_000_000, 5, r2);

        // an unanswered request, frame 6 at +3 s
        u.addRegistration(mn, request(6, T0 + 3 * S, 0x112233445566778aL, "203.0.113.9", 2, 0));

        // BID 2 de-registered by frame 8 at +4.25 s
        u.end(b2, BindingEvent.DEREGISTERED, T0 + 4 * S + S / 4, 8, r2);

        FlowBinding fb = f.createFlowBinding();
        fb.setAction(FlowAction.FORWARD);
        fb.getBids().add(1);
        fb.setSelectorFormat("ipv4");
        fb.setSelectorText("dst 10.9.0.0/16 proto 17");
        fb.setSelector(new byte[] { 1, 2, 3 });
        fb.setFrame(2);
        u.addFlowBinding(mn, fb);

        Tunnel t = u.tunnel("192.0.2.1", "198.51.100.7", Encapsulation.IPIP);
        u.addHomeAddress(t, "10.1.0.5");
        u.addBid(t, 1);
        u.setTraffic(t, 3, 360, 2, 200);
        u.setSeries(t, S, new long[] { T0 + S, T0 + 3 * S }, new long[] { 420, 140 }, new long[] { 4, 1 });

        u.addFinding(6, Severity.WARNING, "RFC5944-3.6.1.3-UNANSWERED", "request, \"unanswered\"",
                mn.getRegistrations().get(2));
        return session;
    }

    private static Registration request(long frame, long time, long identification, String coa, int bid,
            int lifetime) {
        Registration r = MultitunnelFactory.eINSTANCE.createRegistration();
        r.setRequestFrame(frame);
        r.setRequestTime(time);
        r.setIdentification(identification);
        r.setCareOfAddress(coa);
        r.setHomeAgent("192.0.2.1");
        r.setBid(bid);
        r.setLifetimeRequested(lifetime);
        r.setFlags(0x80); // S: simultaneous bindings
        r.setExtension(ExtensionKind.RFC7629);
        return r;
    }

    private static Binding binding(int bid, String coa, int att, int label, Encapsulation encapsulation,
            int lifetime) {
        Binding b = MultitunnelFactory.eINSTANCE.createBinding();
        b.setBid(bid);
        b.setCareOfAddress(coa);
        b.setAccessTechnology(att);
        b.setInterfaceLabel(label);
        b.setEncapsulation(encapsulation);
        b.setLifetimeRequested(lifetime);
        b.setLifetimeGranted(lifetime);
        b.setExtension(ExtensionKind.RFC7629);
        return b;
    }
}
