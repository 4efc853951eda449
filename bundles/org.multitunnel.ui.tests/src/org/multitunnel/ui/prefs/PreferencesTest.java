package org.multitunnel.ui.prefs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.eclipse.core.runtime.preferences.InstanceScope;
import org.eclipse.jface.window.Window;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Shell;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.multitunnel.capture.SpillLimits;
import org.multitunnel.ui.chart.TunnelSeriesDataset.Unit;
import org.multitunnel.ui.prefs.UiPreferences.TimeDisplay;
import org.multitunnel.wire.mip.ReplyCodes;
import org.multitunnel.wire.mip.auth.AuthAlgorithms;
import org.multitunnel.wire.mip.auth.MapKeyTable;
import org.multitunnel.wire.mip.auth.SecurityAssociation;
import org.osgi.service.prefs.Preferences;

/** Preferences through the dialog's model, the key table in secure storage, and the recent-files list. */
class PreferencesTest {
    private static final String KEY_HEX = "00112233445566778899aabbccddeeff";

    @TempDir
    Path tmp;

    private final Preferences node = InstanceScope.INSTANCE.getNode("org.multitunnel.ui.tests.prefs");

    @AfterEach
    void clean() throws Exception {
        node.clear();
        node.flush();
    }

    @Test
    void defaultsAreTheDraftSeeds() {
        UiPreferences p = UiPreferences.load(node);
        assertEquals(List.of(434, 4434), p.mipPorts()); // IANA port and the reference agents' default
        assertEquals(124, p.extMultiInterfaceRouting());
        assertEquals(125, p.extMultipleTunnelRequest());
        assertEquals(120, p.codeFaMultiIfRegUnavail());
        assertEquals(186, p.codeMtrDeniedByHa());
        assertEquals(1.0, p.chartIntervalSeconds());
        assertEquals(Unit.BITS, p.chartUnit());
        assertEquals(TimeDisplay.RELATIVE, p.timeDisplay());
        assertEquals(100, p.gzipMaxRatio()); // gzip bombs stop at 100:1
        assertEquals(0, p.maxSpillMiB());    // decompressed up to the free space minus a margin
        assertEquals(SpillLimits.defaults(), p.openOptions().spill());
    }

    @Test
    void preferencesRoundTripThroughTheDialog() throws Exception {
        Display display = Display.getDefault();
        Shell shell = new Shell(display);
        try {
            PreferencesDialog dialog = new PreferencesDialog(shell, UiPreferences.load(node), List.of());
            dialog.setBlockOnOpen(false);
            dialog.open();
            PreferencesDialog.GeneralPage page = dialog.generalPage();
            page.set("ports", "434, 4343");
            page.set("extMir", "200");
            page.set("extMtr", "201");
            page.set("faRegUnavail", "130");
            page.set("interval", "0.5");
            page.selectUnit(Unit.PACKETS);
            page.selectTime(TimeDisplay.DELTA);
            page.set("gzipRatio", "250");
            page.set("maxSpill", "2048");
            dialog.keysPage().addEntry(new KeyEntry(256, "any", "hmac-md5", KEY_HEX));
            dialog.pressOk();
            assertEquals(Window.OK, dialog.getReturnCode());
            dialog.preferences().store(node);
            assertEquals(1, dialog.keys().size());
        } finally {
            shell.dispose();
        }

        UiPreferences back = UiPreferences.load(node);
        assertEquals(List.of(434, 4343), back.mipPorts());
        assertEquals(200, back.extMultiInterfaceRouting());
        assertEquals(201, back.extMultipleTunnelRequest());
        assertEquals(130, back.codeFaMultiIfRegUnavail());
        assertEquals(0.5, back.chartIntervalSeconds());
        assertEquals(500_000_000L, back.chartIntervalNanos());
        assertEquals(Unit.PACKETS, back.chartUnit());
        assertEquals(TimeDisplay.DELTA, back.timeDisplay());
        assertEquals(250, back.gzipMaxRatio());
        assertEquals(2048, back.maxSpillMiB());
        assertEquals(new SpillLimits(250, 2048L << 20, null), back.openOptions().spill());
    }

