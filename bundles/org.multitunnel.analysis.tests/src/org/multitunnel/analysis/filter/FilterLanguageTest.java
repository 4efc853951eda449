package org.multitunnel.analysis.filter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;

import org.junit.jupiter.api.Test;

/**
 * The filter language on two frames written out byte by byte: a Registration Request with an NAI and an MN-HA
 * authenticator, and a GRE-tunnelled UDP datagram. Covers time literals and zones, CIDR, byte-string and integer
 * literal forms, slices, string escapes and raw strings, regular expressions, layers, field against field,
 * quantifiers, membership, bit masks, functions and group names — each against the frame's real bytes.
 */
class FilterLanguageTest {
    /** 2023-11-14T22:13:20.5Z, the request's capture time; the tunnelled frame follows 1.25 s later. */
    private static final long T0 = 1_700_000_000_500_000_000L;

    private static final byte[] RRQ = HexFormat.of().parseHex(String.join("",
            "020000000002", // eth.dst
            "020000000001", // eth.src 02:00:00:00:00:01
            "0800", // eth.type IPv4
            "45", "00", "005b", // version 4, IHL 5; DSCP 0; total length 91
            "1234", "4000", // identification 0x1234; flags DF, fragment offset 0
            "40", "11", "0000", // TTL 64; protocol 17 (UDP); checksum (not verified by filters)
            "c6336407", // ip.src 198.51.100.7 (care-of address)
            "c0000201", // ip.dst 192.0.2.1 (home agent)
            "c350", "01b2", "0047", "0000", // UDP 50000 -> 434, length 71, checksum 0
            "01", "82", "012c", // mip.type 1, flags S and T, lifetime 300
            "0a010005", // home address 10.1.0.5
            "c0000201", // home agent 192.0.2.1
            "c6336407", // care-of address 198.51.100.7
            "e1a2b3c4d5e6f701", // identification
            "83", "0f", "6d6e31406578616d706c652e6e6574", // NAI extension (131), length 15, "mn1@example.net"
            "20", "14", "00000100", // MN-HA authentication (32), length 20, SPI 256
            "1a2b3c4d5e6f708192a3b4c5d6e7f809")); // authenticator

    private static final byte[] TUNNELLED = HexFormat.of().parseHex(String.join("",
            "020000000001", "020000000002", "0800", // Ethernet to 02:00:00:00:00:01, IPv4
            "45", "00", "003c", "0001", "0000", "3f", "2f", "0000", // IPv4 total 60, TTL 63, protocol 47 (GRE)
            "c0000201", "c6336407", // 192.0.2.1 -> 198.51.100.7 (home agent to care-of address)
            "2000", "0800", "00000457", // GRE: K bit, protocol IPv4; key 1111
            "45", "00", "0020", "0002", "0000", "40", "11", "0000", // inner IPv4 total 32, TTL 64, UDP
            "cb007101", "0a010005", // 203.0.113.1 -> 10.1.0.5 (correspondent to home address)
            "1389", "138a", "000c", "0000", // UDP 5001 -> 5002, length 12
            "deadbeef")); // payload

    private static boolean on(byte[] frame, String filter) throws FilterSyntaxException {
        boolean first = frame == RRQ;
        FilterFrame f = new FilterFrame().set(first ? 1 : 2, 1, ByteBuffer.wrap(frame), 0, frame.length, frame.length,
                first ? T0 : T0 + 1_250_000_000L, T0, T0);
        return DisplayFilter.parse(filter).matcher().matches(f);
    }

    private static void both(String filter, boolean onRequest, boolean onTunnelled) throws FilterSyntaxException {
        assertEquals(onRequest, on(RRQ, filter), "request: " + filter);
        assertEquals(onTunnelled, on(TUNNELLED, filter), "tunnelled: " + filter);
    }

    @Test
    void absoluteTimesInEveryFormatAndZone() throws Exception {
        both("frame.time == \"2023-11-14 22:13:20.5 UTC\"", true, false);
        both("frame.time == \"Nov 14, 2023 22:13:20.500 UTC\"", true, false);
        both("frame.time >= \"2023-11-14T22:13:21Z\"", false, true);
        both("frame.time < \"2023-11-14 23:13:21+01:00\"", true, false); // 22:13:21 UTC
        both("frame.time > \"2023-11-14\"", true, true); // midnight, local time
        // without a zone the literal is local time, as in Wireshark
        String local = LocalDateTime.ofInstant(Instant.ofEpochSecond(0, T0), ZoneId.systemDefault())
                .format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.S"));
        both("frame.time == \"" + local + "\"", true, false);
        both("frame.time_relative == 1.25 && frame.time_delta == 1.25", false, true);
        both("frame.time_epoch == 1700000000.5", true, false);
        both("frame.number == 2 && frame.len == 74 && frame.cap_len == 74", false, true);
    }

    @Test
    void addressesWithPrefixesAndAgainstOtherFields() throws Exception {
        both("ip.addr == 198.51.100.0/24", true, true);
        both("ip.src == 198.51.100.0/25", true, false);
        both("ip.addr == 10.1.0.5/32", false, true);
        both("mip.coa == ip.src && mip.haaddr == ip.dst", true, false);
        both("ip.src == ip.dst", false, false);
        both("ip.src#1 == 192.0.2.1 && ip.src#2 == 203.0.113.1 && ip.addr#2 == 10.1.0.5", false, true);
        both("ip#2", false, true);
        both("ip#3", false, false);
        both("eth.src contains 00:01", true, false);
        both("eth.addr == 02-00-00-00-00-01 && eth.addr == 0200.0000.0002", true, true);
    }

