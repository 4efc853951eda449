package org.multitunnel.wire.mip.ext;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Names of the RFC 7629 §4.2 Flow Binding Action values. The seed lost the figure that lists them (its "Figure 6:
 * Action Rules for the Traffic Selector" is empty) and the published value table could not be consulted here, so
 * the default registry names no value: dissection shows the number, and a preference or the analysis may
 * {@link #register} names once the table is confirmed. Deliberately not guessed (protocol-facts.md).
 */
public final class FlowBindingActions {
    private static final FlowBindingActions DEFAULTS = new FlowBindingActions();
    private final Map<Integer, String> names = new ConcurrentHashMap<>();

    public static FlowBindingActions defaults() {
        return DEFAULTS;
    }

    public FlowBindingActions register(int value, String name) {
        names.put(value, name);
        return this;
    }

    /** The registered name, or null. */
    public String name(int value) {
        return names.get(value);
    }
}
