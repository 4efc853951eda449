package org.multitunnel.ui.parts;

import jakarta.annotation.PostConstruct;

import org.eclipse.swt.widgets.Composite;

/**
 * Packets view of the Analysis perspective. Until a capture is open it tells the user what it will show and
 * how to open data; the views are filled by the analysis GUI work (issue 6) from the core bundles' model.
 */
public class PacketsPart {
    static final String WHAT_IT_SHOWS = "Packets: every packet of the capture (No., Time, Source, Destination, Protocol, Length, Info), coloured by signalling, tunnel and finding.";

    @PostConstruct
    public void createControls(Composite parent) {
        EmptyPartMessage.create(parent, WHAT_IT_SHOWS);
    }
}
