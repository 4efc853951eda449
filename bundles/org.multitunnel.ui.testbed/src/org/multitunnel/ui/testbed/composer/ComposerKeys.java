package org.multitunnel.ui.testbed.composer;

import java.util.Map;

import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Event;
import org.eclipse.swt.widgets.Listener;

/**
 * The composer's keyboard shortcuts — Ctrl+Z undo, Ctrl+Y / Ctrl+Shift+Z redo, Ctrl+S save, Ctrl+Shift+S save as,
 * Ctrl+Shift+O open template — active while the keyboard focus is inside the composer. A display filter sees the
 * key before the focused text field does, so the template's undo wins over any native text undo, and the
 * shortcuts cannot clash with the Analysis perspective's bindings (Ctrl+O there opens a capture).
 */
public final class ComposerKeys implements Listener {
    /** The shortcut names, as {@link #match} reports them. */
    public static final String UNDO = "undo", REDO = "redo", SAVE = "save", SAVE_AS = "saveAs", OPEN = "open";

    private final Control root;
    private final Map<String, Runnable> actions;

    private ComposerKeys(Control root, Map<String, Runnable> actions) {
        this.root = root;
        this.actions = actions;
    }

    /** Installs the shortcuts for focus inside {@code root}; removed again when root is disposed. */
    public static void install(Control root, Map<String, Runnable> actions) {
        Display d = root.getDisplay();
        ComposerKeys k = new ComposerKeys(root, actions);
        d.addFilter(SWT.KeyDown, k);
        root.addListener(SWT.Dispose, e -> d.removeFilter(SWT.KeyDown, k));
    }

    /** The action a key press names, or null. */
    public static String match(int keyCode, int stateMask) {
        int mods = stateMask & SWT.MODIFIER_MASK;
        int key = Character.toLowerCase(keyCode);
        if (mods == SWT.MOD1) {
            return switch (key) {
                case 'z' -> UNDO;
                case 'y' -> REDO;
                case 's' -> SAVE;
                default -> null;
            };
        }
        if (mods == (SWT.MOD1 | SWT.SHIFT)) {
            return switch (key) {
                case 'z' -> REDO;
                case 's' -> SAVE_AS;
                case 'o' -> OPEN;
                default -> null;
            };
        }
        return null;
    }

    @Override
    public void handleEvent(Event e) {
        if (root.isDisposed() || !(e.widget instanceof Control c) || !inside(c)) {
            return;
        }
        String name = match(e.keyCode, e.stateMask);
        Runnable r = name == null ? null : actions.get(name);
        if (r != null) {
            e.doit = false;
            e.type = SWT.None; // consumed: neither the text field nor another binding sees it
            r.run();
        }
    }

    private boolean inside(Control c) {
        for (Control x = c; x != null; x = x.getParent()) {
            if (x == root) {
                return true;
            }
        }
        return false;
    }
}
