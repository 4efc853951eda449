package org.multitunnel.ui.parts;

import java.util.ArrayList;
import java.util.List;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Inject;

import org.eclipse.e4.core.di.annotations.Optional;
import org.eclipse.e4.core.services.events.IEventBroker;
import org.eclipse.e4.ui.di.UIEventTopic;
import org.eclipse.jface.viewers.ArrayContentProvider;
import org.eclipse.jface.viewers.ColumnLabelProvider;
import org.eclipse.jface.viewers.IStructuredSelection;
import org.eclipse.jface.viewers.TableViewer;
import org.eclipse.jface.viewers.TableViewerColumn;
import org.eclipse.jface.viewers.Viewer;
import org.eclipse.jface.viewers.ViewerFilter;
import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.Color;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Table;
import org.multitunnel.model.Finding;
import org.multitunnel.model.Severity;
import org.multitunnel.ui.UiTopics;
import org.multitunnel.ui.session.CaptureSessionService;
import org.multitunnel.ui.session.OpenCapture;

/**
 * Findings view: every finding of the analysis (severity, rule, message, frame), live while the analysis runs;
 * filtered by severity and rule with two drop-downs (the count says how many are hidden); double-clicking a
 * finding with a frame shows that packet.
 */
public class FindingsPart {
    static final String WHAT_IT_SHOWS = "Findings: every violated MUST / MUST NOT found in the capture, with severity, rule and frame.";

    @Inject
    private CaptureSessionService service;
    @Inject
    private IEventBroker events;

    private PartBody body;
    private TableViewer viewer;
    private ModelWatcher watcher;
    private OpenCapture capture;
    private Combo severityChoice;
    private Combo ruleChoice;
    private Label count;
    private FindingsFilter filter = FindingsFilter.NONE;

    @PostConstruct
    public void createControls(Composite parent) {
        body = new PartBody(parent, WHAT_IT_SHOWS);
        Composite holder = body.content(new Composite(parent, SWT.NONE));
        GridLayout hl = new GridLayout(5, false);
        hl.marginWidth = 0;
        hl.marginHeight = 0;
        holder.setLayout(hl);
        new Label(holder, SWT.NONE).setText("Severity:");
        severityChoice = new Combo(holder, SWT.READ_ONLY);
        severityChoice.setItems(FindingsFilter.severityChoices().toArray(String[]::new));
        severityChoice.select(0);
        new Label(holder, SWT.NONE).setText("Rule:");
        ruleChoice = new Combo(holder, SWT.READ_ONLY);
        ruleChoice.setItems(FindingsFilter.ALL);
        ruleChoice.select(0);
        count = new Label(holder, SWT.NONE);
        count.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
        severityChoice.addListener(SWT.Selection, e -> choose());
        ruleChoice.addListener(SWT.Selection, e -> choose());
        viewer = new TableViewer(holder, SWT.SINGLE | SWT.FULL_SELECTION | SWT.BORDER);
        Table table = viewer.getTable();
        table.setLayoutData(new GridData(SWT.FILL, SWT.FILL, true, true, 5, 1));
        table.setHeaderVisible(true);
        viewer.addFilter(new ViewerFilter() {
            @Override
            public boolean select(Viewer v, Object parentElement, Object element) {
                return filter.matches((Finding) element);
            }
        });
        column("Severity", 80, f -> f.getSeverity().getLiteral());
        column("Rule", 190, Finding::getRule);
        column("Message", 620, Finding::getMessage);
        column("Frame", 70, f -> f.getFrame() > 0 ? Long.toString(f.getFrame()) : "");
        viewer.setContentProvider(ArrayContentProvider.getInstance());
        viewer.addDoubleClickListener(e -> {
            if (((IStructuredSelection) e.getSelection()).getFirstElement() instanceof Finding f) {
                goTo(f);
            }
        });
        watcher = new ModelWatcher(parent.getDisplay(), this::refresh);
        if (service.current() != null) {
            opened(service.current());
        }
    }

    private void column(String title, int width, java.util.function.Function<Finding, String> text) {
        TableViewerColumn c = new TableViewerColumn(viewer, SWT.LEFT);
        c.getColumn().setText(title);
        c.getColumn().setWidth(width);
        c.setLabelProvider(new ColumnLabelProvider() {
            @Override
            public String getText(Object element) {
                return text.apply((Finding) element);
            }

            @Override
            public Color getForeground(Object element) {
                Severity s = ((Finding) element).getSeverity();
                return s == Severity.ERROR ? viewer.getTable().getDisplay().getSystemColor(SWT.COLOR_DARK_RED) : null;
            }
        });
    }

    @Inject
    @Optional
    void opened(@UIEventTopic(UiTopics.CAPTURE_OPENED) OpenCapture c) {
        if (viewer == null || viewer.getTable().isDisposed()) {
            return;
        }
        capture = c;
        watcher.watch(c.session());
        refresh();
        body.showContent(true);
    }

    @Inject
    @Optional
    void analysed(@UIEventTopic(UiTopics.ANALYSIS_DONE) OpenCapture c) {
        refresh();
    }

    private void refresh() {
        if (capture != null && !viewer.getTable().isDisposed()) {
            List<Finding> all = new ArrayList<>(capture.session().getFindings());
            String rule = ruleChoice.getText();
            ruleChoice.setItems(FindingsFilter.ruleChoices(all).toArray(String[]::new));
            int keep = ruleChoice.indexOf(rule);
            ruleChoice.select(Math.max(keep, 0));
            filter = FindingsFilter.of(severityChoice.getText(), ruleChoice.getText());
            viewer.setInput(all);
            showCount(all.size());
        }
    }

    private void choose() {
        filter = FindingsFilter.of(severityChoice.getText(), ruleChoice.getText());
        viewer.refresh();
        if (capture != null) {
            showCount(capture.session().getFindings().size());
        }
    }

    private void showCount(int total) {
        int shown = viewer.getTable().getItemCount();
        count.setText(shown == total ? String.format("%,d findings", total)
                : String.format("%,d of %,d findings", shown, total));
        count.getParent().layout(true);
    }

    /** Selects a severity and a rule as the drop-downs would ("All" for either means no restriction). */
    void choose(String severity, String rule) {
        severityChoice.select(Math.max(severityChoice.indexOf(severity), 0));
        ruleChoice.select(Math.max(ruleChoice.indexOf(rule), 0));
        choose();
    }

    Combo ruleChoice() {
        return ruleChoice;
    }

    /** Shows the finding's packet in Packets (every analysis finding names one; frame 0 would have none). */
    boolean goTo(Finding f) {
        if (f.getFrame() <= 0) {
            return false;
        }
        events.send(UiTopics.GOTO_PACKET, (int) (f.getFrame() - 1));
        return true;
    }

    TableViewer viewer() {
        return viewer;
    }

    @PreDestroy
    void dispose() {
        if (watcher != null) {
            watcher.watch(null);
        }
    }
}
