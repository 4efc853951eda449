package org.multitunnel.ui.testbed.composer;

import java.util.List;
import java.util.function.Consumer;
import java.util.function.Supplier;

import org.eclipse.emf.ecore.EClass;
import org.eclipse.emf.ecore.util.EcoreUtil;
import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.Point;
import org.eclipse.swt.graphics.Rectangle;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Group;
import org.eclipse.swt.widgets.Menu;
import org.eclipse.swt.widgets.MenuItem;
import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.TableItem;
import org.multitunnel.agent.template.TemplateEncoder;
import org.multitunnel.model.template.AuthSpec;
import org.multitunnel.model.template.ExtensionSpec;
import org.multitunnel.model.template.FlowBindingSpec;
import org.multitunnel.model.template.RegistrationTemplate;
import org.multitunnel.model.template.TemplatePackage;
import org.multitunnel.model.template.TemplatePackage.Literals;

/**
 * The ordered extension list — wire order, authenticators included — with Add (one entry per extension type;
 * inserted after the selection but ahead of the first authenticator), Remove (Delete) and Move up/down
 * (Alt+Up/Alt+Down). Each change is one undoable command; the selection follows
 * the moved or added extension.
 */
public final class ExtensionList {
    /** The extension types offered by Add, in menu order. */
    static final List<EClass> TYPES = List.of(TemplatePackage.Literals.MULTIPATH_SPEC,
            TemplatePackage.Literals.FLOW_BINDING_SPEC, TemplatePackage.Literals.MULTIPLE_TUNNEL_REQUEST_SPEC,
            TemplatePackage.Literals.MULTI_INTERFACE_ROUTING_SPEC, TemplatePackage.Literals.NAI_SPEC,
            TemplatePackage.Literals.AUTH_SPEC, TemplatePackage.Literals.UDP_TUNNEL_REQUEST_SPEC,
            TemplatePackage.Literals.RAW_SPEC);
    static final List<String> TYPE_NAMES = List.of("Multipath (RFC 7629)", "Flow Binding (RFC 7629)",
            "Multiple Tunnel Request (draft)", "Multi-Interface Routing (draft)", "NAI (RFC 2794)",
            "Authentication MN-HA / MN-FA / FA-HA", "UDP Tunnel Request (RFC 3519)", "Raw hex (negative tests)");

    private final TemplateEditor editor;
    private final Supplier<RegistrationTemplate> template;
    private final Table table;
    private final Button remove;
    private final Button up;
    private final Button down;
    private final Consumer<ExtensionSpec> selected;

    ExtensionList(Composite parent, TemplateEditor editor, Supplier<RegistrationTemplate> template,
            Consumer<ExtensionSpec> selected) {
        this.editor = editor;
        this.template = template;
        this.selected = selected;
        Group g = new Group(parent, SWT.NONE);
        g.setText("Extensions (wire order)");
        g.setLayout(new GridLayout(1, false));
        g.setLayoutData(new GridData(SWT.FILL, SWT.FILL, true, true));
        table = new Table(g, SWT.BORDER | SWT.SINGLE | SWT.FULL_SELECTION | SWT.V_SCROLL);
        GridData td = new GridData(SWT.FILL, SWT.FILL, true, true);
        td.heightHint = 60;
        table.setLayoutData(td);
        Composite buttons = new Composite(g, SWT.NONE);
        GridLayout bl = new GridLayout(4, true);
        bl.marginWidth = bl.marginHeight = 0;
        buttons.setLayout(bl);
        buttons.setLayoutData(new GridData(SWT.FILL, SWT.TOP, true, false));
        Button add = button(buttons, "Add ▾", "Add an extension after the selected one");
        Menu menu = new Menu(add);
        for (int i = 0; i < TYPES.size(); i++) {
            EClass type = TYPES.get(i);
            MenuItem mi = new MenuItem(menu, SWT.PUSH);
            mi.setText(TYPE_NAMES.get(i));
            mi.addListener(SWT.Selection, e -> add(type));
        }
        add.addListener(SWT.Selection, e -> {
            Rectangle r = add.getBounds();
            Point p = add.getParent().toDisplay(r.x, r.y + r.height);
            menu.setLocation(p);
            menu.setVisible(true);
        });
        remove = button(buttons, "Remove", "Remove the selected extension (Delete)");
        remove.addListener(SWT.Selection, e -> removeSelected());
        up = button(buttons, "Up", "Move the selected extension one place earlier (Alt+Up)");
        up.addListener(SWT.Selection, e -> moveSelected(-1));
        down = button(buttons, "Down", "Move the selected extension one place later (Alt+Down)");
        down.addListener(SWT.Selection, e -> moveSelected(1));
        table.addListener(SWT.Selection, e -> {
            updateButtons();
            selected.accept(selection());
        });
        table.addListener(SWT.KeyDown, e -> {
            if (e.keyCode == SWT.DEL && e.stateMask == 0) {
                removeSelected();
                e.doit = false;
            } else if ((e.keyCode == SWT.ARROW_UP || e.keyCode == SWT.ARROW_DOWN) && e.stateMask == SWT.ALT) {
                moveSelected(e.keyCode == SWT.ARROW_UP ? -1 : 1);
                e.doit = false;
            }
        });
    }

