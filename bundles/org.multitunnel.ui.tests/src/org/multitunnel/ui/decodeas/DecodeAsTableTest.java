package org.multitunnel.ui.decodeas;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.multitunnel.ui.prefs.UiPreferences;

/**
 * The Decode As dialog's rows as a model: they show the stored Mobile IP ports (the same list the Preferences port
 * field edits), "+" adds the next free port, values are ports, ranges or a pasted {@code udp.port==N,mip}, and a bad
 * row is named by its number.
 */
class DecodeAsTableTest {
    @Test
    void rowsShowTheStoredPortsAndGoBackToTheSameList() {
        DecodeAsTable t = DecodeAsTable.of(List.of(434, 4434));
        assertEquals(List.of("434", "4434"), t.values());
        assertEquals(List.of(434, 4434), t.ports());
        DecodeAsTable ranges = DecodeAsTable.of(List.of(434, 4434, 4435, 5000, 5001, 5002, 5003));
        assertEquals(List.of("434", "4434", "4435", "5000-5003"), ranges.values(), "three or more as one range");
        assertEquals("434, 4434, 4435, 5000-5003", UiPreferences.formatPorts(ranges.ports()),
                "the Preferences field shows the same");
        assertEquals(ranges.ports(), UiPreferences.parsePorts(UiPreferences.formatPorts(ranges.ports())));
    }

    @Test
    void plusAddsTheNextFreePortAndRowsAcceptEveryForm() {
        DecodeAsTable t = DecodeAsTable.of(List.of(434, 4434));
        assertEquals(2, t.add());
        assertEquals("4435", t.values().get(2), "the port after the last one");
        t.set(2, "udp.port==4436,mip"); // pasted from a command line
        t.add("5000-5001");
        t.add("6000:2");
        assertEquals(List.of(434, 4434, 4436, 5000, 5001, 6000, 6001), t.ports());
        t.remove(0);
        assertEquals(List.of(4434, 4436, 5000, 5001, 6000, 6001), t.ports());
        t.reset();
        assertEquals(List.of(434, 4434), t.ports());
        DecodeAsTable empty = DecodeAsTable.of(List.of());
        empty.add();
        assertEquals(List.of("4434"), empty.values(), "an empty table starts at the reference agents' port");
    }

    @Test
    void aBadRowOrNoRowIsRefusedWithItsNumber() {
        DecodeAsTable t = DecodeAsTable.of(List.of(434));
        t.add("70000");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, t::ports);
        assertTrue(e.getMessage().startsWith("row 2: '70000' is not a UDP port"), e.getMessage());
        t.set(1, "udp.port==4435,MIP");
        assertTrue(assertThrows(IllegalArgumentException.class, t::ports).getMessage().startsWith("row 2:"));
        t.remove(1);
        t.remove(0);
        assertTrue(assertThrows(IllegalArgumentException.class, t::ports).getMessage()
                .startsWith("at least one UDP port"));
    }
}
