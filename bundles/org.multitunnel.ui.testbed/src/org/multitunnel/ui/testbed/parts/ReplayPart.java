package org.multitunnel.ui.testbed.parts;

import jakarta.annotation.PostConstruct;

import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.FillLayout;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Label;

/** Placeholder of the Testbed perspective's Replay part until its view lands. */
public class ReplayPart {
    @PostConstruct
    void create(Composite parent) {
        parent.setLayout(new FillLayout());
        new Label(parent, SWT.WRAP).setText("Replay");
    }
}
