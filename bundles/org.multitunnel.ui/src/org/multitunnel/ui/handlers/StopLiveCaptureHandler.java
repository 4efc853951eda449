package org.multitunnel.ui.handlers;

import org.eclipse.e4.core.di.annotations.CanExecute;
import org.eclipse.e4.core.di.annotations.Execute;
import org.multitunnel.ui.session.CaptureSessionService;

/**
 * Capture > Stop Live Capture (Ctrl+Shift+E): asks the running capture to stop and returns at once; the views
 * turn into those of the saved pcapng once the rest of the file is indexed and analysed.
 */
public class StopLiveCaptureHandler {
    @CanExecute
    public boolean canExecute(CaptureSessionService service) {
        return service.isCapturingLive();
    }

    @Execute
    public void execute(CaptureSessionService service) {
        service.stopLive();
    }
}
