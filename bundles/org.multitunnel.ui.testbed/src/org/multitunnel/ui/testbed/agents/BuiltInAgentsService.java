package org.multitunnel.ui.testbed.agents;

import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;

import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.Status;
import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.e4.core.di.annotations.Creatable;
import org.multitunnel.ui.prefs.KeyStore;

/**
 * The workbench's one set of built-in agents, injected into Send and Agents. The Testbed perspective "needs" the
 * home agent as soon as one of those parts opens: {@link #ensureHomeAgent()} then starts it once with the default
 * settings (127.0.0.1:4434, the built-in key), in a background job so opening the perspective never waits on
 * secure storage or a socket. After the user stops it, it stays stopped. A taken port is reported by
 * {@link BuiltInAgents#problem()} with a free port to use instead.
 */
@Creatable
@Singleton
public class BuiltInAgentsService {
    private BuiltInAgents agents = new BuiltInAgents(KeyStore::openDefault);
    private HaSettings defaults = HaSettings.defaults();
    private boolean autoStartDone;
    private Job autoStart;

    public BuiltInAgents agents() {
        return agents;
    }

    /** Replaces the key table and default settings before any agent started (tests: a temporary key store, port 0). */
    public synchronized void configure(BuiltInAgents.KeyStoreOpener keys, HaSettings haDefaults) {
        agents.close();
        agents = new BuiltInAgents(keys);
        defaults = haDefaults;
        autoStartDone = false;
    }

    public synchronized HaSettings defaults() {
        return defaults;
    }

    /**
     * Starts the home agent with the defaults the first time the perspective needs it, in a job (returned so
     * callers and tests can join it; null when nothing is to be done).
     */
    public synchronized Job ensureHomeAgent() {
        if (autoStartDone) {
            return autoStart;
        }
        autoStartDone = true;
        BuiltInAgents a = agents;
        HaSettings s = defaults;
        autoStart = Job.create("Starting the built-in home agent", (IProgressMonitor monitor) -> {
            if (a.homeAgent() == null) {
                try {
                    a.startHomeAgent(s);
                } catch (AgentStartException e) {
                    // reported through a.problem() in the Agents status line; never a crash
                }
            }
            return Status.OK_STATUS;
        });
        autoStart.setSystem(true);
        autoStart.schedule();
        return autoStart;
    }

    /** Whether {@code ensureHomeAgent} has no start left to do (for status lines: "starting…"). */
    public synchronized boolean starting() {
        return autoStart != null && autoStart.getState() != Job.NONE;
    }

    @PreDestroy
    public synchronized void shutdown() {
        agents.close();
    }
}
