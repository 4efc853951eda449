package org.multitunnel.ui.parts;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.geom.Point2D;
import java.awt.geom.Rectangle2D;
import java.io.IOException;
import java.nio.file.Path;
import java.text.SimpleDateFormat;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TimeZone;

import jakarta.annotation.PostConstruct;
import jakarta.inject.Inject;

import org.eclipse.e4.core.di.annotations.Optional;
import org.eclipse.e4.core.services.events.IEventBroker;
import org.eclipse.e4.ui.di.UIEventTopic;
import org.eclipse.jface.dialogs.MessageDialog;
import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.FileDialog;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Menu;
import org.eclipse.swt.widgets.MenuItem;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.ChartMouseEvent;
import org.jfree.chart.ChartMouseListener;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.DateAxis;
import org.jfree.chart.entity.LegendItemEntity;
import org.jfree.chart.entity.XYItemEntity;
import org.jfree.chart.labels.StandardXYToolTipGenerator;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.StackedXYAreaRenderer2;
import org.jfree.chart.renderer.xy.XYItemRenderer;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.swt.ChartComposite;
import org.jfree.chart.ui.RectangleAnchor;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.time.TimeSeriesCollection;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.multitunnel.analysis.filter.FilterSeries;
import org.multitunnel.model.Binding;
import org.multitunnel.model.MobileNode;
import org.multitunnel.model.Tunnel;
import org.multitunnel.ui.UiTopics;
import org.multitunnel.ui.chart.ChartExport;
import org.multitunnel.ui.chart.HeadlessAwt;
import org.multitunnel.ui.chart.SvgChart;
import org.multitunnel.ui.chart.TunnelSeriesDataset;
import org.multitunnel.ui.chart.TunnelSeriesDataset.Unit;
import org.multitunnel.ui.chart.TunnelTable;
import org.multitunnel.ui.packets.FilterResult;
import org.multitunnel.ui.prefs.UiPreferences;
import org.multitunnel.ui.session.CaptureSessionService;
import org.multitunnel.ui.session.OpenCapture;

/**
 * Tunnels view: throughput of every HA-to-care-of-address tunnel over the capture, one series per tunnel, as lines
 * or stacked areas, in bits/s or packets/s. Drawn by jfreechart-swt's ChartComposite (drag to zoom, wheel to zoom
 * the time axis, middle-drag or arrow keys to pan) from the series the analysis writes into the session when it
 * ends. A crosshair follows the mouse and the line under the chart reads the values there; clicking a legend entry
 * hides or shows that tunnel; clicking the plot shows the first packet of that time bucket in Packets. The tunnels
 * of the binding selected in Bindings are drawn thicker; interface bandwidths the registrations carried are drawn
 * as reference lines. The display filter Packets applies is drawn as a dashed line of its packets (bits/s of frame
 * lengths, or packets/s). Export writes PNG, SVG or the CSV table of what is shown.
 */
public class TunnelsChartPart {
    static final String WHAT_IT_SHOWS = "Tunnels: per-tunnel throughput over time, one series per HA-to-care-of-address tunnel.";

    static {
        HeadlessAwt.ensure(); // before ChartFactory touches AWT, also when the part is made outside the LifeCycle
    }

    @Inject
    private CaptureSessionService service;
    @Inject
    private IEventBroker events;

    private PartBody body;
    private JFreeChart chart;
    private ChartComposite chartComposite;
    private Label note;
    private Label readout;
    private Unit unit = UiPreferences.load().chartUnit();
    private boolean stacked;
    private OpenCapture capture;
    private TunnelTable table;
    /** The display filter Packets shows now, or null. */
    private FilterResult filter;
    /** Series keys drawn thicker (the selected binding's tunnels). */
    private Set<String> highlighted = Set.of();
    /** Series keys the user hid with a click on the legend; kept across unit and mode changes. */
    private final Set<String> hidden = new HashSet<>();
    private int panFromX = -1;
    private Button legend;
    /** The user ticked or unticked Legend; then it stays as chosen. */
    private boolean legendChosen;
    /** Above this many tunnels the legend would crowd out the plot: it starts hidden (the checkbox shows it). */
    static final int LEGEND_MAX_AUTO = 24;
    private static final java.awt.Paint[] PALETTE = org.jfree.chart.ChartColor.createDefaultPaintArray();

