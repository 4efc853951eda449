package org.multitunnel.ui.parts;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

import org.eclipse.e4.ui.model.application.ui.basic.MPart;
import org.eclipse.e4.ui.workbench.modeling.EPartService;
import org.eclipse.e4.ui.workbench.modeling.EPartService.PartState;
import org.eclipse.jface.viewers.StructuredSelection;
import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.Point;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Event;
import org.eclipse.swt.widgets.Table;
import org.jfree.chart.renderer.xy.StackedXYAreaRenderer2;
import org.multitunnel.capture.synth.MipPortMover;
import org.multitunnel.model.Binding;
import org.multitunnel.model.BindingStateChange;
import org.multitunnel.model.MobileNode;
import org.multitunnel.ui.bindings.StateTimeline;
import org.multitunnel.ui.chart.TunnelSeriesDataset.Unit;
import org.multitunnel.ui.chart.TunnelTable;
import org.multitunnel.ui.packets.NaturalOrder;
import org.multitunnel.ui.packets.SortJob;
import org.multitunnel.ui.prefs.UiPreferences;
import org.multitunnel.ui.session.CaptureSessionService;
import org.multitunnel.ui.session.OpenCapture;

/**
 * The interactive part of the Analysis views test, run in the same workbench after the first inspection (a second
 * workbench in one test JVM hangs): column sorting, a binding selected in Bindings filtering Packets, going to a
 * packet the filter hides, the chart's modes, legend toggle, readout and exports, the state-history graph, and the
 * Mobile IP port preference applied to the next capture opened.
 * Each step records what it saw into {@code seen}; {@link AnalysisViewsTest} asserts after the workbench closed.
 */
final class ViewInteractionChecks {
    private final Display display;
    private final Map<String, Object> seen;
    private final List<String> problems;
    private final OpenCapture capture;
    private final PacketsPart packets;
    private final BindingsPart bindings;
    private final TunnelsChartPart tunnels;
    private final EPartService partService;
    private final Path scratch;
    private final CaptureSessionService service;
    private Path movedCapture;

    ViewInteractionChecks(Display display, Map<String, Object> seen, List<String> problems, OpenCapture capture,
            PacketsPart packets, BindingsPart bindings, TunnelsChartPart tunnels, EPartService partService,
            Path scratch, CaptureSessionService service) {
        this.service = service;
        this.display = display;
        this.seen = seen;
        this.problems = problems;
        this.capture = capture;
        this.packets = packets;
        this.bindings = bindings;
        this.tunnels = tunnels;
        this.partService = partService;
        this.scratch = scratch;
    }

