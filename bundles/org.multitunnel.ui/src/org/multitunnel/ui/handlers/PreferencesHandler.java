package org.multitunnel.ui.handlers;

import java.io.IOException;
import java.util.List;

import jakarta.inject.Named;

import org.eclipse.e4.core.di.annotations.Execute;
import org.eclipse.e4.core.services.events.IEventBroker;
import org.eclipse.e4.ui.services.IServiceConstants;
import org.eclipse.equinox.security.storage.StorageException;
import org.eclipse.jface.dialogs.MessageDialog;
import org.eclipse.jface.window.Window;
import org.eclipse.swt.widgets.Shell;
import org.multitunnel.ui.UiTopics;
import org.multitunnel.ui.decodeas.DecodeAsApply;
import org.multitunnel.ui.prefs.KeyEntry;
import org.multitunnel.ui.prefs.KeyStore;
import org.multitunnel.ui.prefs.PreferencesDialog;
import org.multitunnel.ui.prefs.UiPreferences;
import org.multitunnel.ui.session.CaptureSessionService;
import org.multitunnel.wire.mip.ReplyCodes;
import org.osgi.service.prefs.BackingStoreException;

/**
 * Window > Preferences (Ctrl+,): edits the stored {@link UiPreferences} and the key table in secure storage. The
 * chart interval, chart unit, keys and draft extension types apply to the next capture opened; draft reply codes
 * are renamed at once; changed Mobile IP ports re-analyse the open capture, as Analyze > Decode As does.
 */
public class PreferencesHandler {
    @Execute
    public void execute(@Named(IServiceConstants.ACTIVE_SHELL) Shell shell, IEventBroker events,
            CaptureSessionService service) {
        UiPreferences prefs = UiPreferences.load();
        List<Integer> portsBefore = prefs.mipPorts();
        KeyStore store = null;
        List<KeyEntry> keys = List.of();
        try {
            store = KeyStore.openDefault();
            keys = store.load();
        } catch (IOException | StorageException | RuntimeException e) {
            MessageDialog.openWarning(shell, "Key Table Unavailable",
                    "The key table in secure storage could not be read; changes to keys will not be saved.\n\n"
                            + e.getClass().getSimpleName());
        }
        PreferencesDialog dialog = new PreferencesDialog(shell, prefs, keys);
        if (dialog.open() != Window.OK) {
            return;
        }
        try {
            dialog.preferences().store();
            if (store != null) {
                store.save(dialog.keys());
            }
        } catch (BackingStoreException | StorageException | IOException e) {
            MessageDialog.openError(shell, "Preferences Not Saved",
                    "The preferences could not be saved: " + e.getMessage());
            return;
        }
        List<String> conflicts = dialog.preferences().applyReplyCodes(ReplyCodes.standard());
        if (!conflicts.isEmpty()) {
            MessageDialog.openWarning(shell, "Reply Codes Not Moved", String.join("\n", conflicts));
        }
        events.post(UiTopics.PREFERENCES_CHANGED, dialog.preferences());
        DecodeAsApply.apply(service, portsBefore, dialog.preferences().mipPorts()); // one Decode As setting
    }
}
