package org.multitunnel.model.provider;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

import org.eclipse.emf.edit.provider.IItemLabelProvider;
import org.eclipse.emf.edit.provider.IItemPropertySource;
import org.eclipse.emf.edit.provider.IStructuredItemContentProvider;
import org.eclipse.emf.edit.provider.ITreeItemContentProvider;
import org.junit.jupiter.api.Test;
import org.multitunnel.model.Binding;
import org.multitunnel.model.CaptureSession;
import org.multitunnel.model.MobileNode;
import org.multitunnel.model.ModelUpdater;
import org.multitunnel.model.MultitunnelFactory;

/**
 * The generated item providers give views what they need from the model: labels from the plug-in's resources,
 * the node → binding tree, and property descriptors, as a JFace viewer or the properties view would ask.
 */
class ItemProvidersTest {
    private final MultitunnelItemProviderAdapterFactory factory = new MultitunnelItemProviderAdapterFactory();

    private static CaptureSession session() {
        CaptureSession s = MultitunnelFactory.eINSTANCE.createCaptureSession();
        ModelUpdater u = new ModelUpdater(s);
        MobileNode mn = u.mobileNode("10.1.0.5");
        Binding b = MultitunnelFactory.eINSTANCE.createBinding();
        b.setBid(2);
        b.setCareOfAddress("198.51.100.7");
        b.setLifetimeGranted(300);
        u.register(mn, b, 1_700_000_000_000_000_000L, 4, null);
        return s;
    }

    @Test
    void labelsComeFromThePluginResourcesAndTheModelValues() {
        CaptureSession s = session();
        MobileNode mn = s.getMobileNodes().get(0);
        Binding b = mn.getBindings().get(0);
        IItemLabelProvider labels = (IItemLabelProvider) factory.adapt(b, IItemLabelProvider.class);
        assertNotNull(labels);
        assertEquals("Binding 198.51.100.7", labels.getText(b));
        IItemLabelProvider nodeLabels = (IItemLabelProvider) factory.adapt(mn, IItemLabelProvider.class);
        assertTrue(nodeLabels.getText(mn).endsWith("10.1.0.5"), nodeLabels.getText(mn));
    }

    @Test
    void theTreeGoesFromSessionToNodesToBindings() {
        CaptureSession s = session();
        ITreeItemContentProvider sessionTree = (ITreeItemContentProvider) factory.adapt(s,
                ITreeItemContentProvider.class);
        Collection<?> nodes = sessionTree.getChildren(s);
        assertEquals(List.of(s.getMobileNodes().get(0)), new ArrayList<>(nodes));
        MobileNode mn = s.getMobileNodes().get(0);
        IStructuredItemContentProvider nodeContent = (IStructuredItemContentProvider) factory.adapt(mn,
                IStructuredItemContentProvider.class);
        assertTrue(new ArrayList<>(nodeContent.getElements(mn)).contains(mn.getBindings().get(0)));
    }

    @Test
    void bindingsExposeTheirAttributesAsProperties() {
        Binding b = session().getMobileNodes().get(0).getBindings().get(0);
        IItemPropertySource props = (IItemPropertySource) factory.adapt(b, IItemPropertySource.class);
        List<String> ids = props.getPropertyDescriptors(b).stream().map(d -> d.getId(b)).toList();
        assertTrue(ids.contains("bid") && ids.contains("careOfAddress") && ids.contains("state"), ids.toString());
    }
}