    @PostConstruct
    public void createControls(Composite parent) {
        body = new PartBody(parent, WHAT_IT_SHOWS);
        Composite content = body.content(new Composite(parent, SWT.NONE));
        GridLayout layout = new GridLayout(1, false);
        layout.marginWidth = layout.marginHeight = 0;
        layout.verticalSpacing = 2;
        content.setLayout(layout);
        createToolbar(content);
        note = new Label(content, SWT.NONE);
        note.setLayoutData(narrow(new GridData(SWT.FILL, SWT.CENTER, true, false)));
        chart = ChartFactory.createTimeSeriesChart(null, "Time (UTC)", unit.label(), new TimeSeriesCollection(),
                true, true, false);
        XYPlot plot = chart.getXYPlot();
        chart.getLegend().setItemFont(new java.awt.Font(java.awt.Font.SANS_SERIF, java.awt.Font.PLAIN, 10));
        ((DateAxis) plot.getDomainAxis()).setTimeZone(TimeZone.getTimeZone("UTC"));
        plot.setDomainCrosshairVisible(true);
        plot.setDomainCrosshairLockedOnData(false);
        plot.setRangeCrosshairVisible(true);
        plot.setRangeCrosshairLockedOnData(false);
        chartComposite = new ChartComposite(content, SWT.NONE, chart, true);
        chartComposite.setLayoutData(narrow(new GridData(SWT.FILL, SWT.FILL, true, true)));
        chartComposite.setRangeZoomable(false); // drag zooms time; the y axis follows the data
        chartComposite.addChartMouseListener(new ChartMouseListener() {
            @Override
            public void chartMouseClicked(ChartMouseEvent e) {
                if (e.getTrigger().getButton() != java.awt.event.MouseEvent.BUTTON1) {
                    return;
                }
                if (e.getEntity() instanceof LegendItemEntity legend) {
                    toggleSeries(String.valueOf(legend.getSeriesKey()));
                } else if (e.getEntity() instanceof XYItemEntity item) {
                    goToTime(item.getDataset().getX(item.getSeriesIndex(), item.getItem()).longValue());
                } else {
                    double x = domainValueAt(e.getTrigger().getX());
                    int bucket = Double.isNaN(x) || table == null ? -1 : table.nearestItem(x);
                    if (bucket >= 0) {
                        goToTime((long) table.getXValue(0, bucket));
                    }
                }
            }

            @Override
            public void chartMouseMoved(ChartMouseEvent e) {
                crosshairAt(e.getTrigger().getX(), e.getTrigger().getY());
            }
        });
        addWheelZoomAndPan();
        readout = new Label(content, SWT.NONE);
        readout.setLayoutData(narrow(new GridData(SWT.FILL, SWT.CENTER, true, false)));
        readout.setText("Move over the chart to read values; drag to zoom, wheel zooms time, middle-drag pans.");
        if (service.current() != null) {
            opened(service.current());
            if (service.current().analysisDone()) {
                rebuild();
            }
        }
    }

    /** Lets the part shrink below its content's natural width (the chart and labels then clip, not the part). */
    private static GridData narrow(GridData d) {
        d.widthHint = 50;
        d.minimumWidth = 50;
        if (d.grabExcessVerticalSpace) {
            d.heightHint = 50; // the chart takes the height left, not its preferred 420 pixels
        }
        return d;
    }

