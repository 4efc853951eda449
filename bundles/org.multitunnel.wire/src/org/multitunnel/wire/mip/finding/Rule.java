package org.multitunnel.wire.mip.finding;

/** A conformance rule this checker can report: id, default severity and the normative text it enforces. */
public record Rule(String id, MessageSeverity severity, String statement) {
    public MessageFinding at(int offset, String message) {
        return new MessageFinding(severity, id, message, offset);
    }
}