    /** Runs every step in order, then {@code done}. */
    void run(Runnable done) {
        Table table = packets.table();
        new Chain().then(() -> seen.put("sortJobStarted", packets.sortBy(SortJob.LENGTH) != null))
                .await(this::idle).then(() -> {
            seen.put("sortedLengthAsc", numbers(table));
            packets.sortBy(SortJob.LENGTH); // again: descending
        }).await(this::idle).then(() -> {
            seen.put("sortedLengthDesc", numbers(table));
            seen.put("sortIndicator", table.getSortColumn() == table.getColumn(SortJob.LENGTH)
                    && table.getSortDirection() == SWT.DOWN);
            packets.applyFilter("mip"); // a filter while sorted: its rows in the same order
        }).await(this::idle).then(() -> {
            seen.put("sortedFilteredNumbers", numbers(table));
            packets.clearFilter();
        }).await(this::idle).then(() -> {
            seen.put("rowsSortedAfterClear", table.getItemCount());
            packets.sortBy(SortJob.SOURCE);
        }).await(this::idle).then(() -> {
            List<String> sources = column(table, 2);
            boolean ordered = true;
            for (int i = 1; i < sources.size(); i++) {
                ordered &= NaturalOrder.INSTANCE.compare(sources.get(i - 1), sources.get(i)) <= 0;
            }
            seen.put("sourceSortedNaturally", ordered);
            packets.sortBy(SortJob.NUMBER);
            seen.put("numbersAfterNoClick", numbers(table));
            selectBinding(node(1).getBindings().get(1)); // 10.1.0.1 BID 2
            seen.put("bindingFilterText", packets.filterText().getText());
        }).await(this::idle).then(() -> {
            seen.put("bindingRows", table.getItemCount());
            selectBinding(node(2)); // the whole node 10.1.0.2
        }).await(this::idle).then(() -> {
            seen.put("nodeRows", table.getItemCount());
            selectBinding(node(1).getBindings().get(1));
        }).await(this::idle).then(() -> {
            packets.setConfirm((title, message) -> {
                seen.put("hiddenQuestion", message);
                return false;
            });
            seen.put("goToHiddenDeclined", packets.goToPacket(4)); // frame 5: 10.1.0.1 BID 3, hidden
            seen.put("rowsAfterDecline", table.getItemCount());
            packets.setConfirm((title, message) -> true);
            seen.put("goToHiddenAccepted", packets.goToPacket(4));
        }).await(this::idle).then(() -> {
            seen.put("filterAfterHiddenGoTo", packets.filterText().getText());
            seen.put("rowsAfterHiddenGoTo", table.getItemCount());
            seen.put("selectedAfterHiddenGoTo", table.getItem(table.getSelectionIndex()).getText(0));
            checkChart();
            checkStateHistory();
            // Mobile IP moved to UDP 4434: with the default port preference it is plain UDP ...
            movedCapture = scratch.resolve("demo-4434.pcap");
            try {
                seen.put("movedPackets", MipPortMover.move(capture.path(), movedCapture, 4434));
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            storePorts(List.of(434));
            service.open(movedCapture);
        }).await(() -> opened(movedCapture)).then(() -> {
            seen.put("nodesWithDefaultPort", service.current().session().getMobileNodes().size());
            seen.put("protocolWithDefaultPort", packets.table().getItem(0).getText(4));
            // ... and once 4434 is a Mobile IP port in the preferences, the next capture opened is analysed as such.
            storePorts(List.of(434, 4434));
            service.open(movedCapture);
        }).await(() -> opened(movedCapture) && service.current().mipConfig().ports().contains(4434)).then(() -> {
            seen.put("nodesWithConfiguredPort", service.current().session().getMobileNodes().size());
            seen.put("bindingRowsWithConfiguredPort", bindings.viewer().getTree().getItemCount());
            seen.put("protocolWithConfiguredPort", packets.table().getItem(0).getText(4));
            seen.put("infoWithConfiguredPort", packets.table().getItem(0).getText(6));
            storePorts(List.of(434));
        }).run(done);
    }

    private void checkChart() {
        tunnels.setUnit(Unit.BITS);
        tunnels.setStacked(false);
        TunnelTable lines = tunnels.table();
        List<Double> totals = new ArrayList<>();
        for (int s = 0; s < lines.getSeriesCount(); s++) {
            totals.add(lines.total(s));
        }
        seen.put("lineTotals", totals);
        seen.put("lineKeys", keys(lines));
        tunnels.setStacked(true);
        TunnelTable stacked = tunnels.table();
        seen.put("stackedRenderer", tunnels.chart().getXYPlot().getRenderer() instanceof StackedXYAreaRenderer2);
        double sumOfTops = 0;
        for (int i = 0; i < stacked.getItemCount(); i++) {
            sumOfTops += stacked.stackedTotal(i);
        }
        seen.put("stackedSumOfTops", sumOfTops);
        seen.put("stackedTopAt5", stacked.stackedTotal(5));
        seen.put("bucket5Nanos", stacked.nanos(5));
        tunnels.setStacked(false);
        // A zoomed time axis survives a rebuild of the series (live captures rebuild twice a second).
        org.jfree.chart.axis.ValueAxis time = tunnels.chart().getXYPlot().getDomainAxis();
        org.jfree.data.Range full = time.getRange();
        org.jfree.data.Range zoom = new org.jfree.data.Range(full.getLowerBound(),
                full.getLowerBound() + full.getLength() / 4);
        time.setRange(zoom);
        tunnels.setUnit(Unit.PACKETS);
        seen.put("zoomKeptOverRebuild", zoom.equals(time.getRange()));
        time.setAutoRange(true);
        List<Double> packetTotals = new ArrayList<>();
        for (int s = 0; s < tunnels.table().getSeriesCount(); s++) {
            packetTotals.add(tunnels.table().total(s));
        }
        seen.put("packetTotals", packetTotals);
        tunnels.setUnit(Unit.BITS);
        String key0 = String.valueOf(tunnels.table().getSeriesKey(0));
        tunnels.toggleSeries(key0);
        seen.put("series0VisibleAfterToggle", tunnels.chart().getXYPlot().getRenderer().isSeriesVisible(0));
        try {
            Path svg = scratch.resolve("tunnels.svg");
            tunnels.export("svg", svg);
            String text = Files.readString(svg);
            seen.put("svgPolylines", text.split("<polyline", -1).length - 1);
            seen.put("svgStartsWithXml", text.startsWith("<?xml") && text.contains("<svg"));
            tunnels.toggleSeries(key0);
            seen.put("series0VisibleAfterSecondToggle",
                    tunnels.chart().getXYPlot().getRenderer().isSeriesVisible(0));
            Path csv = scratch.resolve("tunnels.csv");
            tunnels.export("csv", csv);
            seen.put("csvLines", Files.readAllLines(csv, StandardCharsets.UTF_8));
            seen.put("csvTable", tunnels.table());
            Path png = scratch.resolve("tunnels.png");
            tunnels.export("png", png);
            byte[] bytes = Files.readAllBytes(png);
            seen.put("pngMagic", bytes.length > 1000 && bytes[1] == 'P' && bytes[2] == 'N' && bytes[3] == 'G');
        } catch (Exception e) {
            problems.add("chart export failed: " + e);
        }
        seen.put("readout5", tunnels.readoutAt(5, 0));
        // Reference lines only for what the registrations carried: the demo has no interface bandwidth; one set on
        // a binding (as the multiple-tunnel draft's extension would) is drawn in bits/s, not in packets/s.
        seen.put("referenceLinesDemo", tunnels.referenceLines());
        Binding b = node(1).getBindings().get(1);
        b.setInterfaceBandwidth(1000);
        tunnels.setUnit(Unit.BITS);
        seen.put("referenceLinesWithBandwidth", tunnels.referenceLines());
        tunnels.setUnit(Unit.PACKETS);
        seen.put("referenceLinesInPackets", tunnels.referenceLines());
        b.unsetInterfaceBandwidth();
        tunnels.setUnit(Unit.BITS);
    }

    private void checkStateHistory() {
        MPart part = partService.showPart("org.multitunnel.ui.part.statehistory", PartState.VISIBLE);
        StateHistoryPart history = (StateHistoryPart) part.getObject();
        StateTimeline timeline = history.timeline();
        List<String> changes = new ArrayList<>();
        for (StateTimeline.Row row : timeline.rows()) {
            for (StateTimeline.Segment s : row.segments()) {
                BindingStateChange c = s.change();
                changes.add(row.node().getHomeAddress() + " BID " + row.binding().getBid() + " "
                        + c.getEvent().getLiteral() + " " + s.state().getLiteral() + " @" + c.getTime());
            }
        }
        seen.put("historyChanges", changes);
        seen.put("historyOutlinedOnCreate", history.selectedBinding() == node(1).getBindings().get(1));
        seen.put("historyRows", timeline.rows().size());
        display.update();
        history.canvas().setSize(Math.max(600, history.canvas().getSize().x), 400);
        StateTimeline.Segment first = timeline.rows().get(0).segments().get(0);
        Point p = history.pointOf(0, first);
        seen.put("historyTooltip", history.tooltipAt(p.x, p.y));
        Event click = new Event();
        click.x = p.x;
        click.y = p.y;
        click.button = 1;
        history.canvasEvent(SWT.MouseUp, click);
        Table table = packets.table();
        seen.put("historyClickFrame", first.change().getFrame());
        seen.put("selectedAfterHistoryClick", table.getItem(table.getSelectionIndex()).getText(0));
        seen.put("infoAfterHistoryClick", table.getItem(table.getSelectionIndex()).getText(6));
        // A click on the label of row 4 (10.1.0.2 BID 1) selects that binding in Bindings and filters Packets.
        Point label = history.labelPointOf(3);
        Event labelClick = new Event();
        labelClick.x = label.x;
        labelClick.y = label.y;
        labelClick.button = 1;
        history.canvasEvent(SWT.MouseUp, labelClick);
        Object inBindings = ((org.eclipse.jface.viewers.IStructuredSelection) bindings.viewer().getSelection())
                .getFirstElement();
        seen.put("bindingsAfterLabelClick", inBindings == timeline.rows().get(3).binding());
        seen.put("filterAfterLabelClick", packets.filterText().getText());
        seen.put("outlinedAfterLabelClick", history.selectedBinding() == timeline.rows().get(3).binding());
    }

    private boolean opened(Path file) {
        OpenCapture c = service.current();
        return c != null && c.path().equals(file) && c.analysisDone() && c.indexingDone();
    }

    private static void storePorts(List<Integer> ports) {
        try {
            UiPreferences.load().setMipPorts(ports).store();
        } catch (org.osgi.service.prefs.BackingStoreException e) {
            throw new IllegalStateException(e);
        }
    }

    private MobileNode node(int number) {
        return capture.session().getMobileNodes().get(number - 1);
    }

    private void selectBinding(Object o) {
        bindings.viewer().setSelection(new StructuredSelection(o));
    }

    private boolean idle() {
        return packets.filterJob() == null && packets.sortJob() == null;
    }

    private static List<String> keys(TunnelTable t) {
        List<String> out = new ArrayList<>();
        for (int s = 0; s < t.getSeriesCount(); s++) {
            out.add(String.valueOf(t.getSeriesKey(s)));
        }
        return out;
    }

    static List<String> numbers(Table table) {
        return column(table, 0);
    }

    static List<String> column(Table table, int column) {
        List<String> out = new ArrayList<>();
        for (int r = 0; r < table.getItemCount(); r++) {
            out.add(table.getItem(r).getText(column));
        }
        return out;
    }

    /**
     * Actions and waits run in turn on the UI thread: each {@code await} polls until its condition holds; a failing
     * action is recorded and ends the chain with {@code done}, which otherwise runs last.
     */
    private final class Chain {
        private final List<Object> steps = new ArrayList<>();

        Chain then(Runnable action) {
            steps.add(action);
            return this;
        }

        Chain await(BooleanSupplier ready) {
            steps.add(ready);
            return this;
        }

        void run(Runnable done) {
            next(0, done);
        }

        private void next(int i, Runnable done) {
            if (i >= steps.size()) {
                AnalysisViewsTest.whenTrue(display, () -> true, done);
                return;
            }
            if (steps.get(i) instanceof BooleanSupplier ready) {
                AnalysisViewsTest.whenTrue(display, ready, () -> next(i + 1, done));
                return;
            }
            try {
                ((Runnable) steps.get(i)).run();
            } catch (RuntimeException | AssertionError e) {
                problems.add("interaction step " + i + " failed: " + e);
                done.run();
                return;
            }
            next(i + 1, done);
        }
    }

    /** Expected reply time of a ground-truth registration in nanoseconds. */
    static long nanos(Object seconds) {
        return new BigDecimal(String.valueOf(seconds)).movePointRight(9).longValueExact();
    }
}