    /** The controls above the chart, in a row that wraps when the part is narrow. */
    private void createToolbar(Composite content) {
        Composite bar = new Composite(content, SWT.NONE);
        bar.setLayoutData(narrow(new GridData(SWT.FILL, SWT.CENTER, true, false)));
        org.eclipse.swt.layout.RowLayout l = new org.eclipse.swt.layout.RowLayout(SWT.HORIZONTAL);
        l.wrap = true;
        l.center = true;
        l.marginWidth = l.marginHeight = 0;
        l.marginTop = l.marginBottom = 0;
        l.spacing = 6;
        bar.setLayout(l);
        Composite modes = group(bar);
        for (boolean s : new boolean[] { false, true }) {
            Button b = new Button(modes, SWT.RADIO);
            b.setText(s ? "Stacked" : "Lines");
            b.setSelection(s == stacked);
            b.addListener(SWT.Selection, e -> {
                if (b.getSelection()) {
                    setStacked(s);
                }
            });
        }
        Composite units = group(bar);
        for (Unit u : Unit.values()) {
            Button b = new Button(units, SWT.RADIO);
            b.setText(u.label());
            b.setSelection(u == unit);
            b.addListener(SWT.Selection, e -> {
                if (b.getSelection()) {
                    setUnit(u);
                }
            });
        }
        legend = new Button(bar, SWT.CHECK);
        legend.setText("Legend");
        legend.setSelection(true);
        legend.addListener(SWT.Selection, e -> {
            chart.getLegend().setVisible(legend.getSelection());
            legendChosen = true;
            chart.fireChartChanged();
        });
        Button reset = new Button(bar, SWT.PUSH);
        reset.setText("Reset Zoom");
        reset.addListener(SWT.Selection, e -> {
            chartComposite.restoreAutoBounds();
            chartComposite.forceRedraw();
        });
        Button export = new Button(bar, SWT.PUSH);
        export.setText("Export ▾");
        Menu menu = new Menu(export);
        item(menu, "PNG Image...", () -> exportWithDialog("png"));
        item(menu, "SVG Image...", () -> exportWithDialog("svg"));
        item(menu, "CSV Table...", () -> exportWithDialog("csv"));
        export.addListener(SWT.Selection, e -> {
            org.eclipse.swt.graphics.Rectangle r = export.getBounds();
            menu.setLocation(export.getParent().toDisplay(r.x, r.y + r.height));
            menu.setVisible(true);
        });
    }

    /** Radio buttons grouped so each group is exclusive on its own. */
    private static Composite group(Composite bar) {
        Composite g = new Composite(bar, SWT.NONE);
        GridLayout l = new GridLayout(2, false);
        l.marginWidth = 0;
        l.marginHeight = 0;
        g.setLayout(l);
        return g;
    }

    private static void item(Menu menu, String text, Runnable action) {
        MenuItem i = new MenuItem(menu, SWT.PUSH);
        i.setText(text);
        i.addListener(SWT.Selection, e -> action.run());
    }

    @Inject
    @Optional
    void opened(@UIEventTopic(UiTopics.CAPTURE_OPENED) OpenCapture c) {
        if (chartComposite == null || chartComposite.isDisposed()) {
            return;
        }
        capture = c;
        table = null;
        filter = null;
        chart.getXYPlot().setDataset(1, null);
        hidden.clear();
        if (!legendChosen) {
            legend.setSelection(true); // shown again unless the next capture has too many tunnels
        }
        highlighted = Set.of();
        note.setText("Analysing " + c.path().getFileName() + "…");
        chart.getXYPlot().getDomainAxis().setAutoRange(true); // a new capture starts unzoomed
        chart.getXYPlot().setDataset(new TimeSeriesCollection());
        chart.getXYPlot().clearRangeMarkers();
        body.showContent(true);
    }

    /** The display filter Packets applied: its packets are drawn as a dashed line over the tunnels. */
    @Inject
    @Optional
    void filterApplied(@UIEventTopic(UiTopics.FILTER_APPLIED) FilterResult r) {
        if (chartComposite == null || chartComposite.isDisposed()) {
            return;
        }
        filter = r != null && r.rows() != null && r.capture() == capture ? r : null;
        drawFilterLine();
        chartComposite.forceRedraw();
    }

