package org.multitunnel.ui.decodeas;

import java.util.List;

import org.multitunnel.capture.CaptureInterface;
import org.multitunnel.ui.session.CaptureSessionService;
import org.multitunnel.ui.session.OpenCapture;
import org.multitunnel.ui.session.OpenCaptureJob;

/**
 * What a changed Decode As setting does to the capture on screen, the same whether it was changed in the Decode As
 * dialog or as the port list in Window > Preferences: the open capture is opened again, so its index, analysis,
 * rows, filter and details all use the new ports (with the usual progress and Cancel in the Packets status line).
 * A capture still being recorded live keeps its setting until it is opened again.
 */
public final class DecodeAsApply {
    /** What happened to the open capture. */
    public enum Outcome {
        /** The setting did not change, or no capture is open. */
        NOTHING_TO_DO,
        /** The open capture is being opened again with the new setting. */
        REANALYSING,
        /** A live capture is running: the new setting applies when it is opened again. */
        LIVE_CAPTURE_KEEPS_ITS_SETTING
    }

    private DecodeAsApply() {
    }

    /** Re-analyses the open capture when the Mobile IP ports went from {@code before} to {@code after}. */
    public static Outcome apply(CaptureSessionService service, List<Integer> before, List<Integer> after) {
        OpenCapture current = service.current();
        if (current == null || before.equals(after)) {
            return Outcome.NOTHING_TO_DO;
        }
        if (service.isCapturingLive() && current.isLive()) {
            return Outcome.LIVE_CAPTURE_KEEPS_ITS_SETTING;
        }
        OpenCaptureJob job = service.open(current.path());
        return job != null ? Outcome.REANALYSING : Outcome.NOTHING_TO_DO;
    }

    /** The ports the open capture's file records for itself (all its interfaces), for the dialog's note. */
    public static List<Integer> recordedBy(OpenCapture capture) {
        if (capture == null) {
            return List.of();
        }
        java.util.LinkedHashSet<Integer> recorded = new java.util.LinkedHashSet<>();
        for (CaptureInterface itf : capture.file().interfaces()) {
            recorded.addAll(itf.mipPorts());
        }
        return List.copyOf(recorded);
    }
}
