package org.multitunnel.ui.details;

import java.util.List;

import org.eclipse.jface.viewers.ITreeContentProvider;
import org.multitunnel.wire.Field;

/** Feeds a TreeViewer from a dissection: the input is the list of layers, children are each field's children. */
public final class FieldTreeContent implements ITreeContentProvider {
    @Override
    public Object[] getElements(Object input) {
        return input instanceof List<?> l ? l.toArray() : new Object[0];
    }

    @Override
    public Object[] getChildren(Object parent) {
        return parent instanceof Field f ? f.children().toArray() : new Object[0];
    }

    @Override
    public Object getParent(Object element) {
        return null;
    }

    @Override
    public boolean hasChildren(Object element) {
        return element instanceof Field f && !f.children().isEmpty();
    }
}
