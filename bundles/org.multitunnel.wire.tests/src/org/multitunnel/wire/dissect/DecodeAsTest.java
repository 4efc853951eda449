package org.multitunnel.wire.dissect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * Wireshark's {@code -d udp.port==N,mip} spelling: the forms tshark 4.0 accepts (checked against tshark on this
 * machine while writing the parser) read as the same entry, the ones it rejects give a one-line reason, and the
 * pcapng comment form round-trips.
 */
class DecodeAsTest {
    @Test
    void readsEveryFormTsharkAcceptsForOnePort() {
        for (String form : List.of("udp.port==4435,mip", // the documented form
                "udp.port== 4435,mip", // spaces after ==
                " udp.port==4435,mip", // leading spaces
                "udp.port ==4435,mip", // spaces before ==
                "udp.port==4435, mip", // spaces after the comma
                "udp.port==4435,mip ", // trailing spaces
                "udp.port==0x1153,mip", // hexadecimal (0x1153 = 4435)
                "udp.port==010523,mip", // octal with a leading zero (010523 = 4435)
                "udp.port==+4435,mip", // an explicit plus sign
                "udp.port=4435,mip", // one '=' (tshark warns and reads it as '==')
                "udp.port==4435 ,mip")) { // spaces before the comma: tshark rejects these, we do not
            DecodeAs d = DecodeAs.parse(form);
            assertEquals(List.of(4435), d.ports(), form);
            assertEquals("udp.port==4435,mip", d.toString(), form);
        }
        assertTrue(DecodeAs.usesSingleEquals("udp.port=4435,mip"));
        assertFalse(DecodeAs.usesSingleEquals("udp.port==4435,mip"));
    }

    @Test
    void readsRangesAndStartWithCount() {
        assertEquals(List.of(4434, 4435, 4436), DecodeAs.parse("udp.port==4434-4436,mip").ports());
        assertEquals(List.of(4434, 4435, 4436), DecodeAs.parse("udp.port==4434:3,mip").ports());
        assertEquals("udp.port==4434-4436,mip", DecodeAs.parse("udp.port==4434:3,mip").toString());
        assertEquals(List.of(65535), DecodeAs.parse("udp.port==65535:1,mip").ports());
    }

    @Test
    void rejectsWhatTsharkRejectsWithTheReason() {
        assertMessage("udp.port==4435", "does not follow udp.port==PORT,mip");
        assertMessage("4435", "does not follow udp.port==PORT,mip");
        assertMessage("tcp.port==4435,mip", "unknown layer type 'tcp.port'");
        assertMessage("UDP.PORT==4435,mip", "unknown layer type 'UDP.PORT'");
        assertMessage("\tudp.port==4435,mip", "unknown layer type"); // tshark skips spaces, not tabs
        assertMessage("udp.port==4435,MIP", "unknown protocol 'MIP'");
        assertMessage("udp.port==4435,http", "unknown protocol 'http'");
        assertMessage("udp.port==4435,mip,x", "unknown protocol 'mip,x'");
        assertMessage("udp.port==,mip", "invalid port ''");
        assertMessage("udp.port==4 435,mip", "invalid port '4 435'");
        assertMessage("udp.port==-4435,mip", "invalid port '-4435'");
        assertMessage("udp.port==4435-,mip", "invalid port '4435-'");
        assertMessage("udp.port==4436-4434,mip", "invalid port range '4436-4434'");
        assertMessage("udp.port==4434:0,mip", "invalid port range '4434:0'");
        assertMessage("udp.port==0,mip", "port 0 in 'udp.port==0,mip' is not a UDP port (1-65535)");
        assertMessage("udp.port==70000,mip", "port 70000");
        assertMessage("udp.port==65535:2,mip", "port 65536");
        assertMessage(null, "missing");
    }

    private static void assertMessage(String text, String expected) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> DecodeAs.parse(text),
                String.valueOf(text));
        assertTrue(e.getMessage().contains(expected), e.getMessage());
        assertFalse(e.getMessage().contains("\n"), "one line: " + e.getMessage());
    }

    @Test
    void commentLinesRoundTripAndOtherLinesAreIgnored() {
        assertEquals("multitunnel:decode-as udp.port==4435,mip", DecodeAs.port(4435).comment());
        assertEquals(List.of("multitunnel:decode-as udp.port==434,mip", "multitunnel:decode-as udp.port==4435,mip"),
                DecodeAs.comments(List.of(434, 4435, 434)));
        assertEquals(List.of("multitunnel:decode-as udp.port==434,mip",
                "multitunnel:decode-as udp.port==4434-4436,mip"),
                DecodeAs.comments(List.of(4436, 434, 4434, 4435)), "consecutive ports become one range");
        assertEquals(List.of(new DecodeAs(1, 65535)), DecodeAs.entries(new DecodeAs(1, 65535).ports()));
        List<String> problems = new ArrayList<>();
        List<DecodeAs> found = DecodeAs.inComment("MultiTunnel reference agent: home agent\n"
                + "multitunnel:decode-as udp.port==4435,mip\r\n"
                + "  multitunnel:decode-as  udp.port==5000-5001,mip  \n"
                + "multitunnel:decode-as udp.port==99999,mip\n"
                + "multitunnel:decode-asudp.port==1,mip", problems);
        assertEquals(List.of(new DecodeAs(4435, 4435), new DecodeAs(5000, 5001)), found);
        assertEquals(List.of(4435, 5000, 5001), DecodeAs.ports(found));
        assertEquals(2, problems.size(), problems.toString());
        assertTrue(problems.get(0).contains("99999"), problems.get(0));
        assertTrue(problems.get(1).contains("does not follow"), problems.get(1));
        assertTrue(DecodeAs.inComment("an ordinary comment", problems).isEmpty());
        assertTrue(DecodeAs.inComment(null, problems).isEmpty());
    }
}
