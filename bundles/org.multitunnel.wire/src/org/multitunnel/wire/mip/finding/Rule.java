package org.multitunnel.wire.mip.finding;

/** A conformance rule this checker can report: id, default severity and the normative text it enforces. */
public record Rule(String id, Severity severity, String statement) {
    public Finding at(int offset, String message) {
        return new Finding(severity, id, message, offset);
    }

    /** A finding that is also a malformation: the decode marks it {@code _ws.malformed} at the same offset. */
    public Finding malformedAt(int offset, String message) {
        return new Finding(severity, id, message, offset, true);
    }
}
