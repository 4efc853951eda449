package org.multitunnel.ui.handlers;

import java.nio.file.Path;

import jakarta.inject.Named;

import org.eclipse.e4.core.di.annotations.Execute;
import org.eclipse.e4.core.services.events.IEventBroker;
import org.eclipse.e4.ui.services.IServiceConstants;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.FileDialog;
import org.eclipse.swt.widgets.Shell;
import org.multitunnel.ui.UiTopics;

/** File > Open Capture... (Ctrl+O): asks for a pcap / pcapng / gzip file and announces it to the views. */
public class OpenCaptureHandler {
    @Execute
    public void execute(@Named(IServiceConstants.ACTIVE_SHELL) Shell shell, IEventBroker events) {
        FileDialog dialog = new FileDialog(shell, SWT.OPEN);
        dialog.setText("Open Capture");
        dialog.setFilterExtensions(new String[] { "*.pcap;*.pcapng;*.cap;*.gz", "*" });
        dialog.setFilterNames(new String[] { "Captures (pcap, pcapng, gzip)", "All files" });
        String chosen = dialog.open();
        if (chosen != null) {
            events.post(UiTopics.CAPTURE_OPEN_REQUESTED, Path.of(chosen));
        }
    }
}
