package org.multitunnel.ui.session;

/**
 * A background job that owns the current capture, opening a file or capturing live. The service keeps one; when
 * another capture replaces it, the job is cancelled, joined and its capture's file closed
 * ({@link CaptureSessionService#closeReplaced}), whichever kind it was.
 */
interface CaptureJob {
    /** The capture this job published, or null if it never got that far. */
    OpenCapture capture();
}
