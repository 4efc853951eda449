package org.multitunnel.ui.parts;

import jakarta.annotation.PostConstruct;

import org.eclipse.swt.widgets.Composite;

/**
 * Tunnels view of the Analysis perspective. Until a capture is open it tells the user what it will show and
 * how to open data; the views are filled by the analysis GUI work (issue 6) from the core bundles' model.
 */
public class TunnelsChartPart {
    static final String WHAT_IT_SHOWS = "Tunnels: per-tunnel throughput over time, one series per HA-to-care-of-address tunnel.";

    @PostConstruct
    public void createControls(Composite parent) {
        EmptyPartMessage.create(parent, WHAT_IT_SHOWS);
    }
}