    private static Button button(Composite parent, String text, String tip) {
        Button b = new Button(parent, SWT.PUSH);
        b.setText(text);
        b.setToolTipText(tip);
        b.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
        return b;
    }

    public Table table() {
        return table;
    }

    public ExtensionSpec selection() {
        int i = table.getSelectionIndex();
        List<ExtensionSpec> list = template.get().getExtensions();
        return i >= 0 && i < list.size() ? list.get(i) : null;
    }

    /** Adds a new extension of {@code type} after the selection (or at the end) and selects it. */
    public ExtensionSpec add(EClass type) {
        ExtensionSpec s = (ExtensionSpec) EcoreUtil.create(type);
        if (s instanceof FlowBindingSpec f) {
            f.getBids().add(1); // a flow binding names at least one BID (RFC 7629 §4.2)
        }
        List<ExtensionSpec> list = template.get().getExtensions();
        int at = table.getSelectionIndex() >= 0 ? table.getSelectionIndex() + 1 : list.size();
        if (!(s instanceof AuthSpec)) {
            // RFC 5944 §3.6.1.3: extensions go before the authenticator; putting one after it is a deliberate
            // error the user makes by moving it there
            for (int i = 0; i < list.size(); i++) {
                if (list.get(i) instanceof AuthSpec) {
                    at = Math.min(at, i);
                    break;
                }
            }
        }
        editor.add(template.get(), Literals.REGISTRATION_TEMPLATE__EXTENSIONS, s, at);
        select(s);
        return s;
    }

    public void removeSelected() {
        ExtensionSpec s = selection();
        if (s != null) {
            int i = table.getSelectionIndex();
            editor.remove(template.get(), Literals.REGISTRATION_TEMPLATE__EXTENSIONS, s);
            List<ExtensionSpec> list = template.get().getExtensions();
            select(list.isEmpty() ? null : list.get(Math.min(i, list.size() - 1)));
        }
    }

    public void moveSelected(int delta) {
        ExtensionSpec s = selection();
        int to = table.getSelectionIndex() + delta;
        if (s != null && to >= 0 && to < template.get().getExtensions().size()) {
            editor.move(template.get(), Literals.REGISTRATION_TEMPLATE__EXTENSIONS, s, to);
            select(s);
        }
    }

    public void select(ExtensionSpec s) {
        refresh();
        int i = s == null ? -1 : template.get().getExtensions().indexOf(s);
        if (i >= 0) {
            table.setSelection(i);
        } else {
            table.deselectAll();
        }
        updateButtons();
        selected.accept(selection());
    }

    /** Re-reads the list from the template, keeping the selected extension selected when it is still there. */
    void refresh() {
        ExtensionSpec sel = table.getSelectionIndex() >= 0 && table.getItem(table.getSelectionIndex())
                .getData() instanceof ExtensionSpec s ? s : null;
        List<ExtensionSpec> list = template.get().getExtensions();
        table.setRedraw(false);
        try {
            while (table.getItemCount() > list.size()) {
                table.getItem(table.getItemCount() - 1).dispose();
            }
            for (int i = 0; i < list.size(); i++) {
                TableItem ti = i < table.getItemCount() ? table.getItem(i) : new TableItem(table, SWT.NONE);
                ti.setText((i + 1) + ".  " + TemplateEncoder.title(list.get(i)));
                ti.setData(list.get(i));
            }
            int i = sel == null ? -1 : list.indexOf(sel);
            if (i >= 0) {
                table.setSelection(i);
            } else {
                table.deselectAll();
            }
        } finally {
            table.setRedraw(true);
        }
        updateButtons();
    }

    private void updateButtons() {
        int i = table.getSelectionIndex();
        remove.setEnabled(i >= 0);
        up.setEnabled(i > 0);
        down.setEnabled(i >= 0 && i < table.getItemCount() - 1);
    }
}
