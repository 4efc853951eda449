package org.multitunnel.analysis.filter;

/**
 * One display-filter field of the {@link FieldRegistry}: what a user can type, what it means and what kind of value
 * it has. Public so the filter bar can offer completion and the docs are rendered from the same entries.
 *
 * @param name        the filter name, e.g. {@code mip.homeaddr}
 * @param type        its value type
 * @param origin      "WS" when Wireshark has the same name and meaning, "ext" for this project's extensions
 * @param description one sentence shown in docs/fields.md and as completion help
 * @param protocol    the protocol layer the field belongs to ({@code mip}, {@code ip}, {@code frame}), or "" for the
 *                    analysis' pseudo-fields ({@code finding}, {@code tunnel.coa})
 */
public record FieldInfo(String name, FieldType type, String origin, String description, String protocol) {
    public FieldInfo {
        if (name == null || name.isEmpty() || type == null) {
            throw new IllegalArgumentException("a field needs a name and a type");
        }
    }

    /** True when Wireshark has a field of this name with the same meaning. */
    public boolean wireshark() {
        return "WS".equals(origin);
    }
}