    /** The second dataset of the plot: the display filter's packets per bucket, in the chart's unit. */
    private void drawFilterLine() {
        XYPlot plot = chart.getXYPlot();
        if (filter == null || capture == null || capture.session().getInterval() <= 0) {
            plot.setDataset(1, null);
            return;
        }
        FilterSeries s = FilterSeries.of(capture.file(), filter.rows(), capture.session().getInterval());
        XYSeries line = new XYSeries(filterKey(filter.text()), false, false);
        double perSecond = 1e9 / s.intervalNanos() * (unit == Unit.BITS ? 8 : 1);
        long[] v = unit == Unit.BITS ? s.bytes() : s.packets();
        for (int i = 0; i < s.times().length; i++) {
            line.add(Math.floorDiv(s.times()[i], 1_000_000L), v[i] * perSecond, false);
        }
        XYLineAndShapeRenderer r = new XYLineAndShapeRenderer(true, false);
        r.setSeriesPaint(0, java.awt.Color.BLACK);
        r.setSeriesStroke(0, new BasicStroke(1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f,
                new float[] { 6f, 4f }, 0f));
        plot.setRenderer(1, r);
        plot.setDataset(1, new XYSeriesCollection(line));
    }

    /** The legend entry of the display-filter line. */
    static String filterKey(String text) {
        return "Display filter: " + (text.length() > 60 ? text.substring(0, 57) + "…" : text);
    }

    /** The display filter line's series, or null when none is drawn (tests). */
    XYSeries filterLine() {
        XYSeriesCollection d = (XYSeriesCollection) chart.getXYPlot().getDataset(1);
        return d == null ? null : d.getSeries(0);
    }

    @Inject
    @Optional
    void analysed(@UIEventTopic(UiTopics.ANALYSIS_DONE) OpenCapture c) {
        if (c == capture) {
            rebuild();
        }
    }

    /** During a live capture the running totals arrive about twice a second. */
    @Inject
    @Optional
    void updated(@UIEventTopic(UiTopics.ANALYSIS_UPDATED) OpenCapture c) {
        if (c == capture) {
            rebuild();
        }
    }

    void setUnit(Unit u) {
        unit = u;
        rebuild();
    }

    void setStacked(boolean s) {
        stacked = s;
        rebuild();
    }

    private void rebuild() {
        if (capture == null || chartComposite.isDisposed()) {
            return;
        }
        table = TunnelSeriesDataset.build(capture.session(), unit);
        XYPlot plot = chart.getXYPlot();
        XYItemRenderer renderer = stacked ? new StackedXYAreaRenderer2() : new XYLineAndShapeRenderer(true, false);
        SimpleDateFormat time = new SimpleDateFormat("HH:mm:ss");
        time.setTimeZone(TimeZone.getTimeZone("UTC"));
        renderer.setDefaultToolTipGenerator(new StandardXYToolTipGenerator("{0}: {2} at {1} UTC", time,
                java.text.NumberFormat.getNumberInstance()));
        plot.setRenderer(renderer);
        plot.setDataset(table);
        plot.getRangeAxis().setLabel(unit.label());
        boolean showLegend = legend.getSelection() && (table.getSeriesCount() <= LEGEND_MAX_AUTO || legendChosen);
        legend.setSelection(showLegend);
        chart.getLegend().setVisible(showLegend);
        applySeriesStyles();
        drawReferenceLines();
        drawFilterLine();
        note.setText(table.getSeriesCount() + " tunnels, " + unit.label() + " per "
                + capture.session().getInterval() / 1_000_000 + " ms bucket" + (stacked ? ", stacked" : ""));
        note.getParent().layout(true);
        chartComposite.forceRedraw();
    }

