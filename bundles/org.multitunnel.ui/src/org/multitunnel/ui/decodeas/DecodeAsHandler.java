package org.multitunnel.ui.decodeas;

import java.util.List;

import jakarta.inject.Named;

import org.eclipse.e4.core.di.annotations.Execute;
import org.eclipse.e4.core.di.annotations.Optional;
import org.eclipse.e4.core.services.events.IEventBroker;
import org.eclipse.e4.ui.services.IServiceConstants;
import org.eclipse.jface.dialogs.MessageDialog;
import org.eclipse.jface.window.Window;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Shell;
import org.multitunnel.ui.UiTopics;
import org.multitunnel.ui.prefs.UiPreferences;
import org.multitunnel.ui.session.CaptureSessionService;
import org.osgi.service.prefs.BackingStoreException;

/**
 * Analyze > Decode As... (Ctrl+Shift+U, as in Wireshark): shows the stored Mobile IP ports as Decode As rows; on
 * OK stores them as the preferences' port list (the one setting every view and job reads) and re-analyses the open
 * capture with them ({@link DecodeAsApply}).
 */
public class DecodeAsHandler {
    @Execute
    public void execute(@Optional @Named(IServiceConstants.ACTIVE_SHELL) Shell activeShell,
            CaptureSessionService service, IEventBroker events) {
        Shell shell = activeShell != null ? activeShell : Display.getCurrent().getActiveShell();
        UiPreferences prefs = UiPreferences.load();
        List<Integer> before = prefs.mipPorts();
        DecodeAsDialog dialog = new DecodeAsDialog(shell, before, DecodeAsApply.recordedBy(service.current()));
        if (dialog.open() != Window.OK) {
            return;
        }
        try {
            prefs.setMipPorts(dialog.ports()).store();
        } catch (BackingStoreException | RuntimeException e) {
            MessageDialog.openError(shell, "Decode As Not Saved", "The Decode As setting could not be saved: "
                    + e.getMessage());
            return;
        }
        events.post(UiTopics.PREFERENCES_CHANGED, prefs);
        DecodeAsApply.Outcome outcome = DecodeAsApply.apply(service, before, prefs.mipPorts());
        if (outcome == DecodeAsApply.Outcome.LIVE_CAPTURE_KEEPS_ITS_SETTING) {
            MessageDialog.openInformation(shell, "Decode As", "The live capture keeps decoding UDP "
                    + UiPreferences.formatPorts(before) + " until it is opened again; new captures use "
                    + UiPreferences.formatPorts(prefs.mipPorts()) + ".");
        }
    }
}
