package org.multitunnel.ui.parts;

import java.util.ArrayList;

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
import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.Color;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Table;
import org.multitunnel.model.Finding;
import org.multitunnel.model.Severity;
import org.multitunnel.ui.UiTopics;
import org.multitunnel.ui.session.CaptureSessionService;
import org.multitunnel.ui.session.OpenCapture;

/**
 * Findings view: every finding of the analysis (severity, rule, message, frame), live while the analysis runs;
 * double-clicking a finding with a frame shows that packet.
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

    @PostConstruct
    public void createControls(Composite parent) {
        body = new PartBody(parent, WHAT_IT_SHOWS);
        viewer = new TableViewer(parent, SWT.SINGLE | SWT.FULL_SELECTION | SWT.BORDER);
        Table table = body.content(viewer.getTable());
        table.setHeaderVisible(true);
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
            viewer.setInput(new ArrayList<>(capture.session().getFindings()));
        }
    }

    /** Shows the finding's packet in Packets (capture-wide findings have frame 0 and no packet). */
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
