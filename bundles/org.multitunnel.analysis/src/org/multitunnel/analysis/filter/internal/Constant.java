package org.multitunnel.analysis.filter.internal;

import java.util.regex.Pattern;

import org.multitunnel.analysis.filter.FieldType;

/**
 * A literal of a filter, already read as the type of the field it is compared with (Wireshark reads a literal by
 * the field's type too, so {@code 0800} is two bytes for {@code frame[12:2]} and an error for {@code ip.src}).
 * Numbers, IPv4/MAC addresses and times are in {@code num}; IPv6 in {@code num}/{@code low}; {@code prefix} is the
 * CIDR length of an address (-1 for a plain address).
 */
final class Constant {
    final FieldType type;
    final String source;
    long num;
    long low;
    boolean v6;
    boolean negative;
    int prefix = -1;
    byte[] bytes;
    String text;
    Pattern pattern;

    Constant(FieldType type, String source) {
        this.type = type;
        this.source = source;
    }

    /** For {@code a..b} ranges and {@code in} sets: the upper end, or null for a single value. */
    Constant upper;
}
