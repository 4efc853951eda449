package org.multitunnel.wire.mip.finding;

/** How bad a finding is: a broken MUST, a broken SHOULD or suspicious value, or a note worth showing. */
public enum MessageSeverity {
    ERROR, WARNING, INFO;

    /** Lower-case form used in JSON ("error", "warning", "info"). */
    public String json() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
