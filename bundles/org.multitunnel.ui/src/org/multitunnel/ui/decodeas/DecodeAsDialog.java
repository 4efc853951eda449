package org.multitunnel.ui.decodeas;

import java.util.ArrayList;
import java.util.List;

import org.eclipse.jface.dialogs.IDialogConstants;
import org.eclipse.jface.dialogs.TitleAreaDialog;
import org.eclipse.jface.viewers.ArrayContentProvider;
import org.eclipse.jface.viewers.CellEditor;
import org.eclipse.jface.viewers.ColumnLabelProvider;
import org.eclipse.jface.viewers.EditingSupport;
import org.eclipse.jface.viewers.TableViewer;
import org.eclipse.jface.viewers.TableViewerColumn;
import org.eclipse.jface.viewers.TextCellEditor;
import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Table;

/**
 * Analyze > Decode As...: Wireshark's dialog for the one thing this product decodes by port — rows of "UDP port →
 * Mobile IP" with + (add), − (remove) and Reset (434 and 4434); the Value cell is edited in place. It edits a
 * {@link DecodeAsTable} and stores nothing itself: on OK the handler stores {@link #ports()} as the preferences'
 * Mobile IP ports and re-analyses the open capture. A second line names the ports the open capture's file records
 * for itself (decoded whatever the rows say), so a user sees why such a capture decodes without a row.
 */
public final class DecodeAsDialog extends TitleAreaDialog {
    static final String FIELD = "UDP port";
    static final String PROTOCOL = "Mobile IP";

    private final DecodeAsTable model;
    private final List<Integer> recordedByCapture;
    private TableViewer viewer;
    private Button remove;
    private List<Integer> result;

    /**
     * @param ports             the stored setting (the rows shown first)
     * @param recordedByCapture ports the open capture's file records as Mobile IP (empty for none / no capture)
     */
    public DecodeAsDialog(Shell parent, List<Integer> ports, List<Integer> recordedByCapture) {
        super(parent);
        this.model = DecodeAsTable.of(ports);
        this.recordedByCapture = List.copyOf(recordedByCapture);
        setShellStyle(getShellStyle() | SWT.RESIZE);
    }

    @Override
    protected void configureShell(Shell shell) {
        super.configureShell(shell);
        shell.setText("Decode As");
    }

    @Override
    protected Control createDialogArea(Composite parent) {
        Composite area = (Composite) super.createDialogArea(parent);
        setTitle("Decode As");
        setMessage("UDP ports whose datagrams are decoded as Mobile IP, in the Analysis views, the filter and the "
                + "command line's default (-d udp.port==N,mip adds more there).");
        Composite c = new Composite(area, SWT.NONE);
        c.setLayout(new GridLayout(2, false));
        c.setLayoutData(new GridData(SWT.FILL, SWT.FILL, true, true));

        viewer = new TableViewer(c, SWT.BORDER | SWT.FULL_SELECTION | SWT.SINGLE);
        Table table = viewer.getTable();
        table.setHeaderVisible(true);
        table.setLinesVisible(true);
        GridData tableData = new GridData(SWT.FILL, SWT.FILL, true, true);
        tableData.heightHint = 160;
        tableData.widthHint = 360;
        table.setLayoutData(tableData);
        viewer.setContentProvider(ArrayContentProvider.getInstance());
        column("Field", 110, row -> FIELD);
        TableViewerColumn value = column("Value", 130, row -> model.values().get(row));
        value.setEditingSupport(new ValueEditing(viewer));
        column("Current", 110, row -> PROTOCOL);

        Composite buttons = new Composite(c, SWT.NONE);
        buttons.setLayout(new GridLayout(1, true));
        buttons.setLayoutData(new GridData(SWT.FILL, SWT.TOP, false, false));
        Button add = button(buttons, "+", "Add a row (the next free port); edit its value in the table");
        add.addListener(SWT.Selection, e -> addRow());
        remove = button(buttons, "\u2212", "Remove the selected row");
        remove.addListener(SWT.Selection, e -> removeSelected());
        Button reset = button(buttons, "Reset", "Back to UDP 434 and 4434");
        reset.addListener(SWT.Selection, e -> {
            model.reset();
            refresh();
        });
        viewer.addSelectionChangedListener(e -> remove.setEnabled(!e.getSelection().isEmpty()));

        Label recorded = new Label(c, SWT.WRAP);
        recorded.setLayoutData(new GridData(SWT.FILL, SWT.TOP, true, false, 2, 1));
        recorded.setText(recordedByCapture.isEmpty()
                ? "Captures written by this product (agent recordings, exports, live captures) record their ports "
                        + "and are decoded on those as well."
                : "The open capture records UDP " + text(recordedByCapture) + " as Mobile IP: those are decoded "
                        + "in it whatever the rows say.");
        refresh();
        return area;
    }

