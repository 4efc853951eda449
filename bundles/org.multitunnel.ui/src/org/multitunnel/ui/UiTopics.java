package org.multitunnel.ui;

/** Event-broker topics shared by handlers and parts, kept in one place so senders and listeners agree. */
public final class UiTopics {
    /** Data: the {@link java.nio.file.Path} of a capture the user asked to open. */
    public static final String CAPTURE_OPEN_REQUESTED = "multitunnel/capture/openRequested";

    private UiTopics() {
    }
}