    /**
     * Colour, highlight and visibility per series, re-applied after every rebuild: a tunnel keeps its colour when
     * switching between lines and stacked areas (a new renderer would draw the next colours of the plot's supplier).
     */
    private void applySeriesStyles() {
        XYPlot plot = chart.getXYPlot();
        XYItemRenderer renderer = plot.getRenderer();
        for (int i = 0; i < plot.getDataset().getSeriesCount(); i++) {
            String key = String.valueOf(plot.getDataset().getSeriesKey(i));
            renderer.setSeriesPaint(i, PALETTE[i % PALETTE.length], false);
            renderer.setSeriesStroke(i, new BasicStroke(highlighted.contains(key) ? 3.5f : 1f), false);
            renderer.setSeriesVisible(i, !hidden.contains(key), false);
        }
        chart.fireChartChanged(); // one repaint for all series, through the composite's chart listener
    }

    /**
     * Interface bandwidths the registrations announced (multiple-tunnel draft, kilobytes per second on the wire),
     * as horizontal lines in bits/s; link weights are relative and have no line, the readout names them.
     */
    private void drawReferenceLines() {
        XYPlot plot = chart.getXYPlot();
        plot.clearRangeMarkers();
        if (unit != Unit.BITS) {
            return;
        }
        for (MobileNode mn : capture.session().getMobileNodes()) {
            for (Binding b : mn.getBindings()) {
                if (b.isSetInterfaceBandwidth() && b.getInterfaceBandwidth() > 0) {
                    ValueMarker m = new ValueMarker(b.getInterfaceBandwidth() * 8000.0, new Color(160, 0, 0),
                            new BasicStroke(1f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f,
                                    new float[] { 6f, 4f }, 0f));
                    m.setLabel("bandwidth " + mn.getHomeAddress() + bidText(b) + ": " + b.getInterfaceBandwidth()
                            + " kB/s");
                    m.setLabelAnchor(RectangleAnchor.TOP_LEFT);
                    m.setLabelTextAnchor(TextAnchor.BOTTOM_LEFT);
                    plot.addRangeMarker(m);
                }
            }
        }
    }

    private static String bidText(Binding b) {
        return b.isSetBid() ? " BID " + b.getBid() : " via " + b.getCareOfAddress();
    }

    /** The reference lines drawn now (value in the chart's unit), for tests. */
    List<Double> referenceLines() {
        List<Double> out = new ArrayList<>();
        var markers = chart.getXYPlot().getRangeMarkers(org.jfree.chart.ui.Layer.FOREGROUND);
        if (markers != null) {
            for (Object m : markers) {
                out.add(((ValueMarker) m).getValue());
            }
        }
        return out;
    }

    /** Hides a shown tunnel or shows a hidden one (a click on its legend entry). */
    void toggleSeries(String key) {
        if (!hidden.remove(key)) {
            hidden.add(key);
        }
        applySeriesStyles();
        chartComposite.forceRedraw();
    }

    /** A click on the plot shows the first packet of that time bucket in Packets (respecting the filter). */
    boolean goToTime(long epochMillis) {
        if (capture == null || capture.packetCount() == 0) {
            return false;
        }
        events.send(UiTopics.GOTO_TIME, epochMillis * 1_000_000L);
        return true;
    }

    /** The time axis value at a canvas x coordinate, or NaN outside the plot. */
    private double domainValueAt(int x) {
        Rectangle2D area = chartComposite.getChartRenderingInfo().getPlotInfo().getDataArea();
        Point2D p = chartComposite.translateScreenToJava2D(new java.awt.Point(x, 0));
        if (area == null || area.getWidth() <= 0 || p.getX() < area.getMinX() || p.getX() > area.getMaxX()) {
            return Double.NaN;
        }
        XYPlot plot = chart.getXYPlot();
        return plot.getDomainAxis().java2DToValue(p.getX(), area, plot.getDomainAxisEdge());
    }

