package org.multitunnel.agent.ha;

/**
 * Observer of the binding table, for the GUI's Bindings view, the CLI log and tests. Called on the agent's
 * thread after the change; implementations must return quickly and must not call back into the agent's writers.
 */
@FunctionalInterface
public interface BindingListener {
    /** What happened to a binding. */
    enum Change {
        ADDED, REFRESHED, DEREGISTERED, REPLACED, EXPIRED
    }

    void bindingChanged(Change change, HaBinding binding);
}
