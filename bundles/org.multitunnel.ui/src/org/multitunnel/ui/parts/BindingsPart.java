package org.multitunnel.ui.parts;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Inject;

import org.eclipse.e4.core.di.annotations.Optional;
import org.eclipse.e4.ui.di.UIEventTopic;
import org.eclipse.e4.core.services.events.IEventBroker;
import org.eclipse.e4.ui.model.application.MApplication;
import org.eclipse.jface.viewers.IStructuredSelection;
import org.eclipse.jface.viewers.TreeViewer;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Tree;
import org.eclipse.swt.widgets.TreeColumn;
import org.multitunnel.model.Binding;
import org.multitunnel.model.MobileNode;
import org.multitunnel.ui.UiTopics;
import org.multitunnel.ui.bindings.BindingsContent;
import org.multitunnel.ui.bindings.BindingsLabels;
import org.multitunnel.ui.bindings.LifetimeCountdown;
import org.multitunnel.ui.session.CaptureSessionService;
import org.multitunnel.ui.session.OpenCapture;

/**
 * Bindings view: each mobile node with its bindings (BID, care-of address, access technology, label,
 * encapsulation, state, lifetime) and flow bindings, straight from the EMF session and refreshed while the
 * analysis adds to it. Selecting a binding (or a node) highlights its tunnels in the chart, filters Packets to its
 * traffic and outlines it in State History; a binding selected there is selected here too.
 */
public class BindingsPart {
    static final String WHAT_IT_SHOWS = "Bindings: each mobile node with its bindings (BID, care-of address, state, lifetime) and flow bindings.";
    private static final int[] WIDTHS = { 190, 120, 150, 50, 95, 70, 170, 90 };

    @Inject
    private CaptureSessionService service;
    @Inject
    private IEventBroker events;
    @Inject
    private MApplication application;

    private PartBody body;
    private TreeViewer viewer;
    private ModelWatcher watcher;
    private LifetimeCountdown countdown;

    @PostConstruct
    public void createControls(Composite parent) {
        body = new PartBody(parent, WHAT_IT_SHOWS);
        viewer = new TreeViewer(parent, SWT.SINGLE | SWT.FULL_SELECTION | SWT.BORDER);
        Tree tree = body.content(viewer.getTree());
        tree.setHeaderVisible(true);
        for (int i = 0; i < BindingsLabels.COLUMNS.length; i++) {
            TreeColumn c = new TreeColumn(tree, SWT.LEFT);
            c.setText(BindingsLabels.COLUMNS[i]);
            c.setWidth(WIDTHS[i]);
        }
        viewer.setContentProvider(new BindingsContent());
        BindingsLabels labels = new BindingsLabels();
        viewer.setLabelProvider(labels);
        countdown = new LifetimeCountdown(parent.getDisplay(), labels, this::refresh);
        viewer.setAutoExpandLevel(TreeViewer.ALL_LEVELS);
        viewer.addSelectionChangedListener(e -> {
            Object selected = ((IStructuredSelection) e.getSelection()).getFirstElement();
            if (selected instanceof Binding || selected instanceof MobileNode) {
                application.getContext().set(UiTopics.SELECTED_BINDING_KEY, selected);
                events.send(UiTopics.BINDING_SELECTED, selected);
            }
        });
        watcher = new ModelWatcher(parent.getDisplay(), this::refresh);
        if (service.current() != null) {
            opened(service.current());
        }
    }

    @Inject
    @Optional
    void opened(@UIEventTopic(UiTopics.CAPTURE_OPENED) OpenCapture c) {
        if (viewer == null || viewer.getTree().isDisposed()) {
            return;
        }
        watcher.watch(c.session());
        countdown.follow(c);
        viewer.setInput(c.session());
        body.showContent(true);
    }

    @Inject
    @Optional
    void analysed(@UIEventTopic(UiTopics.ANALYSIS_DONE) OpenCapture c) {
        refresh();
    }

    private void refresh() {
        if (viewer != null && !viewer.getTree().isDisposed()) {
            viewer.refresh();
            viewer.expandAll();
        }
    }

    /** Selects a binding chosen in another view (State History), unless it is selected already. */
    @Inject
    @Optional
    void selectedElsewhere(@UIEventTopic(UiTopics.BINDING_SELECTED) Object selected) {
        if (viewer != null && !viewer.getTree().isDisposed()
                && ((IStructuredSelection) viewer.getSelection()).getFirstElement() != selected) {
            viewer.setSelection(new org.eclipse.jface.viewers.StructuredSelection(selected), true);
        }
    }

    TreeViewer viewer() {
        return viewer;
    }

    @PreDestroy
    void dispose() {
        if (watcher != null) {
            watcher.watch(null);
        }
    }
}
