package org.multitunnel.ui.handlers;

import jakarta.inject.Named;

import org.eclipse.e4.core.di.annotations.Execute;
import org.eclipse.e4.ui.services.IServiceConstants;
import org.eclipse.jface.dialogs.MessageDialog;
import org.eclipse.swt.widgets.Shell;

/** Help > About: what this is and where its specifications come from. */
public class AboutHandler {
    @Execute
    public void execute(@Named(IServiceConstants.ACTIVE_SHELL) Shell shell) {
        MessageDialog.openInformation(shell, "About MultiTunnel Workbench",
                "MultiTunnel Workbench\n\nAnalyzer and testbed for Mobile IP with multiple care-of addresses "
                        + "(RFC 5944, RFC 7629 flow bindings and the multiple-tunnel drafts).");
    }
}
