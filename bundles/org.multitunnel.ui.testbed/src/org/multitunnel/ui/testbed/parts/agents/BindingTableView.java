package org.multitunnel.ui.testbed.parts.agents;

import java.time.Instant;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.eclipse.jface.viewers.ArrayContentProvider;
import org.eclipse.jface.viewers.ColumnLabelProvider;
import org.eclipse.jface.viewers.TableViewer;
import org.eclipse.jface.viewers.TableViewerColumn;
import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.widgets.Composite;
import org.multitunnel.agent.ha.HaBinding;
import org.multitunnel.agent.ha.HaFlowBinding;
import org.multitunnel.wire.mip.ext.AccessTechnologyTypes;
import org.multitunnel.wire.mip.ext.FlowBindingActions;

/**
 * The running home agent's binding table: one row per binding (home address, BID, care-of address, remaining
 * lifetime counting down, granted lifetime, how it was registered, its flow bindings). The part feeds it
 * snapshots; the remaining time is computed at each refresh, so a one-second refresh makes it count down.
 */
public final class BindingTableView {
    private static final FlowBindingActions ACTIONS = FlowBindingActions.defaults();
    private final TableViewer viewer;
    private List<HaBinding> rows = List.of();

    public BindingTableView(Composite parent) {
        viewer = new TableViewer(parent, SWT.SINGLE | SWT.FULL_SELECTION | SWT.BORDER | SWT.V_SCROLL);
        viewer.getTable().setHeaderVisible(true);
        viewer.getTable().setLinesVisible(true);
        viewer.getTable().setLayoutData(new GridData(SWT.FILL, SWT.FILL, true, true));
        viewer.setContentProvider(ArrayContentProvider.getInstance());
        column("Home address", 110, HaBinding::homeAddress);
        column("BID", 40, b -> Integer.toString(b.bid()));
        column("Care-of address", 120, HaBinding::careOfAddress);
        column("Remaining", 85, BindingTableView::remaining);
        column("Lifetime", 70, b -> b.lifetime() == HaBinding.INFINITE ? "infinite" : b.lifetime() + " s");
        column("Flags", 250, BindingTableView::flags);
        column("Flow bindings", 200, BindingTableView::flows);
        viewer.setInput(rows);
    }

    public void setBindings(List<HaBinding> bindings) {
        rows = List.copyOf(bindings);
        if (!viewer.getTable().isDisposed()) {
            viewer.setInput(rows);
        }
    }

    /** Recomputes the remaining lifetimes. */
    public void tick() {
        if (!viewer.getTable().isDisposed()) {
            viewer.refresh(true);
        }
    }

    public List<HaBinding> bindings() {
        return rows;
    }

    public TableViewer viewer() {
        return viewer;
    }

    static String remaining(HaBinding b) {
        long s = b.remainingSeconds(Instant.now());
        return s < 0 ? "infinite" : s + " s";
    }

    static String flags(HaBinding b) {
        StringBuilder s = new StringBuilder(b.extension());
        if (b.ifAtt() != 0) {
            String name = AccessTechnologyTypes.name(b.ifAtt());
            s.append(", If-ATT ").append(b.ifAtt()).append(name == null ? "" : " " + name);
        }
        if (b.ifLabel() != 0) {
            s.append(", If-Label ").append(b.ifLabel());
        }
        if (b.linkWeight() != 0) {
            s.append(", weight ").append(b.linkWeight());
        }
        return s.toString();
    }

    static String flows(HaBinding b) {
        return b.flowBindings().stream().map(BindingTableView::flow).collect(Collectors.joining("; "));
    }

    private static String flow(HaFlowBinding f) {
        String action = ACTIONS.name(f.action());
        return (action == null ? "action " + f.action() : action) + " → BID " + f.bids().stream()
                .map(String::valueOf).collect(Collectors.joining(","));
    }

    private void column(String title, int width, Function<HaBinding, String> text) {
        TableViewerColumn c = new TableViewerColumn(viewer, SWT.LEFT);
        c.getColumn().setText(title);
        c.getColumn().setWidth(width);
        c.setLabelProvider(ColumnLabelProvider.createTextProvider(o -> text.apply((HaBinding) o)));
    }
}
