package org.multitunnel.ui.testbed.composer;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;

import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Composite;
import org.multitunnel.model.template.AuthSpec;
import org.multitunnel.model.template.TemplatePackage.Literals;
import org.multitunnel.ui.prefs.KeyEntry;

/**
 * Picks the security association an authentication extension is computed with, from the key table in secure
 * storage: the list shows SPI, peer and algorithm only — never key bytes — and choosing one sets the template's
 * SPI and peer (the template stores that reference, not the key). SPI and peer can also be typed, e.g. to name a
 * key that is not stored here on purpose.
 */
final class KeyChooser {
    private KeyChooser() {
    }

    static String describe(KeyEntry e) {
        return "SPI " + e.spi() + " · peer " + e.peerLabel() + " · " + e.algorithm();
    }

    static void create(Composite g, Bind bind, TemplateEditor editor, AuthSpec a, Supplier<List<KeyEntry>> keys) {
        Bind.label(g, "Key", null).setToolTipText("Security associations in the key table "
                + "(Window > Preferences > Keys); the key itself stays in secure storage");
        Combo c = new Combo(g, SWT.READ_ONLY | SWT.DROP_DOWN);
        c.setData("attribute", "key");
        GridData gd = new GridData(SWT.FILL, SWT.CENTER, true, false);
        gd.widthHint = 80;
        c.setLayoutData(gd);
        c.addListener(SWT.Selection, e -> {
            List<KeyEntry> list = keys.get();
            int i = c.getSelectionIndex();
            if (!bind.refreshing() && i >= 0 && i < list.size()) {
                KeyEntry k = list.get(i);
                editor.setAll(a, Map.of(Literals.AUTH_SPEC__SPI, k.spi(), Literals.AUTH_SPEC__PEER,
                        k.peer() == null ? "" : k.peer()));
            }
        });
        bind.onRefresh(() -> {
            if (c.isDisposed()) {
                return;
            }
            List<KeyEntry> list = keys.get();
            String[] items = list.stream().map(KeyChooser::describe).toArray(String[]::new);
            if (items.length == 0) {
                items = new String[] { "(no keys in the key table: add them in Window > Preferences)" };
            }
            if (!java.util.Arrays.equals(items, c.getItems())) {
                c.setItems(items);
            }
            int sel = -1;
            for (int i = 0; i < list.size(); i++) {
                String peer = a.getPeer() == null || a.getPeer().isBlank() ? null : a.getPeer().trim();
                if (list.get(i).spi() == a.getSpi() && Objects.equals(list.get(i).peer(), peer)) {
                    sel = i;
                }
            }
            if (list.isEmpty()) {
                c.select(0); // the hint where keys come from
            } else if (sel >= 0) {
                c.select(sel);
            } else {
                c.deselectAll();
                c.setText("");
            }
        });
        bind.text(g, "SPI", () -> a, Literals.AUTH_SPEC__SPI);
        bind.text(g, "Peer", () -> a, Literals.AUTH_SPEC__PEER).setMessage("any");
    }
}
