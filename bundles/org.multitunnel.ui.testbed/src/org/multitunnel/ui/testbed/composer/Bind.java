package org.multitunnel.ui.testbed.composer;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Supplier;

import org.eclipse.emf.ecore.EAttribute;
import org.eclipse.emf.ecore.EEnum;
import org.eclipse.emf.ecore.EEnumLiteral;
import org.eclipse.emf.ecore.EObject;
import org.eclipse.emf.ecore.util.EcoreUtil;
import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.Color;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Text;

/**
 * Two-way bindings between form widgets and template attributes: a widget edit becomes a command on the
 * {@link TemplateEditor}, and {@link #refresh()} (after any change, undo included) puts the model's values back
 * into the widgets. Numbers accept decimal or 0x-hex; a text that does not parse is marked and not applied.
 */
public final class Bind {
    private final TemplateEditor editor;
    private final List<Runnable> refreshers = new ArrayList<>();
    private boolean refreshing;

    public Bind(TemplateEditor editor) {
        this.editor = editor;
    }

    public void refresh() {
        refreshing = true;
        try {
            refreshers.forEach(Runnable::run);
        } finally {
            refreshing = false;
        }
    }

    public void clear() {
        refreshers.clear();
    }

    public void onRefresh(Runnable r) {
        refreshers.add(r);
    }

    public boolean refreshing() {
        return refreshing;
    }

    /** Label + text for a single-valued string/number attribute, or a list of numbers ("1, 2"). */
    public Text text(Composite parent, String label, Supplier<? extends EObject> owner, EAttribute a) {
        label(parent, label, a);
        Text t = new Text(parent, SWT.BORDER | SWT.SINGLE);
        GridData gd = new GridData(SWT.FILL, SWT.CENTER, true, false);
        gd.widthHint = 80;
        t.setLayoutData(gd);
        t.setData("attribute", a.getName());
        tooltip(t, a);
        Color normal = t.getBackground();
        t.addModifyListener(e -> {
            if (refreshing) {
                return;
            }
            Object v = parse(a, t.getText());
            boolean ok = v != Invalid.VALUE;
            t.setBackground(ok ? normal : t.getDisplay().getSystemColor(SWT.COLOR_YELLOW));
            if (ok) {
                editor.type(t, owner.get(), a, v);
            }
        });
        t.addListener(SWT.FocusOut, e -> editor.endTyping());
        onRefresh(() -> {
            if (t.isDisposed()) {
                return;
            }
            Object model = owner.get().eGet(a);
            if (!Objects.equals(parse(a, t.getText()), model)) {
                t.setText(format(a, model));
                t.setBackground(normal);
            }
        });
        return t;
    }

    /** A check box for a boolean attribute. */
    public Button check(Composite parent, String label, Supplier<? extends EObject> owner, EAttribute a) {
        Button b = new Button(parent, SWT.CHECK);
        b.setText(label);
        b.setData("attribute", a.getName());
        tooltip(b, a);
        b.addListener(SWT.Selection, e -> {
            if (!refreshing) {
                editor.set(owner.get(), a, b.getSelection());
            }
        });
        onRefresh(() -> {
            if (!b.isDisposed()) {
                b.setSelection(Boolean.TRUE.equals(owner.get().eGet(a)));
            }
        });
        return b;
    }

    /** One check box for a bit of an int attribute (e.g. the S bit of the flags octet). */
    public Button bit(Composite parent, String label, String tip, Supplier<? extends EObject> owner, EAttribute a,
            int mask) {
        Button b = new Button(parent, SWT.CHECK);
        b.setText(label);
        b.setToolTipText(tip);
        b.setData("attribute", a.getName() + "." + label);
        b.addListener(SWT.Selection, e -> {
            if (!refreshing) {
                int v = (Integer) owner.get().eGet(a);
                editor.set(owner.get(), a, b.getSelection() ? v | mask : v & ~mask);
            }
        });
        onRefresh(() -> {
            if (!b.isDisposed()) {
                b.setSelection(((Integer) owner.get().eGet(a) & mask) != 0);
            }
        });
        return b;
    }

    /** Label + read-only combo over an enum attribute's literals, shown as {@code names}. */
    public Combo choice(Composite parent, String label, Supplier<? extends EObject> owner, EAttribute a,
            String... names) {
        label(parent, label, a);
        Combo c = new Combo(parent, SWT.READ_ONLY | SWT.DROP_DOWN);
        GridData gd = new GridData(SWT.FILL, SWT.CENTER, true, false);
        gd.widthHint = 80;
        c.setLayoutData(gd);
        c.setData("attribute", a.getName());
        tooltip(c, a);
        EEnum en = (EEnum) a.getEAttributeType();
        List<EEnumLiteral> lits = en.getELiterals();
        for (int i = 0; i < lits.size(); i++) {
            c.add(i < names.length ? names[i] : lits.get(i).getName());
        }
        c.addListener(SWT.Selection, e -> {
            if (!refreshing && c.getSelectionIndex() >= 0) {
                editor.set(owner.get(), a, lits.get(c.getSelectionIndex()).getInstance());
            }
        });
        onRefresh(() -> {
            if (!c.isDisposed()) {
                Object v = owner.get().eGet(a);
                for (int i = 0; i < lits.size(); i++) {
                    if (lits.get(i).getInstance() == v) {
                        c.select(i);
                    }
                }
            }
        });
        return c;
    }

    static Label label(Composite parent, String text, EAttribute a) {
        Label l = new Label(parent, SWT.NONE);
        l.setText(text);
        if (a != null) {
            tooltip(l, a);
        }
        return l;
    }

    private static void tooltip(org.eclipse.swt.widgets.Control c, EAttribute a) {
        String doc = EcoreUtil.getDocumentation(a);
        if (doc != null) {
            c.setToolTipText(doc);
        }
    }

    /** Marker for text that does not parse. */
    enum Invalid {
        VALUE
    }

    static Object parse(EAttribute a, String text) {
        Class<?> c = a.getEAttributeType().getInstanceClass();
        String s = text.trim();
        try {
            if (a.isMany()) {
                List<Integer> out = new ArrayList<>();
                for (String part : s.split("[,\\s]+")) {
                    if (!part.isEmpty()) {
                        out.add((int) number(part));
                    }
                }
                return out;
            }
            if (c == int.class || c == Integer.class) {
                long v = number(s);
                return v < Integer.MIN_VALUE || v > Integer.MAX_VALUE ? Invalid.VALUE : (Object) (int) v;
            }
            if (c == long.class || c == Long.class) {
                return number(s);
            }
        } catch (NumberFormatException e) {
            return Invalid.VALUE;
        }
        return text;
    }

    private static long number(String s) {
        String v = s.toLowerCase(Locale.ROOT);
        if (v.startsWith("0x")) {
            return Long.parseUnsignedLong(v.substring(2), 16);
        }
        return Long.parseLong(v);
    }

    static String format(EAttribute a, Object v) {
        if (v == null) {
            return "";
        }
        if (a.isMany()) {
            StringBuilder sb = new StringBuilder();
            for (Object o : (List<?>) v) {
                sb.append(sb.isEmpty() ? "" : ", ").append(o);
            }
            return sb.toString();
        }
        if (a.getName().equals("fixedIdentification")) {
            return String.format("0x%016x", (Long) v);
        }
        return v.toString();
    }
}
