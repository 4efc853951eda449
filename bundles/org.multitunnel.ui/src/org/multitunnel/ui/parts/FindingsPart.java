package org.multitunnel.ui.parts;

import jakarta.annotation.PostConstruct;

import org.eclipse.swt.widgets.Composite;

/**
 * Findings view of the Analysis perspective. Until a capture is open it tells the user what it will show and
 * how to open data; the views are filled by the analysis GUI work (issue 6) from the core bundles' model.
 */
public class FindingsPart {
    static final String WHAT_IT_SHOWS = "Findings: every violated MUST / MUST NOT found in the capture, with severity, rule and frame.";

    @PostConstruct
    public void createControls(Composite parent) {
        EmptyPartMessage.create(parent, WHAT_IT_SHOWS);
    }
}
