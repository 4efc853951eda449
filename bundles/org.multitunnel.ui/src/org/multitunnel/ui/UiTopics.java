package org.multitunnel.ui;

/** Event-broker topics shared by handlers and parts, kept in one place so senders and listeners agree. */
public final class UiTopics {
    /** Data: the {@link java.nio.file.Path} of a capture the user asked to open. */
    public static final String CAPTURE_OPEN_REQUESTED = "multitunnel/capture/openRequested";
    /** Data: the {@link org.multitunnel.ui.session.OpenCapture} that replaced the previous one (rows may be 0). */
    public static final String CAPTURE_OPENED = "multitunnel/capture/opened";
    /** Data: the {@link org.multitunnel.ui.session.OpenCapture} whose packet index grew (or finished). */
    public static final String PACKETS_GROWN = "multitunnel/capture/packetsGrown";
    /** Data: the {@link org.multitunnel.ui.session.OpenCapture} whose analysis ended (done or cancelled). */
    public static final String ANALYSIS_DONE = "multitunnel/capture/analysisDone";
    /**
     * Data: the {@link org.multitunnel.ui.session.OpenCapture} whose running totals (tunnels, series) were just
     * written to its session; during a live capture about twice a second.
     */
    public static final String ANALYSIS_UPDATED = "multitunnel/capture/analysisUpdated";
    /** Data: {@link Integer}, the 0-based index of the packet selected in Packets. */
    public static final String PACKET_SELECTED = "multitunnel/packet/selected";
    /** Data: {@link Integer}, a 0-based packet index another view wants shown and selected in Packets. */
    public static final String GOTO_PACKET = "multitunnel/packet/goto";
    /**
     * Data: {@link Long}, a capture time (nanoseconds since the epoch) another view wants shown: Packets selects the
     * first packet it shows at or after that time (the last one before it if none follows).
     */
    public static final String GOTO_TIME = "multitunnel/packet/gotoTime";
    /**
     * Data: the {@link org.multitunnel.ui.packets.FilterResult} of the display filter Packets applied (rows null when
     * the filter was cleared); the Tunnels chart draws its packets as a line.
     */
    public static final String FILTER_APPLIED = "multitunnel/packet/filterApplied";
    /** Data: the {@link org.multitunnel.wire.Field} selected in Details (its bytes are highlighted). */
    public static final String FIELD_SELECTED = "multitunnel/field/selected";
    /** Data: {@link Integer}, the packet byte offset the user clicked in Bytes. */
    public static final String BYTE_CLICKED = "multitunnel/bytes/clicked";

    /** Data: the {@link org.multitunnel.model.Binding} or mobile node selected in Bindings (its tunnels are highlighted). */
    public static final String BINDING_SELECTED = "multitunnel/binding/selected";
    /**
     * Application-context key holding the last {@link #BINDING_SELECTED} data, for views created after the event
     * (e.g. State History, rendered when its tab is first shown).
     */
    public static final String SELECTED_BINDING_KEY = "org.multitunnel.ui.selectedBinding";

    private UiTopics() {
    }

    /** The user saved new preferences (data: the stored UiPreferences); they apply to the next capture opened. */
    public static final String PREFERENCES_CHANGED = "multitunnel/preferences/changed";
}
