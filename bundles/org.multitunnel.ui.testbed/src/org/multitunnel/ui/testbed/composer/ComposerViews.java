package org.multitunnel.ui.testbed.composer;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

import org.eclipse.swt.SWT;
import org.eclipse.swt.custom.SashForm;
import org.eclipse.swt.custom.ScrolledComposite;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Group;
import org.eclipse.swt.widgets.Label;
import org.multitunnel.model.template.ExtensionSpec;
import org.multitunnel.model.template.FlowBindingSpec;
import org.multitunnel.model.template.RegistrationTemplate;
import org.multitunnel.model.template.TemplatePackage.Literals;
import org.multitunnel.ui.prefs.KeyEntry;

/**
 * The composer's widgets and their arrangement: header and extension list top left, the selected extension's
 * form top right, the preview (decoded tree, hex, findings) below. Keeps the views in step with the document:
 * values are refreshed in place after every change; the extension form is rebuilt only when its structure
 * changes (another extension selected, selector fields added or removed).
 */
public final class ComposerViews {
    private final TemplateEditor editor;
    private final Supplier<List<KeyEntry>> keys;
    private final SashForm root;
    private final Bind headerBind;
    private final Bind detailBind;
    private final ExtensionList list;
    private final ScrolledComposite detailScroll;
    private final Composite detail;
    private final PreviewView preview;
    private final Label note;
    private List<Object> detailShape = List.of();

    public ComposerViews(Composite parent, TemplateEditor editor, Supplier<List<KeyEntry>> keys) {
        this.editor = editor;
        this.keys = keys;
        headerBind = new Bind(editor);
        detailBind = new Bind(editor);
        root = new SashForm(parent, SWT.VERTICAL);
        SashForm top = new SashForm(root, SWT.HORIZONTAL);

        ScrolledComposite leftScroll = new ScrolledComposite(top, SWT.V_SCROLL | SWT.H_SCROLL);
        Composite left = new Composite(leftScroll, SWT.NONE);
        left.setLayout(new GridLayout(1, false));
        note = new Label(left, SWT.WRAP);
        note.setLayoutData(new GridData(SWT.FILL, SWT.TOP, true, false));
        note.setVisible(false);
        ((GridData) note.getLayoutData()).exclude = true;
        Group header = HeaderForm.create(left, headerBind, editor::template);
        header.setLayoutData(new GridData(SWT.FILL, SWT.TOP, true, false));
        Group errors = new Group(left, SWT.NONE);
        errors.setText("Deliberate errors (message)");
        errors.setLayout(new GridLayout(2, false));
        errors.setLayoutData(new GridData(SWT.FILL, SWT.TOP, true, false));
        headerBind.text(errors, "Trailing bytes (hex)", editor::template, Literals.REGISTRATION_TEMPLATE__TRAILING_HEX)
                .setMessage("none");
        scroll(leftScroll, left);

        SashForm right = new SashForm(top, SWT.VERTICAL);
        Composite listArea = new Composite(right, SWT.NONE);
        GridLayout ll = new GridLayout(1, false);
        ll.marginWidth = ll.marginHeight = 0;
        listArea.setLayout(ll);
        list = new ExtensionList(listArea, editor, editor::template, s -> rebuildDetail());
        detailScroll = new ScrolledComposite(right, SWT.V_SCROLL | SWT.H_SCROLL);
        detail = new Composite(detailScroll, SWT.NONE);
        detail.setLayout(new GridLayout(1, false));
        scroll(detailScroll, detail);
        right.setWeights(36, 64);
        top.setWeights(45, 55);

        preview = new PreviewView(root);
        root.setWeights(58, 42);
    }

    private static void scroll(ScrolledComposite sc, Composite content) {
        sc.setContent(content);
        sc.setExpandHorizontal(true);
        sc.setExpandVertical(true);
        sc.addListener(SWT.Resize, e -> fit(sc, content));
    }

    /** Content at least its preferred width (else a horizontal scroll bar), as tall as it needs at that width. */
    private static void fit(ScrolledComposite sc, Composite content) {
        int w = Math.max(sc.getClientArea().width, content.computeSize(SWT.DEFAULT, SWT.DEFAULT).x);
        sc.setMinSize(w, content.computeSize(w, SWT.DEFAULT).y);
    }

    public Control control() {
        return root;
    }

    public PreviewView preview() {
        return preview;
    }

    public ExtensionList list() {
        return list;
    }

    public Composite detail() {
        return detail;
    }

    /** Shows a one-time message above the header (e.g. why the remembered template did not open). */
    public void note(String text) {
        note.setText(text);
        note.setVisible(true);
        ((GridData) note.getLayoutData()).exclude = false;
        note.getParent().layout(true);
    }

    public void focus() {
        list.table().setFocus();
    }

    /** After any change: list, header values, and the extension form (rebuilt when its shape changed). */
    public void refresh() {
        list.refresh();
        if (list.table().getSelectionIndex() < 0 && !editor.template().getExtensions().isEmpty()
                && detailShape.isEmpty()) {
            list.select(editor.template().getExtensions().get(0));
        }
        headerBind.refresh();
        if (!shape(list.selection()).equals(detailShape)) {
            rebuildDetail();
        } else {
            detailBind.refresh();
        }
    }

    private static List<Object> shape(ExtensionSpec s) {
        List<Object> out = new ArrayList<>();
        if (s != null) {
            out.add(s);
            if (s instanceof FlowBindingSpec f) {
                out.add(f.getTsFormat() == 2 ? 2 : 1);
                out.addAll(f.getSelectorFields());
            }
        }
        return out;
    }

    private void rebuildDetail() {
        ExtensionSpec s = list.selection();
        detailShape = shape(s);
        detail.setRedraw(false);
        try {
            for (Control c : detail.getChildren()) {
                c.dispose();
            }
            detailBind.clear();
            if (s == null) {
                new Label(detail, SWT.WRAP).setText("Select an extension to edit it, or add one.");
            } else {
                ExtensionForm.create(detail, detailBind, editor, s, keys);
            }
            detailBind.refresh();
            fit(detailScroll, detail);
            detail.layout(true, true);
        } finally {
            detail.setRedraw(true);
        }
    }

    /** The control bound to {@code attribute} in the header or the extension form (tests, accessibility). */
    public Control find(String attribute) {
        return find(root, attribute);
    }

    private static Control find(Control c, String attribute) {
        if (attribute.equals(c.getData("attribute"))) {
            return c;
        }
        if (c instanceof Composite comp) {
            for (Control child : comp.getChildren()) {
                Control f = find(child, attribute);
                if (f != null) {
                    return f;
                }
            }
        }
        return null;
    }

    RegistrationTemplate template() {
        return editor.template();
    }
}
