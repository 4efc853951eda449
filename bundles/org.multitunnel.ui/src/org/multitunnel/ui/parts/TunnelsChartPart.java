package org.multitunnel.ui.parts;

import java.awt.BasicStroke;
import java.util.HashSet;
import java.util.Set;
import java.util.TimeZone;

import jakarta.annotation.PostConstruct;
import jakarta.inject.Inject;

import org.eclipse.e4.core.di.annotations.Optional;
import org.eclipse.e4.core.services.events.IEventBroker;
import org.eclipse.e4.ui.di.UIEventTopic;
import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Label;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.ChartMouseEvent;
import org.jfree.chart.ChartMouseListener;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.DateAxis;
import org.jfree.chart.entity.XYItemEntity;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYItemRenderer;
import org.jfree.chart.swt.ChartComposite;
import org.jfree.data.time.TimeSeriesCollection;
import org.multitunnel.model.Binding;
import org.multitunnel.model.MobileNode;
import org.multitunnel.model.Tunnel;
import org.multitunnel.ui.UiTopics;
import org.multitunnel.ui.chart.HeadlessAwt;
import org.multitunnel.ui.packets.PacketTimeIndex;
import org.multitunnel.ui.chart.TunnelSeriesDataset;
import org.multitunnel.ui.chart.TunnelSeriesDataset.Unit;
import org.multitunnel.ui.prefs.UiPreferences;
import org.multitunnel.ui.session.CaptureSessionService;
import org.multitunnel.ui.session.OpenCapture;

/**
 * Tunnels view: throughput of every HA-to-care-of-address tunnel over the capture, one JFreeChart series per
 * tunnel, in bits/s or packets/s. Drawn by jfreechart-swt's ChartComposite (zoom by dragging, popup menu with
 * save/print/zoom) from the series the analysis writes into the session when it ends. Clicking a point shows
 * that moment in Packets; the tunnels of the binding selected in Bindings are drawn thicker.
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
    private Unit unit = UiPreferences.load().chartUnit();
    private OpenCapture capture;

    @PostConstruct
    public void createControls(Composite parent) {
        body = new PartBody(parent, WHAT_IT_SHOWS);
        Composite content = body.content(new Composite(parent, SWT.NONE));
        GridLayout layout = new GridLayout(3, false);
        layout.marginWidth = layout.marginHeight = 0;
        content.setLayout(layout);
        note = new Label(content, SWT.NONE);
        note.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
        for (Unit u : Unit.values()) {
            Button b = new Button(content, SWT.RADIO);
            b.setText(u.label());
            b.setSelection(u == unit);
            b.addListener(SWT.Selection, e -> {
                if (b.getSelection()) {
                    unit = u;
                    rebuild();
                }
            });
        }
        chart = ChartFactory.createTimeSeriesChart(null, "Time (UTC)", unit.label(), new TimeSeriesCollection(),
                true, true, false);
        ((DateAxis) chart.getXYPlot().getDomainAxis()).setTimeZone(TimeZone.getTimeZone("UTC"));
        chartComposite = new ChartComposite(content, SWT.NONE, chart, true);
        chartComposite.setLayoutData(new GridData(SWT.FILL, SWT.FILL, true, true, 3, 1));
        chartComposite.addChartMouseListener(new ChartMouseListener() {
            @Override
            public void chartMouseClicked(ChartMouseEvent e) {
                if (e.getEntity() instanceof XYItemEntity item) {
                    goToTime(item.getDataset().getX(item.getSeriesIndex(), item.getItem()).longValue());
                }
            }

            @Override
            public void chartMouseMoved(ChartMouseEvent e) {
            }
        });
        if (service.current() != null) {
            opened(service.current());
            if (service.current().analysisDone()) {
                rebuild();
            }
        }
    }

    @Inject
    @Optional
    void opened(@UIEventTopic(UiTopics.CAPTURE_OPENED) OpenCapture c) {
        if (chartComposite == null || chartComposite.isDisposed()) {
            return;
        }
        capture = c;
        note.setText("Analysing " + c.path().getFileName() + "…");
        chart.getXYPlot().setDataset(new TimeSeriesCollection());
        body.showContent(true);
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

    private void rebuild() {
        if (capture == null || chartComposite.isDisposed()) {
            return;
        }
        TimeSeriesCollection data = TunnelSeriesDataset.build(capture.session(), unit);
        XYPlot plot = chart.getXYPlot();
        plot.setDataset(data);
        plot.getRangeAxis().setLabel(unit.label());
        note.setText(data.getSeriesCount() + " tunnels, " + unit.label() + " per "
                + capture.session().getInterval() / 1_000_000 + " ms bucket");
        note.getParent().layout(true);
        chartComposite.forceRedraw();
    }

    /** A click on a point shows the first packet of that bucket in Packets. */
    boolean goToTime(long epochMillis) {
        if (capture == null) {
            return false;
        }
        int index = PacketTimeIndex.firstAtOrAfter(capture.file(), epochMillis * 1_000_000L);
        if (index >= 0) {
            events.send(UiTopics.GOTO_PACKET, index);
        }
        return index >= 0;
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
        XYPlot plot = chart.getXYPlot();
        XYItemRenderer renderer = plot.getRenderer();
        for (int i = 0; i < plot.getDataset().getSeriesCount(); i++) {
            boolean hit = keys.contains(String.valueOf(plot.getDataset().getSeriesKey(i)));
            renderer.setSeriesStroke(i, new BasicStroke(hit ? 3.5f : 1f), false);
        }
        chartComposite.forceRedraw();
    }

    private static boolean carries(Tunnel t, Object selected) {
        if (selected instanceof Binding b && b.eContainer() instanceof MobileNode mn) {
            return t.getCareOfAddress().equals(b.getCareOfAddress())
                    && t.getHomeAddresses().contains(mn.getHomeAddress());
        }
        return selected instanceof MobileNode mn && t.getHomeAddresses().contains(mn.getHomeAddress());
    }

    JFreeChart chart() {
        return chart;
    }

    ChartComposite chartComposite() {
        return chartComposite;
    }
}
