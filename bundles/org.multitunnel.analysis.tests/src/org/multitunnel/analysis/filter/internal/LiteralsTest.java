package org.multitunnel.analysis.filter.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.math.BigInteger;

import org.junit.jupiter.api.Test;

/**
 * Literal readings that decide whether a filter matches: IPv6 text (RFC 4291 §2.2 forms, never a name lookup),
 * dotted quads, hex byte strings, integers in Wireshark's bases and seconds with nanosecond precision.
 */
class LiteralsTest {
    @Test
    void ipv6TextFormsAndRejections() {
        assertArrayEquals(new long[] { 0x20010db800000000L, 1L }, Literals.ipv6("2001:db8::1"));
        assertArrayEquals(new long[] { 0x20010db800000000L, 1L }, Literals.ipv6("2001:0DB8:0:0:0:0:0:0001"));
        assertArrayEquals(new long[] { 0, 0 }, Literals.ipv6("::"));
        assertArrayEquals(new long[] { 0, 1 }, Literals.ipv6("::1"));
        assertArrayEquals(new long[] { 0x20010db800000000L, 0 }, Literals.ipv6("2001:db8::"));
        // ::ffff:192.0.2.1, an IPv4-mapped address with its dotted quad
        assertArrayEquals(new long[] { 0, 0x0000ffffc0000201L }, Literals.ipv6("::ffff:192.0.2.1"));
        assertNull(Literals.ipv6("2001:db8::1::2")); // two "::"
        assertNull(Literals.ipv6("1:2:3:4:5:6:7")); // seven groups without "::"
        assertNull(Literals.ipv6("1:2:3:4:5:6:7:8:9"));
        assertNull(Literals.ipv6("2001:db8::g"));
        assertNull(Literals.ipv6("12345::1")); // a group of five digits
        assertNull(Literals.ipv6("localhost"));
    }

    @Test
    void dottedQuads() {
        assertEquals(0xc0000201L, Literals.ipv4("192.0.2.1"));
        assertEquals(-1, Literals.ipv4("192.0.2.256"));
        assertEquals(-1, Literals.ipv4("192.0.2"));
        assertEquals(-1, Literals.ipv4("1.2.3.4.5"));
    }

    @Test
    void byteStrings() {
        assertArrayEquals(new byte[] { 0x1a, 0x2b }, Literals.bytes("1a:2b"));
        assertArrayEquals(new byte[] { 0x01, 0x0d }, Literals.bytes("1.d")); // one-digit groups, as Wireshark
        assertArrayEquals(new byte[] { 0x02, 0x00, 0x00, 0x00, 0x00, 0x01 }, Literals.bytes("0200.0000.0001"));
        assertArrayEquals(new byte[] { 0x08, 0x00 }, Literals.bytes("0800"));
        assertArrayEquals(new byte[] { 0x0a }, Literals.bytes("0xa"));
        assertNull(Literals.bytes("0x0800")); // a hex integer above one byte has no byte order
        assertNull(Literals.bytes("123")); // an odd number of digits
        assertNull(Literals.bytes("zz"));
    }

    @Test
    void integersAndSeconds() {
        assertEquals(BigInteger.valueOf(300), Literals.integer("0454"));
        assertEquals(BigInteger.valueOf(300), Literals.integer("0x12C"));
        assertEquals(BigInteger.valueOf(-1), Literals.integer("-1"));
        assertNull(Literals.integer("09")); // not octal
        assertNull(Literals.integer("1.5"));
        assertEquals(1_500_000_000L, Literals.seconds("1.5"));
        assertEquals(250_000_000L, Literals.seconds(".25"));
        assertEquals(-2_000_000_000L, Literals.seconds("-2"));
        assertEquals(1L, Literals.seconds("0.000000001"));
        assertEquals(1L, Literals.seconds("0.0000000010")); // trailing zeros beyond nanoseconds are fine
        assertNull(Literals.seconds("0.0000000001")); // below a nanosecond
        assertNull(Literals.seconds("."));
        assertNull(Literals.seconds("1s"));
    }
}