    @Test
    void dialogRefusesInvalidValues() {
        Display display = Display.getDefault();
        Shell shell = new Shell(display);
        try {
            UiPreferences model = UiPreferences.load(node);
            PreferencesDialog dialog = new PreferencesDialog(shell, model, List.of());
            dialog.setBlockOnOpen(false);
            dialog.open();
            dialog.generalPage().set("ports", "70000");
            dialog.pressOk();
            assertFalse(dialog.getShell() == null || dialog.getShell().isDisposed(), "dialog stays open");
            assertNotNull(dialog.generalPage().getErrorMessage());
            assertEquals(List.of(434, 4434), model.mipPorts());
            dialog.close();
        } finally {
            shell.dispose();
        }
        assertThrows(IllegalArgumentException.class, () -> UiPreferences.parsePorts("abc"));
        assertThrows(IllegalArgumentException.class, () -> new UiPreferences().setExtMultiInterfaceRouting(256));
    }

    @Test
    void draftReplyCodesMoveInTheRegistry() {
        ReplyCodes codes = ReplyCodes.defaults();
        UiPreferences p = new UiPreferences().setCodeMtrDeniedByHa(250).setCodeFaMultiIfRegUnavail(66);
        List<String> conflicts = p.applyReplyCodes(codes);
        assertEquals(250, codes.valueOf("MULTIPLE_TUNNEL_REQUEST_DENIED_BY_HA"));
        assertNull(codes.lookup(186));
        assertEquals(1, conflicts.size(), conflicts.toString());
        assertTrue(conflicts.get(0).contains("FA_INSUFFICIENT_RESOURCES"), conflicts.toString());
        assertEquals(120, codes.valueOf("ERROR_FA_MULTI_IF_REG_UNAVAIL"));
        assertTrue(new UiPreferences().setCodeMtrDeniedByHa(186).applyReplyCodes(codes).isEmpty());
        assertEquals(186, codes.valueOf("MULTIPLE_TUNNEL_REQUEST_DENIED_BY_HA"));
    }

    @Test
    void keyStoreRoundTripKeepsKeysEncrypted() throws Exception {
        Path storage = tmp.resolve("secure").resolve("keys.secure_storage");
        Path password = tmp.resolve("secure").resolve("keys.password");
        KeyStore store = KeyStore.open(storage, password);
        List<KeyEntry> entries = List.of(new KeyEntry(256, null, "hmac-md5", KEY_HEX),
                new KeyEntry(257, "10.0.0.1", "keyed-md5", "DEADBEEF"));
        store.save(entries);

        assertEquals(entries, store.load());
        assertTrue(store.keyEncrypted(0));
        assertTrue(store.keyEncrypted(1));
        String raw = Files.readString(storage, StandardCharsets.ISO_8859_1).toLowerCase();
        assertFalse(raw.contains(KEY_HEX), "key stored in clear");
        assertFalse(raw.contains("deadbeef"), "key stored in clear");
        assertTrue(raw.contains("org.multitunnel"), "storage written at the test location");

        MapKeyTable table = store.keyTable();
        SecurityAssociation any = table.lookup(256, "192.0.2.7");
        assertNotNull(any);
        assertSame(AuthAlgorithms.HMAC_MD5, any.algorithm());
        assertEquals(16, any.keyLength());
        SecurityAssociation peer = table.lookup(257, "10.0.0.1");
        assertSame(AuthAlgorithms.KEYED_MD5, peer.algorithm());
        assertNull(table.lookup(257, "10.0.0.2"));
        assertFalse(entries.get(0).toString().contains(KEY_HEX), "toString leaks the key");

        store.save(List.of());
        assertTrue(store.load().isEmpty());
        assertNull(store.keyTable());
    }

    @Test
    void recentFilesAreNewestFirstAndCapped() {
        RecentFiles recent = new RecentFiles(node);
        assertTrue(recent.list().isEmpty());
        for (int i = 1; i <= 10; i++) {
            recent.add(tmp.resolve("c" + i + ".pcap"));
        }
        List<Path> list = new RecentFiles(node).list();
        assertEquals(RecentFiles.MAX, list.size());
        assertEquals(tmp.resolve("c10.pcap").toAbsolutePath(), list.get(0));
        assertEquals(tmp.resolve("c3.pcap").toAbsolutePath(), list.get(7));

        recent.add(tmp.resolve("c5.pcap"));
        List<Path> again = recent.list();
        assertEquals(8, again.size());
        assertEquals(tmp.resolve("c5.pcap").toAbsolutePath(), again.get(0));
        assertEquals(tmp.resolve("c10.pcap").toAbsolutePath(), again.get(1));
        List<Path> expected = new ArrayList<>(List.of(5, 10, 9, 8, 7, 6, 4, 3).stream()
                .map(i -> tmp.resolve("c" + i + ".pcap").toAbsolutePath()).toList());
        assertEquals(expected, again);
    }
}
