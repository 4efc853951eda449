package org.multitunnel.ui.parts;

import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Label;

/**
 * Switches a part between its {@link EmptyPartMessage} (no capture open) and its real content, so every view
 * keeps saying what it will show until there is data, without each part juggling layout data itself.
 */
final class PartBody {
    private final Composite parent;
    private final Label empty;
    private Control content;

    PartBody(Composite parent, String whatItShows) {
        this.parent = parent;
        this.empty = EmptyPartMessage.create(parent, whatItShows);
    }

    Composite parent() {
        return parent;
    }

    /** Registers the control shown once data is there; it starts hidden. */
    <T extends Control> T content(T control) {
        content = control;
        GridData d = new GridData(SWT.FILL, SWT.FILL, true, true);
        d.exclude = true;
        control.setLayoutData(d);
        control.setVisible(false);
        return control;
    }

    void showContent(boolean show) {
        if (empty.isDisposed()) {
            return;
        }
        ((GridData) empty.getLayoutData()).exclude = show;
        empty.setVisible(!show);
        ((GridData) content.getLayoutData()).exclude = !show;
        content.setVisible(show);
        parent.layout(true, true);
    }
}