    @Test
    void byteStringsAndSlices() throws Exception {
        for (String lit : new String[] { "1a:2b", "1a-2b", "1a.2b", "1a2b" }) {
            both("mip.auth.auth[0:2] == " + lit, true, false);
        }
        both("mip.auth.auth[0] == 0x1a", true, false);
        both("mip.auth.auth[-1] == 09 && mip.auth.auth[14:] == f8:09 && mip.auth.auth[1-2] == 2b:3c", true, false);
        both("mip.auth.auth[:1] == 1a && mip.auth.auth[0:1,15] == 1a:09", true, false);
        both("mip.auth.auth[15:2] == 09:00", false, false); // runs past the end: no value
        both("mip.auth.auth contains 4d:5e", true, false);
        both("frame[-4:] == de:ad:be:ef && udp[8:2] == \"\\xde\\xad\"", false, true);
        both("ip.src[0:2] == c6:33", true, false);
    }

    @Test
    void integersInEveryNotationWithMasksAndQuantifiers() throws Exception {
        both("mip.type == '\\x01' && mip.life == 0454 && mip.life == 0x12c", true, false); // 300 in octal and hex
        both("mip.flags & 0x80 && mip.flags & 0x82 == 0x82", true, false);
        both("mip.flags & 0x01", false, false);
        both("ip.ttl != 64", false, false); // the tunnelled frame has TTL 63 outside, 64 inside
        both("ip.ttl ~= 64 && any ip.ttl == 63", false, true);
        both("ip.ttl === 64", true, false);
        both("all ip.ttl == 64", true, false);
        both("udp.port not in {434}", false, true);
        both("udp.port in {5000..5001}", false, true);
        both("gre.key == 1111 && gre.flags.key == 1 && gre.proto == 0x0800", false, true);
    }

    @Test
    void textEscapesRawStringsAndRegularExpressions() throws Exception {
        both("mip.nai == \"mn1\\x40example.net\" && mip.nai == \"mn1\\100example.net\"", true, false);
        both("mip.nai matches r\"^mn\\d@\"", true, false);
        both("mip.nai matches \"^MN1\"", true, false); // case-insensitive by default
        both("mip.nai matches \"(?-i)^MN1\"", false, false);
        both("upper(mip.nai) == \"MN1@EXAMPLE.NET\" && lower(upper(mip.nai)) == \"mn1@example.net\"", true, false);
        both("len(mip.nai) == 15 && count(ip.src) == 1", true, false);
        both("string(mip.life) == \"300\" && string(mip.homeaddr) == \"10.1.0.5\"", true, false);
        both("string(gre.key) == \"1111\"", false, true);
    }

    @Test
    void protocolsGroupsAndKeywords() throws Exception {
        both("mip && udp && !gre", true, false);
        both("gre && !mip && !ipip", false, true);
        both("mip.auth", true, false); // a group name: any field under mip.auth
        both("mip.ext", true, false);
        both("MIP AND NOT gre", true, false);
        both("mip.s == true && mip.b == false", true, false);
    }

    @Test
    void typeErrorsNameTheFieldAndTheValue() {
        String[][] cases = {
            { "mip.life == \"300\"", "a string cannot be compared with mip.life, which is an integer" },
            { "ip.src == 10.1.0.0/33", "'/33' is not a prefix length (0-32)" },
            { "eth.src == 02:00", "'02:00' is not a MAC address (six hex bytes such as 02:00:5e:00:00:01)" },
            { "mip.auth.auth == xyz", "'xyz' is not a byte string (hex bytes such as 1a:2b:3c, or \"text\")" },
            { "frame.time_delta > \"1\"", "frame.time_delta is in seconds: write a number without quotes, e.g. 1.5" },
            { "mip.nai == \"a\\qb\"", "'\\q' is not a valid escape in a string (write \\\\ for a backslash, "
                    + "e.g. matches \"10\\\\.1\")" },
            { "mip.flags & 0x80 & mip.s", "'mip.s' is not an integer (mip.flags & 0x80 is an integer)" },
            { "eth.src[0:2] & 01", "the mask of eth.src[0:2] needs 2 bytes, like the slice" },
            { "upper(ip.src) == \"A\"", "upper() needs a text field; ip.src is an IPv4 address" },
            { "string(mip.nai) == \"a\"", "string() converts numbers, addresses and times; mip.nai is text" },
            { "mip.type[0] == 01", "slices work on byte strings, text, addresses and protocols; mip.type is an integer" },
            { "any mip", "'any' needs a comparison after the field, e.g. any ip.addr == 10.1.0.0/16" },
            { "ip.src#0 == 1.2.3.4", "'#' takes a layer number from 1, e.g. ip.src#2 (the second IPv4 header)" },
            { "abs(ip.len) > 1", "unknown function 'abs' (this engine has len, count, upper, lower and string)" },
            { "ip.src == ${ip.dst}", "field references such as ${ip.dst} need a selected packet; they are not supported" },
            { "len(ip.src)", "a function alone is not a test; compare it, e.g. len(ip.src) > 0" },
        };
        for (String[] c : cases) {
            FilterSyntaxException e = assertThrows(FilterSyntaxException.class, () -> DisplayFilter.parse(c[0]), c[0]);
            assertEquals(c[1], e.detail(), c[0]);
            assertTrue(e.position() >= 0 && e.position() < c[0].length(), c[0] + " position " + e.position());
        }
    }
}
