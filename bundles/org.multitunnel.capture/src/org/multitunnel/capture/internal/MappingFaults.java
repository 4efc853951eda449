package org.multitunnel.capture.internal;

/**
 * Recognises the JVM's report of a fault on a memory-mapped page: when another program truncates a file while it is
 * mapped, touching a page past the new end raises SIGBUS, which HotSpot turns into an {@link InternalError} ("a fault
 * occurred in an unsafe memory access operation", or "... in a recent unsafe memory access operation in compiled
 * Java code"). Only that error is translated by the readers; any other error passes unchanged.
 */
public final class MappingFaults {
    private MappingFaults() {
    }

    public static boolean isMappingFault(Throwable t) {
        return t instanceof InternalError && t.getMessage() != null
                && t.getMessage().contains("unsafe memory access operation");
    }
}
