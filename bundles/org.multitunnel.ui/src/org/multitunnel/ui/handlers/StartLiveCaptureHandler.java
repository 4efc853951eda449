package org.multitunnel.ui.handlers;

import java.util.List;

import jakarta.inject.Named;

import org.eclipse.e4.core.di.annotations.CanExecute;
import org.eclipse.e4.core.di.annotations.Execute;
import org.eclipse.e4.ui.services.IServiceConstants;
import org.eclipse.jface.dialogs.MessageDialog;
import org.eclipse.jface.window.Window;
import org.eclipse.swt.widgets.Shell;
import org.multitunnel.capture.live.Interfaces;
import org.multitunnel.capture.live.LiveCaptureException;
import org.multitunnel.capture.live.LiveInterface;
import org.multitunnel.ui.live.LiveCaptureDialog;
import org.multitunnel.ui.live.LiveCaptureSettings;
import org.multitunnel.ui.session.CaptureErrors;
import org.multitunnel.ui.session.CaptureSessionService;
import org.multitunnel.ui.session.LiveCaptureErrors;
import org.multitunnel.ui.session.LiveCaptureJob;

/**
 * Capture > Start Live Capture... (Ctrl+E): lists the interfaces (a missing libpcap is explained here, before any
 * dialog), asks for the capture settings and starts the capture in the background. Disabled while one runs.
 */
public class StartLiveCaptureHandler {
    @CanExecute
    public boolean canExecute(CaptureSessionService service) {
        return !service.isCapturingLive();
    }

    @Execute
    public void execute(@Named(IServiceConstants.ACTIVE_SHELL) Shell shell, CaptureSessionService service) {
        List<LiveInterface> interfaces;
        try {
            interfaces = Interfaces.list();
        } catch (LiveCaptureException e) {
            CaptureErrors.Problem p = LiveCaptureErrors.describe(null, e);
            MessageDialog.openError(shell, p.title(), p.message());
            return;
        }
        LiveCaptureDialog dialog = new LiveCaptureDialog(shell, interfaces, LiveCaptureSettings.defaults(interfaces));
        if (dialog.open() == Window.OK) {
            start(service, dialog.result());
        }
    }

    /** What Start in the dialog does; tests call it with the dialog's result. */
    public static LiveCaptureJob start(CaptureSessionService service, LiveCaptureSettings settings) {
        return service.startLive(settings.toOptions());
    }
}
