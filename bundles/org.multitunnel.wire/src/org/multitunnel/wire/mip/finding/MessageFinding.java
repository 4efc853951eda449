package org.multitunnel.wire.mip.finding;

/**
 * One message-level finding: which rule (id as in docs/conformance.md), how severe, a message for people, the
 * byte offset (absolute, as given to the checker) of the offending field, and whether it is a malformation (the
 * bytes do not fit the format: a short fixed part, a Length that overruns or cannot hold its structure, bytes no
 * field accounts for). Malformations are what the decode marks {@code _ws.malformed}, so the two never disagree.
 */
public record MessageFinding(MessageSeverity severity, String rule, String message, int offset, boolean malformation) {
    public MessageFinding(MessageSeverity severity, String rule, String message, int offset) {
        this(severity, rule, message, offset, false);
    }

    @Override
    public String toString() {
        return severity.json() + " " + rule + " @" + offset + (malformation ? " (malformed)" : "") + ": " + message;
    }
}
