package org.multitunnel.ui.testbed.composer;

import java.util.List;

import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Group;
import org.eclipse.swt.widgets.Text;
import org.multitunnel.model.template.FlowBindingSpec;
import org.multitunnel.model.template.SelectorField;
import org.multitunnel.model.template.TemplateFactory;
import org.multitunnel.model.template.TemplatePackage.Literals;
import org.multitunnel.wire.mip.ext.TrafficSelector;
import org.multitunnel.wire.mip.ext.TsLayout;

/**
 * The traffic-selector editor of a flow binding: one row per RFC 6088 field present (field name from the
 * selector format's layout, value as address or number, remove button) and a button adding the next field not
 * yet present. The selector's flags follow the fields, so what is listed is what is sent.
 */
final class SelectorRows {
    private SelectorRows() {
    }

    /** Short field names of the layout of {@code tsFormat} (IPv4 unless 2), in wire order. */
    static List<String> names(int tsFormat) {
        return TsLayout.forFormat(tsFormat == TrafficSelector.FORMAT_IPV6 ? TrafficSelector.FORMAT_IPV6
                : TrafficSelector.FORMAT_IPV4).stream().map(i -> i.field().substring(i.field().lastIndexOf('.') + 1))
                .toList();
    }

    static void create(Composite parent, Bind bind, TemplateEditor editor, FlowBindingSpec f) {
        Group g = new Group(parent, SWT.NONE);
        g.setText("Traffic selector (RFC 6088)");
        g.setLayout(new GridLayout(3, false));
        g.setLayoutData(new GridData(SWT.FILL, SWT.TOP, true, false, 2, 1));
        List<String> names = names(f.getTsFormat());
        for (SelectorField sf : f.getSelectorFields()) {
            Combo name = new Combo(g, SWT.DROP_DOWN | SWT.READ_ONLY);
            name.setData("attribute", "selector.name");
            names.forEach(name::add);
            name.addListener(SWT.Selection, e -> {
                if (!bind.refreshing() && name.getSelectionIndex() >= 0) {
                    editor.set(sf, Literals.SELECTOR_FIELD__NAME, names.get(name.getSelectionIndex()));
                }
            });
            bind.onRefresh(() -> {
                if (!name.isDisposed()) {
                    int i = names.indexOf(sf.getName());
                    if (i >= 0) {
                        name.select(i);
                    } else {
                        name.deselectAll();
                    }
                }
            });
            Text value = new Text(g, SWT.BORDER);
            value.setData("attribute", "selector.value");
            value.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
            value.setMessage("address or number");
            value.addModifyListener(e -> {
                if (!bind.refreshing()) {
                    editor.type(value, sf, Literals.SELECTOR_FIELD__VALUE, value.getText());
                }
            });
            value.addListener(SWT.FocusOut, e -> editor.endTyping());
            bind.onRefresh(() -> {
                String v = sf.getValue() == null ? "" : sf.getValue();
                if (!value.isDisposed() && !value.getText().equals(v)) {
                    value.setText(v);
                }
            });
            Button remove = new Button(g, SWT.PUSH);
            remove.setText("Remove");
            remove.setToolTipText("Remove this selector field");
            remove.addListener(SWT.Selection, e -> editor.remove(f, Literals.FLOW_BINDING_SPEC__SELECTOR_FIELDS, sf));
        }
        Button add = new Button(g, SWT.PUSH);
        add.setText("Add field");
        add.setData("attribute", "selector.add");
        add.setToolTipText("Add the next RFC 6088 field not yet in the selector");
        add.addListener(SWT.Selection, e -> {
            String next = names.stream()
                    .filter(n -> f.getSelectorFields().stream().noneMatch(x -> n.equals(x.getName()))).findFirst()
                    .orElse(null);
            if (next != null) {
                SelectorField sf = TemplateFactory.eINSTANCE.createSelectorField();
                sf.setName(next);
                sf.setValue(next.endsWith("port_start") || next.endsWith("port_end") ? "0"
                        : next.startsWith("src") || next.startsWith("dst")
                                ? (f.getTsFormat() == TrafficSelector.FORMAT_IPV6 ? "::" : "0.0.0.0") : "0");
                editor.add(f, Literals.FLOW_BINDING_SPEC__SELECTOR_FIELDS, sf, f.getSelectorFields().size());
            }
        });
    }
}