    private double rangeValueAt(int y) {
        Rectangle2D area = chartComposite.getChartRenderingInfo().getPlotInfo().getDataArea();
        Point2D p = chartComposite.translateScreenToJava2D(new java.awt.Point(0, y));
        XYPlot plot = chart.getXYPlot();
        return plot.getRangeAxis().java2DToValue(p.getY(), area, plot.getRangeAxisEdge());
    }

    /** Moves the crosshair to the bucket under the mouse and writes the values there under the chart. */
    private void crosshairAt(int x, int y) {
        double t = domainValueAt(x);
        if (table == null || Double.isNaN(t) || readout.isDisposed()) {
            return;
        }
        int item = table.nearestItem(t);
        if (item < 0) {
            return;
        }
        readout.setText(readoutAt(item, rangeValueAt(y)));
        XYPlot plot = chart.getXYPlot();
        plot.setDomainCrosshairValue(table.getXValue(0, item));
        plot.setRangeCrosshairValue(rangeValueAt(y));
    }

    /**
     * The readout for bucket {@code item}: its time, the total over the shown tunnels, and the tunnel under the
     * mouse (the band containing {@code y} when stacked, the nearest line otherwise) with its value.
     */
    String readoutAt(int item, double y) {
        XYItemRenderer renderer = chart.getXYPlot().getRenderer();
        double total = 0;
        int under = -1;
        double best = Double.MAX_VALUE;
        double base = 0;
        for (int s = 0; s < table.getSeriesCount(); s++) {
            if (!renderer.isSeriesVisible(s)) {
                continue;
            }
            double v = table.getYValue(s, item);
            total += v;
            if (stacked) {
                if (y >= base && y < base + v) {
                    under = s;
                }
                base += v;
            } else if (Math.abs(v - y) < best) {
                best = Math.abs(v - y);
                under = s;
            }
        }
        SimpleDateFormat f = new SimpleDateFormat("yyyy-MM-dd HH:mm:ss.SSS");
        f.setTimeZone(TimeZone.getTimeZone("UTC"));
        StringBuilder b = new StringBuilder(f.format(new Date((long) table.getXValue(0, item)))).append(" UTC · total ")
                .append(human(total)).append(' ').append(unit.label());
        if (under >= 0) {
            b.append(" · ").append(table.getSeriesKey(under)).append(": ")
                    .append(human(table.getYValue(under, item))).append(' ').append(unit.label());
            String weight = weightOf(String.valueOf(table.getSeriesKey(under)));
            if (weight != null) {
                b.append(" (requested link weight ").append(weight).append(')');
            }
        }
        return b.toString();
    }

    private String weightOf(String key) {
        for (Tunnel t : capture.session().getTunnels()) {
            if (TunnelSeriesDataset.name(t).equals(key)) {
                for (MobileNode mn : capture.session().getMobileNodes()) {
                    for (Binding b : mn.getBindings()) {
                        if (b.isSetLinkWeight() && carries(t, b)) {
                            return Integer.toString(b.getLinkWeight());
                        }
                    }
                }
            }
        }
        return null;
    }

    private static String human(double v) {
        if (v >= 1e9) {
            return String.format("%.2f G", v / 1e9);
        }
        if (v >= 1e6) {
            return String.format("%.2f M", v / 1e6);
        }
        if (v >= 1e3) {
            return String.format("%.2f k", v / 1e3);
        }
        return String.format("%.1f", v);
    }

