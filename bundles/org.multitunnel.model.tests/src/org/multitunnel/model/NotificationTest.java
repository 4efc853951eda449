package org.multitunnel.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;

import org.eclipse.emf.common.notify.Notification;
import org.eclipse.emf.ecore.util.EContentAdapter;
import org.junit.jupiter.api.Test;

/** A view's adapter on the session sees the analysis's changes as they are made through the updater. */
class NotificationTest {

    @Test
    void contentAdapterSeesNodesBindingsAndStateChanges() {
        CaptureSession session = MultitunnelFactory.eINSTANCE.createCaptureSession();
        List<Notification> seen = new ArrayList<>();
        session.eAdapters().add(new EContentAdapter() {
            @Override
            public void notifyChanged(Notification n) {
                super.notifyChanged(n);
                if (!n.isTouch()) {
                    seen.add(n);
                }
            }
        });
        ModelUpdater updater = new ModelUpdater(session);
        MobileNode mn = updater.mobileNode("10.1.0.5");
        Binding b = MultitunnelFactory.eINSTANCE.createBinding();
        b.setBid(1);
        b.setLifetimeGranted(300);
        updater.register(mn, b, SampleSession.T0, 2, null);
        seen.clear();

        updater.end(b, BindingEvent.DEREGISTERED, SampleSession.T0 + SampleSession.S, 3, null);

        Notification state = find(seen, MultitunnelPackage.Literals.BINDING__STATE);
        assertEquals(b, state.getNotifier());
        assertEquals(BindingState.ACTIVE, state.getOldValue());
        assertEquals(BindingState.DEREGISTERED, state.getNewValue());
        Notification history = find(seen, MultitunnelPackage.Literals.BINDING__HISTORY);
        assertEquals(Notification.ADD, history.getEventType());
        assertEquals(BindingEvent.DEREGISTERED, ((BindingStateChange) history.getNewValue()).getEvent());
        assertEquals(SampleSession.T0 + SampleSession.S, (Long) find(seen, MultitunnelPackage.Literals.BINDING__ENDED_AT).getNewValue());
    }

    @Test
    void addingAMobileNodeNotifiesTheSession() {
        CaptureSession session = MultitunnelFactory.eINSTANCE.createCaptureSession();
        List<Notification> seen = new ArrayList<>();
        session.eAdapters().add(new EContentAdapter() {
            @Override
            public void notifyChanged(Notification n) {
                super.notifyChanged(n);
                seen.add(n);
            }
        });
        MobileNode mn = new ModelUpdater(session).mobileNode("10.1.0.9");

        Notification add = find(seen, MultitunnelPackage.Literals.CAPTURE_SESSION__MOBILE_NODES);
        assertEquals(Notification.ADD, add.getEventType());
        assertEquals(mn, add.getNewValue());
    }

    private static Notification find(List<Notification> seen, Object feature) {
        return seen.stream().filter(n -> n.getFeature() == feature).findFirst()
                .orElseThrow(() -> new AssertionError("no notification for " + feature + " in " + seen));
    }
}
