package org.multitunnel.ui.parts;

import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Label;

/**
 * The one way a part says what it will show before data is open, so an empty view never looks broken and
 * always names the command that fills it.
 */
public final class EmptyPartMessage {
    /** Data key under which the message label can be found (the UI tests read it). */
    public static final String DATA_KEY = "org.multitunnel.ui.emptyMessage";

    private EmptyPartMessage() {
    }

    public static Label create(Composite parent, String whatItShows) {
        parent.setLayout(new GridLayout(1, false));
        Label label = new Label(parent, SWT.WRAP);
        label.setText(whatItShows + "\n\nOpen a capture with File > Open Capture... (Ctrl+O), or start "
                + "./workbench CAPTURE.pcapng.");
        label.setLayoutData(new GridData(SWT.FILL, SWT.TOP, true, false));
        label.setData(DATA_KEY, Boolean.TRUE);
        return label;
    }
}