    /** Mouse wheel zooms the time axis around the pointer; middle-drag and the arrow keys pan it. */
    private void addWheelZoomAndPan() {
        for (Control canvas : chartComposite.getChildren()) {
            canvas.addListener(SWT.MouseWheel, e -> {
                double t = domainValueAt(e.x);
                if (Double.isNaN(t)) {
                    return;
                }
                XYPlot plot = chart.getXYPlot();
                var axis = plot.getDomainAxis();
                double factor = e.count > 0 ? 0.8 : 1.25;
                double lo = t - (t - axis.getLowerBound()) * factor;
                double hi = t + (axis.getUpperBound() - t) * factor;
                axis.setRange(lo, hi);
                e.doit = false;
            });
            canvas.addListener(SWT.MouseDown, e -> panFromX = e.button == 2 ? e.x : -1);
            canvas.addListener(SWT.MouseUp, e -> panFromX = -1);
            canvas.addListener(SWT.MouseMove, e -> {
                if (panFromX >= 0) {
                    pan(panFromX - e.x);
                    panFromX = e.x;
                }
            });
            canvas.addListener(SWT.KeyDown, e -> {
                if (e.keyCode == SWT.ARROW_LEFT || e.keyCode == SWT.ARROW_RIGHT) {
                    Rectangle2D area = chartComposite.getChartRenderingInfo().getPlotInfo().getDataArea();
                    pan((int) ((e.keyCode == SWT.ARROW_LEFT ? -0.1 : 0.1) * Math.max(1, area.getWidth())));
                }
            });
        }
    }

    private void pan(int pixels) {
        Rectangle2D area = chartComposite.getChartRenderingInfo().getPlotInfo().getDataArea();
        if (area.getWidth() > 0) {
            chart.getXYPlot().getDomainAxis().pan(pixels / area.getWidth());
        }
    }

    /** Draws the tunnels of the selected binding (or of every binding of the selected node) thicker. */
    @Inject
    @Optional
    void bindingSelected(@UIEventTopic(UiTopics.BINDING_SELECTED) Object selected) {
        if (capture == null || chartComposite == null || chartComposite.isDisposed()) {
            return;
        }
        Set<String> keys = new HashSet<>();
        for (Tunnel t : capture.session().getTunnels()) {
            if (carries(t, selected)) {
                keys.add(TunnelSeriesDataset.name(t));
            }
        }
        highlighted = keys;
        applySeriesStyles();
        chartComposite.forceRedraw();
    }

    private static boolean carries(Tunnel t, Object selected) {
        if (selected instanceof Binding b && b.eContainer() instanceof MobileNode mn) {
            return t.getCareOfAddress().equals(b.getCareOfAddress())
                    && t.getHomeAddresses().contains(mn.getHomeAddress());
        }
        return selected instanceof MobileNode mn && t.getHomeAddresses().contains(mn.getHomeAddress());
    }

    private void exportWithDialog(String kind) {
        if (table == null) {
            return;
        }
        FileDialog d = new FileDialog(chartComposite.getShell(), SWT.SAVE);
        d.setOverwrite(true);
        d.setFilterExtensions(new String[] { "*." + kind });
        d.setFileName("tunnels." + kind);
        String file = d.open();
        if (file != null) {
            try {
                export(kind, Path.of(file));
            } catch (IOException | RuntimeException e) {
                MessageDialog.openError(chartComposite.getShell(), "Export failed", file + ": " + e.getMessage());
            }
        }
    }

    /** Writes the chart ({@code png}, {@code svg}) or its data ({@code csv}) as shown now to {@code file}. */
    void export(String kind, Path file) throws IOException {
        org.eclipse.swt.graphics.Point size = chartComposite.getSize();
        int w = Math.max(640, size.x);
        int h = Math.max(400, size.y);
        switch (kind) {
            case "png" -> ChartExport.png(chart, w, h, file);
            case "svg" -> SvgChart.write(table, visibleSeries(), stacked, w, h, file);
            case "csv" -> ChartExport.csv(table, file);
            default -> throw new IllegalArgumentException(kind);
        }
    }

    private boolean[] visibleSeries() {
        boolean[] v = new boolean[table.getSeriesCount()];
        for (int s = 0; s < v.length; s++) {
            v[s] = !hidden.contains(String.valueOf(table.getSeriesKey(s)));
        }
        return v;
    }

    TunnelTable table() {
        return table;
    }

    JFreeChart chart() {
        return chart;
    }

    ChartComposite chartComposite() {
        return chartComposite;
    }
}
