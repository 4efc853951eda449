package org.multitunnel.agent.client;

import java.time.Clock;

/** Holds the one process-wide timestamp source, so concurrent clients never reuse or reorder an Identification. */
final class SharedTimestamps {
    static final IdentificationSource INSTANCE = IdentificationSource.timestamps(Clock.systemUTC());

    private SharedTimestamps() {
    }
}
