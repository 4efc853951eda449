package org.multitunnel.ui.parts;

import jakarta.annotation.PostConstruct;

import org.eclipse.swt.widgets.Composite;

/**
 * Bytes view of the Analysis perspective. Until a capture is open it tells the user what it will show and
 * how to open data; the views are filled by the analysis GUI work (issue 6) from the core bundles' model.
 */
public class BytesPart {
    static final String WHAT_IT_SHOWS = "Bytes: hex and ASCII of the selected packet, with the selected field highlighted.";

    @PostConstruct
    public void createControls(Composite parent) {
        EmptyPartMessage.create(parent, WHAT_IT_SHOWS);
    }
}
