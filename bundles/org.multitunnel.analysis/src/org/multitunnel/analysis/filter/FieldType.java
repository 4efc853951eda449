package org.multitunnel.analysis.filter;

/**
 * The type of a display-filter field, as Wireshark types its fields (FT_UINT*, FT_IPv4, FT_BYTES, ...): it decides
 * how a literal on the other side of a comparison is read and which operators apply, so that {@code ip.dst == 300}
 * or {@code mip.code contains 1} are errors rather than filters that silently match nothing. {@link #docName()} is
 * the word in the "Value" column of {@code docs/fields.md}.
 */
public enum FieldType {
    /** A protocol layer: tested alone, or as its bytes with contains, matches, slices and ==. */
    PROTOCOL("protocol"),
    /** A grouping node without a value of its own (an extension, an option): tested alone. */
    NONE("node"),
    /** An unsigned integer of up to 64 bits (frame numbers, lengths, ports, codes). */
    UNSIGNED("integer"),
    /** A one-bit flag, 0 or 1 (literals 0, 1, true, false). */
    BOOLEAN("flag"),
    /** An IPv4 address (literal dotted quad, optionally with /prefix). */
    IPV4("IPv4"),
    /** An IPv6 address (literal in RFC 5952 text, optionally with /prefix). */
    IPV6("IPv6"),
    /** An IPv4 or an IPv6 address (RFC 6088 traffic selector addresses follow the TS Format). */
    ADDRESS("address"),
    /** A 6-byte MAC address (hex bytes separated by ':', '-' or '.'). */
    ETHER("MAC"),
    /** A byte string (hex bytes, or a quoted string compared as its UTF-8 bytes). */
    BYTES("bytes"),
    /** A character string (quoted literal). */
    STRING("text"),
    /** A date and time (quoted literal such as "2023-11-14 22:13:21.5", local time unless it ends in UTC or Z). */
    ABSOLUTE_TIME("time"),
    /** A time offset or time stamp in seconds with up to nine decimals. */
    RELATIVE_TIME("seconds");

    private final String docName;

    FieldType(String docName) {
        this.docName = docName;
    }

    /** The word used in docs/fields.md's "Value" column. */
    public String docName() {
        return docName;
    }

    /** The type whose {@link #docName()} is {@code word}, or null. */
    public static FieldType ofDocName(String word) {
        for (FieldType t : values()) {
            if (t.docName.equals(word)) {
                return t;
            }
        }
        return null;
    }

    /** True for types whose values are byte sequences that slices, contains and matches work on. */
    public boolean bytesLike() {
        return this == PROTOCOL || this == BYTES || this == ETHER || this == STRING || this == IPV4 || this == IPV6
                || this == ADDRESS;
    }
}
