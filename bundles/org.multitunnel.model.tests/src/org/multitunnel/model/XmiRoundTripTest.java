package org.multitunnel.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

import org.eclipse.emf.common.util.URI;
import org.eclipse.emf.ecore.EAttribute;
import org.eclipse.emf.ecore.EObject;
import org.eclipse.emf.ecore.resource.Resource;
import org.eclipse.emf.ecore.util.EcoreUtil;
import org.junit.jupiter.api.Test;
import org.multitunnel.model.util.MultitunnelResourceFactoryImpl;

/** The model saves to XMI and loads back unchanged, including unset values, arrays and cross references. */
class XmiRoundTripTest {

    @Test
    void sessionSurvivesSaveAndLoadUnchanged() throws IOException {
        CaptureSession original = SampleSession.build();
        String xmi = save(original);
        CaptureSession loaded = load(xmi);

        assertTrue(new ArrayAwareEquality().equals(original, loaded), "loaded model differs from the saved one:\n" + xmi);
        ThroughputSeries series = loaded.getTunnels().get(0).getSeries();
        assertArrayEquals(new long[] { SampleSession.T0 + SampleSession.S, SampleSession.T0 + 3 * SampleSession.S },
                series.getTimes());
        assertArrayEquals(new long[] { 420, 140 }, series.getBytes());
        assertArrayEquals(new long[] { 4, 1 }, series.getPackets());
        assertArrayEquals(new byte[] { 1, 2, 3 }, loaded.getMobileNodes().get(0).getFlowBindings().get(0).getSelector());
        assertEquals(0x1122334455667788L, loaded.getMobileNodes().get(0).getRegistrations().get(0).getIdentification());
    }

    @Test
    void unsetValuesStayUnsetAfterLoading() throws IOException {
        CaptureSession loaded = load(save(SampleSession.build()));
        Binding active = loaded.getMobileNodes().get(0).getBindings().get(0);
        assertFalse(active.isSetEndedAt(), "an active binding has no end");
        assertFalse(active.isSetLinkWeight());
        Registration unanswered = loaded.getMobileNodes().get(0).getRegistrations().get(2);
        assertFalse(unanswered.isSetReplyFrame());
        assertFalse(unanswered.isSetCode());
        BindingStateChange registered = active.getHistory().get(0);
        assertTrue(registered.isSetFrame());
        assertEquals(2, registered.getFrame());
    }

    @Test
    void crossReferencesPointIntoTheLoadedModel() throws IOException {
        CaptureSession loaded = load(save(SampleSession.build()));
        MobileNode mn = loaded.getMobileNodes().get(0);
        EObject related = loaded.getFindings().get(0).getRelated().get(0);
        assertSame(mn.getRegistrations().get(2), related);
        assertSame(mn.getRegistrations().get(1), mn.getBindings().get(1).getHistory().get(1).getRegistration());
    }

    /** EMF compares attribute values with equals(); the series and selector arrays need a deep comparison. */
    private static final class ArrayAwareEquality extends EcoreUtil.EqualityHelper {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean haveEqualAttribute(EObject a, EObject b, EAttribute attribute) {
            return Objects.deepEquals(a.eGet(attribute), b.eGet(attribute)) && a.eIsSet(attribute) == b.eIsSet(attribute);
        }
    }

    private static String save(CaptureSession session) throws IOException {
        Resource resource = new MultitunnelResourceFactoryImpl().createResource(URI.createURI("memory:/s.multitunnel"));
        resource.getContents().add(session);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        resource.save(out, null);
        return out.toString(StandardCharsets.UTF_8);
    }

    private static CaptureSession load(String xmi) throws IOException {
        MultitunnelPackage.eINSTANCE.getNsURI(); // outside OSGi, touching the package registers its nsURI
        Resource resource = new MultitunnelResourceFactoryImpl().createResource(URI.createURI("memory:/s.multitunnel"));
        resource.load(new ByteArrayInputStream(xmi.getBytes(StandardCharsets.UTF_8)), null);
        return (CaptureSession) resource.getContents().get(0);
    }
}
