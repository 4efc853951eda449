package org.multitunnel.agent.load;

/**
 * Follows a running load: once per second (the live progress line, the GUI's charts) and on phase changes. Called
 * on the generator's scheduling thread: return quickly.
 */
public interface LoadListener {
    void second(LoadSecond s);

    default void phase(String name) {
    }
}
