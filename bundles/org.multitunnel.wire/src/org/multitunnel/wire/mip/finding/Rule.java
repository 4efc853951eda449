package org.multitunnel.wire.mip.finding;

/** A conformance rule this checker can report: id, default severity and the normative text it enforces. */
public record Rule(String id, MessageSeverity severity, String statement) {
    public MessageFinding at(int offset, String message) {
        return new MessageFinding(severity, id, message, offset);
    }

    /** A finding that is also a malformation: the decode marks it {@code _ws.malformed} at the same offset. */
    public MessageFinding malformedAt(int offset, String message) {
        return new MessageFinding(severity, id, message, offset, true);
    }
}
