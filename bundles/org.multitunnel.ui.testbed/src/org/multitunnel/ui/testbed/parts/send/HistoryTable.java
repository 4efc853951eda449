package org.multitunnel.ui.testbed.parts.send;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;

import org.eclipse.jface.viewers.ArrayContentProvider;
import org.eclipse.jface.viewers.ColumnLabelProvider;
import org.eclipse.jface.viewers.IStructuredSelection;
import org.eclipse.jface.viewers.StructuredSelection;
import org.eclipse.jface.viewers.TableViewer;
import org.eclipse.jface.viewers.TableViewerColumn;
import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.Color;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.widgets.Composite;
import org.multitunnel.agent.client.Verdict;
import org.multitunnel.ui.testbed.send.SentExchange;

/**
 * The Send history: one row per exchange (number, local time, the composer's summary, reply code, verdict),
 * newest last; selecting a row re-opens it, several rows can be selected for export.
 */
public final class HistoryTable {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss.SSS")
            .withZone(ZoneId.systemDefault());
    private final TableViewer viewer;
    private final List<SentExchange> rows = new ArrayList<>();

    public HistoryTable(Composite parent, Consumer<SentExchange> opened) {
        viewer = new TableViewer(parent, SWT.MULTI | SWT.FULL_SELECTION | SWT.BORDER | SWT.V_SCROLL);
        viewer.getTable().setHeaderVisible(true);
        viewer.getTable().setLinesVisible(true);
        viewer.getTable().setLayoutData(new GridData(SWT.FILL, SWT.FILL, true, true));
        viewer.setContentProvider(ArrayContentProvider.getInstance());
        column("#", 40, x -> Integer.toString(x.number()));
        column("Time", 95, x -> TIME.format(x.time()));
        column("Code", 190, SentExchange::codeText);
        TableViewerColumn verdict = column("Verdict", 90, x -> x.verdict().label());
        verdict.setLabelProvider(new ColumnLabelProvider() {
            @Override
            public String getText(Object e) {
                return ((SentExchange) e).verdict().label();
            }

            @Override
            public Color getForeground(Object e) {
                Verdict v = ((SentExchange) e).verdict();
                return viewer.getTable().getDisplay().getSystemColor(
                        v == Verdict.ACCEPTED ? SWT.COLOR_DARK_GREEN : SWT.COLOR_DARK_RED);
            }
        });
        column("Summary", 400, x -> x.summary() == null ? "" : x.summary());
        viewer.setInput(rows);
        viewer.addSelectionChangedListener(e -> {
            Object first = ((IStructuredSelection) e.getSelection()).getFirstElement();
            if (first instanceof SentExchange x) {
                opened.accept(x);
            }
        });
    }

    /** Appends {@code x} and selects it (which shows it). */
    public void add(SentExchange x) {
        rows.add(x);
        viewer.refresh();
        viewer.setSelection(new StructuredSelection(x), true);
    }

    public List<SentExchange> rows() {
        return List.copyOf(rows);
    }

    /** The selected rows in history order. */
    public List<SentExchange> selected() {
        List<SentExchange> out = new ArrayList<>();
        for (Object o : viewer.getStructuredSelection().toList()) {
            out.add((SentExchange) o);
        }
        out.sort(java.util.Comparator.comparingInt(SentExchange::number));
        return out;
    }

    public void select(List<SentExchange> xs) {
        viewer.setSelection(new StructuredSelection(xs), true);
    }

    public TableViewer viewer() {
        return viewer;
    }

    private TableViewerColumn column(String title, int width, Function<SentExchange, String> text) {
        TableViewerColumn c = new TableViewerColumn(viewer, SWT.LEFT);
        c.getColumn().setText(title);
        c.getColumn().setWidth(width);
        c.setLabelProvider(ColumnLabelProvider.createTextProvider(o -> text.apply((SentExchange) o)));
        return c;
    }
}
