package org.multitunnel.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * The updater's index of active bindings answers what walking a node's history answered (ModelQueries), by BID, by
 * care-of address and in registration order, however long the history, and tells listeners of every change.
 */
class ActiveBindingsTest {
    private static final long S = SampleSession.S;
    private static final long T0 = SampleSession.T0;

    private final CaptureSession session = MultitunnelFactory.eINSTANCE.createCaptureSession();
    private final ModelUpdater updater = new ModelUpdater(session);
    private final ActiveBindings index = updater.activeBindings();

    @Test
    void bindingsAreFoundByBidAndCareOfAddressWhileActiveAndNotAfterTheyEnd() {
        MobileNode mn = updater.mobileNode("10.1.0.5");
        Binding wlan = updater.register(mn, binding(1, "198.51.100.7"), T0, 2, null);
        Binding lte = updater.register(mn, binding(2, "198.51.100.8"), T0 + S, 4, null);

        assertSame(wlan, index.byBid(mn, 1));
        assertSame(lte, index.byBid(mn, 2));
        assertSame(lte, index.toCareOf(mn, "198.51.100.8"));
        assertEquals(List.of(wlan, lte), index.of(mn), "registration order");
        assertEquals(1, index.careOfCount("198.51.100.7"));

        updater.end(wlan, BindingEvent.DEREGISTERED, T0 + 2 * S, 6, null);
        updater.expire(lte, T0 + 300 * S);

        assertNull(index.byBid(mn, 1));
        assertNull(index.toCareOf(mn, "198.51.100.8"));
        assertEquals(List.of(), index.of(mn));
        assertEquals(0, index.careOfCount("198.51.100.7"));
        assertEquals(0, index.size());
    }

    @Test
    void twoBidsSharingOneCareOfAddressAreCountedAndTheEarlierOneIsFoundFirst() {
        // seed 000 Case-3: both interfaces register through one FA care-of address (BID 1 and 2)
        MobileNode mn = updater.mobileNode("10.1.0.5");
        Binding b1 = updater.register(mn, binding(1, "203.0.113.1"), T0, 2, null);
        Binding b2 = updater.register(mn, binding(2, "203.0.113.1"), T0 + S, 4, null);

        assertEquals(2, index.careOfCount("203.0.113.1"));
        assertSame(b1, index.toCareOf(mn, "203.0.113.1"));
        updater.end(b1, BindingEvent.DEREGISTERED, T0 + 2 * S, 6, null);
        assertSame(b2, index.toCareOf(mn, "203.0.113.1"), "the other BID still holds the care-of address");
        assertEquals(1, index.careOfCount("203.0.113.1"));
    }

    @Test
    void aLongHistoryOfReplacedBindingsLeavesOneActiveBindingPerBidAsModelQueriesSees() {
        MobileNode mn = updater.mobileNode("10.1.0.5");
        for (int r = 0; r < 5000; r++) {
            int bid = 1 + r % 255;
            Binding old = index.byBid(mn, bid);
            if (old != null) {
                updater.end(old, BindingEvent.REPLACED, T0 + r * S, 2L * r + 1, null);
            }
            updater.register(mn, binding(bid, "100.64." + (r / 250) + "." + (r % 250)), T0 + r * S, 2L * r + 2,
                    null);
        }
        assertEquals(5000, mn.getBindings().size(), "every registration moved its BID: a new binding each");
        assertEquals(255, index.size());
        assertEquals(ModelQueries.activeBindings(mn), index.of(mn));
        for (int bid = 1; bid <= 255; bid++) {
            assertSame(ModelQueries.activeBinding(mn, bid), index.byBid(mn, bid), "BID " + bid);
        }
        Binding last = index.byBid(mn, 1 + 4999 % 255);
        assertSame(ModelQueries.activeBindingTo(mn, last.getCareOfAddress()),
                index.toCareOf(mn, last.getCareOfAddress()));
    }

    @Test
    void listenersHearActivationsAndEndingsButNotRefreshesOrRejections() {
        List<String> heard = new ArrayList<>();
        index.addListener(new ActiveBindings.Listener() {
            @Override
            public void activated(Binding b) {
                heard.add("+" + b.getBid());
            }

            @Override
            public void ended(Binding b) {
                heard.add("-" + b.getBid());
            }
        });
        MobileNode mn = updater.mobileNode("10.1.0.5");
        Binding b = updater.register(mn, binding(1, "198.51.100.7"), T0, 2, null);
        updater.refresh(b, 600, T0 + S, 3, null);
        updater.register(mn, b, T0 + 2 * S, 4, null); // registering an active binding again is a refresh
        Binding refused = binding(2, "198.51.100.8");
        refused.unsetLifetimeGranted();
        updater.reject(mn, refused, T0 + 3 * S, 5, null);
        updater.end(b, BindingEvent.DEREGISTERED, T0 + 4 * S, 6, null);

        assertEquals(List.of("+1", "-1"), heard);
    }

    @Test
    void anUpdaterOverASessionWithActiveBindingsIndexesThem() {
        MobileNode mn = updater.mobileNode("10.1.0.5");
        Binding b = updater.register(mn, binding(7, "198.51.100.9"), T0, 2, null);

        ModelUpdater second = new ModelUpdater(session);
        assertSame(b, second.activeBindings().byBid(second.mobileNode("10.1.0.5"), 7));
    }

    private static Binding binding(int bid, String coa) {
        Binding b = MultitunnelFactory.eINSTANCE.createBinding();
        b.setBid(bid);
        b.setCareOfAddress(coa);
        b.setLifetimeGranted(300);
        return b;
    }
}
