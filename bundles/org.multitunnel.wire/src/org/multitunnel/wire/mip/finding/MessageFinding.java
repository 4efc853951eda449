package org.multitunnel.wire.mip.finding;

/**
 * One message-level finding: which rule (id as in docs/conformance.md), how severe, a message for people, and the
 * byte offset (absolute, as given to the checker) of the offending field.
 */
public record MessageFinding(MessageSeverity severity, String rule, String message, int offset) {
    @Override
    public String toString() {
        return severity.json() + " " + rule + " @" + offset + ": " + message;
    }
}