    private TableViewerColumn column(String title, int width, java.util.function.IntFunction<String> text) {
        TableViewerColumn col = new TableViewerColumn(viewer, SWT.LEFT);
        col.getColumn().setText(title);
        col.getColumn().setWidth(width);
        col.setLabelProvider(ColumnLabelProvider.createTextProvider(o -> text.apply((Integer) o)));
        return col;
    }

    private static Button button(Composite parent, String text, String tip) {
        Button b = new Button(parent, SWT.PUSH);
        b.setText(text);
        b.setToolTipText(tip);
        b.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
        return b;
    }

    /** Wireshark's "+": a new row, selected and open for editing. Returns its index. */
    public int addRow() {
        int row = model.add();
        refresh();
        viewer.getTable().setSelection(row);
        viewer.editElement(row, 1);
        return row;
    }

    /** Adds a row with {@code value} (tests type it in). */
    public int addRow(String value) {
        int row = model.add(value);
        refresh();
        return row;
    }

    /** Sets the value of {@code row}, as editing its cell does. */
    public void setValue(int row, String value) {
        model.set(row, value);
        refresh();
    }

    /** Wireshark's "−": removes the selected row. */
    public void removeSelected() {
        int row = viewer.getTable().getSelectionIndex();
        if (row >= 0) {
            removeRow(row);
        }
    }

    public void removeRow(int row) {
        model.remove(row);
        refresh();
    }

    /** The rows' values as shown. */
    public List<String> rows() {
        return model.values();
    }

    /** The ports stored on OK (valid once {@link #open()} returned OK). */
    public List<Integer> ports() {
        return result;
    }

    /** Presses OK as the user would (tests): the dialog closes only when every row is valid. */
    public void pressOk() {
        okPressed();
    }

    /** True when OK can be pressed (every row valid). */
    public boolean okEnabled() {
        Button ok = getButton(IDialogConstants.OK_ID);
        return ok != null && !ok.isDisposed() && ok.isEnabled();
    }

    /** Null when the rows are valid, else why not (as shown in the title area). */
    public String problem() {
        try {
            model.ports();
            return null;
        } catch (IllegalArgumentException e) {
            return e.getMessage();
        }
    }

    private void refresh() {
        if (viewer == null || viewer.getTable().isDisposed()) {
            return;
        }
        List<Integer> rows = new ArrayList<>();
        for (int i = 0; i < model.size(); i++) {
            rows.add(i);
        }
        viewer.setInput(rows);
        remove.setEnabled(viewer.getTable().getSelectionIndex() >= 0);
        String problem = problem();
        setErrorMessage(problem);
        Button ok = getButton(IDialogConstants.OK_ID);
        if (ok != null) {
            ok.setEnabled(problem == null);
        }
    }

    @Override
    protected void createButtonsForButtonBar(Composite parent) {
        super.createButtonsForButtonBar(parent);
        refresh();
    }

    @Override
    protected void okPressed() {
        String problem = problem();
        if (problem != null) {
            setErrorMessage(problem);
            return;
        }
        result = model.ports();
        super.okPressed();
    }

    private static String text(List<Integer> ports) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < ports.size() && i < 8; i++) {
            b.append(i == 0 ? "" : ", ").append(ports.get(i));
        }
        return ports.size() > 8 ? b + " and " + (ports.size() - 8) + " more" : b.toString();
    }

    /** In-place editing of the Value cell; a bad value is kept and named in the title area until fixed. */
    private final class ValueEditing extends EditingSupport {
        private final TextCellEditor editor;

        ValueEditing(TableViewer v) {
            super(v);
            editor = new TextCellEditor(v.getTable());
        }

        @Override
        protected CellEditor getCellEditor(Object element) {
            return editor;
        }

        @Override
        protected boolean canEdit(Object element) {
            return true;
        }

        @Override
        protected Object getValue(Object element) {
            return model.values().get((Integer) element);
        }

        @Override
        protected void setValue(Object element, Object value) {
            model.set((Integer) element, String.valueOf(value));
            refresh();
        }
    }
}
