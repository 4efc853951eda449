package org.multitunnel.ui.bindings;

import java.util.ArrayList;
import java.util.List;

import org.eclipse.jface.viewers.ITreeContentProvider;
import org.multitunnel.model.CaptureSession;
import org.multitunnel.model.MobileNode;

/** The Bindings tree: mobile nodes at the top, each with its bindings and then its flow bindings. */
public final class BindingsContent implements ITreeContentProvider {
    @Override
    public Object[] getElements(Object input) {
        return input instanceof CaptureSession s ? s.getMobileNodes().toArray() : new Object[0];
    }

    @Override
    public Object[] getChildren(Object parent) {
        if (parent instanceof MobileNode mn) {
            List<Object> children = new ArrayList<>(mn.getBindings());
            children.addAll(mn.getFlowBindings());
            return children.toArray();
        }
        return new Object[0];
    }

    @Override
    public Object getParent(Object element) {
        return element instanceof org.eclipse.emf.ecore.EObject e ? e.eContainer() : null;
    }

    @Override
    public boolean hasChildren(Object element) {
        return element instanceof MobileNode mn && (!mn.getBindings().isEmpty() || !mn.getFlowBindings().isEmpty());
    }
}
