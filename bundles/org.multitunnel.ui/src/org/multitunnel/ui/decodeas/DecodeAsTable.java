package org.multitunnel.ui.decodeas;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

import org.multitunnel.ui.prefs.UiPreferences;
import org.multitunnel.wire.dissect.DecodeAs;
import org.multitunnel.wire.fast.MipPorts;

/**
 * The rows of the Decode As dialog as a plain model (no widgets, tested without a display): one row per UDP port or
 * port range decoded as Mobile IP, as Wireshark's Analyze > Decode As shows one row per "udp.port" value. The rows
 * come from and go back to the one stored setting, the preferences' Mobile IP port list (also edited as text in
 * Window > Preferences), so the two dialogs can never disagree. A row's value is a port ({@code 4435}), a range
 * ({@code 4434-4436}, {@code 4434:3}) or a whole entry pasted from the command line ({@code udp.port==4435,mip}).
 */
public final class DecodeAsTable {
    private final List<String> values = new ArrayList<>();

    /** Rows for {@code ports}, ascending, three or more consecutive ports as one range row. */
    public static DecodeAsTable of(Collection<Integer> ports) {
        DecodeAsTable t = new DecodeAsTable();
        t.values.addAll(UiPreferences.portTexts(List.copyOf(ports)));
        return t;
    }

    /** The rows' values as shown and edited. */
    public List<String> values() {
        return List.copyOf(values);
    }

    public int size() {
        return values.size();
    }

    /**
     * Adds a row (Wireshark's "+"): the port after the last port of the table that is not decoded yet (4434 for an
     * empty table, the reference agents' port). Returns the new row's index.
     */
    public int add() {
        int next = MipPorts.REFERENCE_AGENT_PORT;
        java.util.BitSet used = new java.util.BitSet(65536);
        for (String v : values) {
            try {
                for (int p : portsOf(v)) {
                    used.set(p);
                    next = Math.max(next, p + 1);
                }
            } catch (IllegalArgumentException e) {
                // an invalid row says nothing about which port is free
            }
        }
        while (used.get(next) && next < 65535) {
            next++;
        }
        values.add(String.valueOf(Math.min(next, 65535)));
        return values.size() - 1;
    }

    /** Adds a row with {@code value} (not checked until {@link #ports()}). */
    public int add(String value) {
        values.add(value == null ? "" : value.strip());
        return values.size() - 1;
    }

    public void set(int row, String value) {
        values.set(row, value == null ? "" : value.strip());
    }

    public void remove(int row) {
        values.remove(row);
    }

    /** Back to the defaults, UDP 434 and 4434. */
    public void reset() {
        values.clear();
        values.addAll(of(MipPorts.DEFAULT.list()).values);
    }

    /**
     * The ports of all rows in order, duplicates dropped: the setting to store.
     *
     * @throws IllegalArgumentException naming the first bad row ("row 2: ..."), or when no row is left
     */
    public List<Integer> ports() {
        java.util.LinkedHashSet<Integer> ports = new java.util.LinkedHashSet<>();
        for (int i = 0; i < values.size(); i++) {
            try {
                ports.addAll(portsOf(values.get(i)));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("row " + (i + 1) + ": '" + values.get(i) + "' is not a UDP port"
                        + " (1-65535), a range such as 4434-4436, or udp.port==N,mip");
            }
        }
        if (ports.isEmpty()) {
            throw new IllegalArgumentException("at least one UDP port must be decoded as Mobile IP (UDP 434 is the"
                    + " registered one)");
        }
        return List.copyOf(ports);
    }

    /**
     * "4435", "4434-4436", "4434:3" (decimal, as the Preferences port field reads them) or a whole entry as the
     * command line takes it, "udp.port==4435,mip" (tshark's number forms).
     */
    static List<Integer> portsOf(String value) {
        String v = value.strip();
        return v.contains("=") ? DecodeAs.parse(v).ports() : UiPreferences.parsePorts(v);
    }
}
