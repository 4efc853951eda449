package org.multitunnel.ui.parts;

import java.util.EnumMap;
import java.util.Map;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Inject;

import org.eclipse.e4.core.di.annotations.Optional;
import org.eclipse.e4.core.services.events.IEventBroker;
import org.eclipse.e4.ui.di.UIEventTopic;
import org.eclipse.e4.ui.model.application.MApplication;
import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.Color;
import org.eclipse.swt.graphics.GC;
import org.eclipse.swt.graphics.Point;
import org.eclipse.swt.graphics.Rectangle;
import org.eclipse.swt.widgets.Canvas;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Event;
import org.eclipse.swt.widgets.ScrollBar;
import org.multitunnel.model.Binding;
import org.multitunnel.model.BindingState;
import org.multitunnel.ui.UiTopics;
import org.multitunnel.ui.bindings.StateTimeline;
import org.multitunnel.ui.bindings.StateTimeline.Row;
import org.multitunnel.ui.bindings.StateTimeline.Segment;
import org.multitunnel.ui.session.CaptureSessionService;
import org.multitunnel.ui.session.OpenCapture;

/**
 * State History view (Trace Compass style): one horizontal bar per binding over the capture time, coloured by the
 * binding's state between the changes the analysis recorded (registered, refreshed, expired, deregistered,
 * replaced, rejected). Drawn with SWT GC on a canvas that scrolls vertically; the tooltip names the state, its
 * times and its cause; a click on a bar goes to the packet of the change that started it, a click on a label
 * selects that binding everywhere. The binding selected in Bindings is outlined.
 */
public class StateHistoryPart {
    static final String WHAT_IT_SHOWS = "State History: each binding's state over the capture time (active, expired, deregistered, replaced, rejected).";
    static final int ROW_HEIGHT = 20;
    static final int AXIS_HEIGHT = 22;
    static final int LEGEND_HEIGHT = 20;
    /** Width of the label column: the longest label, at most 40% of the canvas. */
    private int labelWidth = 120;

    @Inject
    private CaptureSessionService service;
    @Inject
    private IEventBroker events;
    @Inject
    private MApplication application;

    private PartBody body;
    private Canvas canvas;
    private ModelWatcher watcher;
    private OpenCapture capture;
    private StateTimeline timeline;
    private Binding selected;
    private final Map<BindingState, Color> colours = new EnumMap<>(BindingState.class);

    @PostConstruct
    public void createControls(Composite parent) {
        body = new PartBody(parent, WHAT_IT_SHOWS);
        canvas = body.content(new Canvas(parent, SWT.DOUBLE_BUFFERED | SWT.V_SCROLL | SWT.BORDER));
        colours.put(BindingState.ACTIVE, new Color(76, 175, 80));
        colours.put(BindingState.EXPIRED, new Color(158, 158, 158));
        colours.put(BindingState.DEREGISTERED, new Color(100, 130, 200));
        colours.put(BindingState.REPLACED, new Color(255, 152, 0));
        colours.put(BindingState.REJECTED, new Color(220, 50, 47));
        canvas.addListener(SWT.Paint, e -> paint(e.gc));
        canvas.addListener(SWT.Resize, e -> {
            layoutColumns();
            updateScrollBar();
        });
        canvas.getVerticalBar().addListener(SWT.Selection, e -> canvas.redraw());
        canvas.addListener(SWT.MouseMove, e -> {
            String tip = tooltipAt(e.x, e.y);
            if (!java.util.Objects.equals(tip, canvas.getToolTipText())) {
                canvas.setToolTipText(tip);
            }
        });
        canvas.addListener(SWT.MouseUp, e -> {
            if (e.button == 1 && e.x < labelWidth) {
                selectRowAt(e.y);
            } else if (e.button == 1) {
                clickAt(e.x, e.y);
            }
        });
        watcher = new ModelWatcher(parent.getDisplay(), this::refresh);
        if (service.current() != null) {
            opened(service.current());
            // selected in Bindings before this tab was first shown
            bindingSelected(application.getContext().get(UiTopics.SELECTED_BINDING_KEY));
        }
    }

    @Inject
    @Optional
    void opened(@UIEventTopic(UiTopics.CAPTURE_OPENED) OpenCapture c) {
        if (canvas == null || canvas.isDisposed()) {
            return;
        }
        capture = c;
        selected = null;
        watcher.watch(c.session());
        body.showContent(true);
        refresh();
    }

    @Inject
    @Optional
    void analysed(@UIEventTopic(UiTopics.ANALYSIS_DONE) OpenCapture c) {
        if (c == capture) {
            refresh();
        }
    }

    @Inject
    @Optional
    void bindingSelected(@UIEventTopic(UiTopics.BINDING_SELECTED) Object b) {
        selected = b instanceof Binding binding ? binding : null;
        if (canvas != null && !canvas.isDisposed()) {
            canvas.redraw();
        }
    }

    /** Rebuilds the rows from the model (UI thread: the session is only read here). */
    void refresh() {
        if (capture == null || canvas == null || canvas.isDisposed()) {
            return;
        }
        int n = capture.packetCount();
        long first = n > 0 ? capture.file().timestampNanos(0) : 0;
        long last = n > 0 ? capture.file().timestampNanos(n - 1) : 0;
        timeline = StateTimeline.of(capture.session(), first, last);
        layoutColumns();
        updateScrollBar();
        canvas.redraw();
    }

    /** The label column fits the longest label, but takes at most 40% of the canvas. */
    private void layoutColumns() {
        if (timeline == null) {
            return;
        }
        GC gc = new GC(canvas);
        try {
            int widest = 40;
            for (Row row : timeline.rows()) {
                widest = Math.max(widest, gc.textExtent(row.label()).x);
            }
            labelWidth = Math.min(widest + 12, Math.max(60, canvas.getClientArea().width * 2 / 5));
        } finally {
            gc.dispose();
        }
    }

    private void updateScrollBar() {
        ScrollBar bar = canvas.getVerticalBar();
        int rows = timeline == null ? 0 : timeline.rows().size();
        int content = AXIS_HEIGHT + rows * ROW_HEIGHT;
        int visible = canvas.getClientArea().height - LEGEND_HEIGHT;
        bar.setMaximum(Math.max(content, 1));
        bar.setThumb(Math.max(1, Math.min(visible, content)));
        bar.setPageIncrement(Math.max(ROW_HEIGHT, visible - ROW_HEIGHT));
        bar.setIncrement(ROW_HEIGHT);
        bar.setVisible(content > visible);
    }

    private void paint(GC gc) {
        Rectangle area = canvas.getClientArea();
        gc.setBackground(canvas.getDisplay().getSystemColor(SWT.COLOR_LIST_BACKGROUND));
        gc.fillRectangle(area);
        if (timeline == null) {
            return;
        }
        int top = AXIS_HEIGHT - canvas.getVerticalBar().getSelection();
        int barsWidth = barsWidth();
        Color fg = canvas.getDisplay().getSystemColor(SWT.COLOR_LIST_FOREGROUND);
        Color grid = canvas.getDisplay().getSystemColor(SWT.COLOR_WIDGET_LIGHT_SHADOW);
        for (int r = 0; r < timeline.rows().size(); r++) {
            int y = top + r * ROW_HEIGHT;
            if (y + ROW_HEIGHT < AXIS_HEIGHT || y > area.height - LEGEND_HEIGHT) {
                continue;
            }
            Row row = timeline.rows().get(r);
            gc.setForeground(fg);
            gc.drawText(row.label(), 4, y + 3, true);
            gc.setForeground(grid);
            gc.drawLine(labelWidth, y + ROW_HEIGHT - 1, labelWidth + barsWidth, y + ROW_HEIGHT - 1);
            for (Segment s : row.segments()) {
                int x0 = xOf(s.start(), barsWidth);
                int x1 = Math.max(x0 + 2, xOf(s.end(), barsWidth));
                gc.setBackground(colours.getOrDefault(s.state(), grid));
                gc.fillRectangle(x0, y + 3, x1 - x0, ROW_HEIGHT - 7);
                gc.setForeground(fg);
                gc.drawLine(x0, y + 1, x0, y + ROW_HEIGHT - 3); // the change itself
            }
            if (row.binding() == selected) {
                gc.setForeground(canvas.getDisplay().getSystemColor(SWT.COLOR_LIST_SELECTION));
                gc.setLineWidth(2);
                gc.drawRectangle(1, y + 1, labelWidth + barsWidth, ROW_HEIGHT - 3);
                gc.setLineWidth(1);
            }
        }
        paintAxis(gc, area, barsWidth, fg);
        paintLegend(gc, area, fg);
    }

    /** The state colours along the bottom. */
    private void paintLegend(GC gc, Rectangle area, Color fg) {
        int y = area.height - LEGEND_HEIGHT;
        gc.setBackground(canvas.getDisplay().getSystemColor(SWT.COLOR_LIST_BACKGROUND));
        gc.fillRectangle(0, y, area.width, LEGEND_HEIGHT);
        int x = 4;
        for (Map.Entry<BindingState, Color> e : colours.entrySet()) {
            gc.setBackground(e.getValue());
            gc.fillRectangle(x, y + 5, 10, 10);
            gc.setForeground(fg);
            String name = e.getKey().getLiteral();
            gc.drawText(name, x + 13, y + 2, true);
            x += 13 + gc.textExtent(name).x + 10;
        }
    }

    private int barsWidth() {
        return Math.max(10, canvas.getClientArea().width - labelWidth - 10);
    }

    /** Seconds since the first packet along the top, over the rows scrolled beneath it. */
    private void paintAxis(GC gc, Rectangle area, int barsWidth, Color fg) {
        gc.setBackground(canvas.getDisplay().getSystemColor(SWT.COLOR_LIST_BACKGROUND));
        gc.fillRectangle(0, 0, area.width, AXIS_HEIGHT);
        gc.setForeground(fg);
        gc.drawLine(labelWidth, AXIS_HEIGHT - 2, labelWidth + barsWidth, AXIS_HEIGHT - 2);
        double span = (timeline.end() - timeline.start()) / 1e9;
        int ticks = Math.max(1, Math.min(10, barsWidth / (gc.textExtent(String.format("%.1f s", span)).x + 16)));
        for (int k = 0; k <= ticks; k++) {
            int x = labelWidth + barsWidth * k / ticks;
            gc.drawLine(x, AXIS_HEIGHT - 6, x, AXIS_HEIGHT - 2);
            String text = String.format("%.1f s", span * k / ticks);
            Point size = gc.textExtent(text);
            gc.drawText(text, Math.max(labelWidth, Math.min(x - size.x / 2, labelWidth + barsWidth - size.x)), 2,
                    true);
        }
        gc.drawText("binding", 4, 2, true);
    }

    private int xOf(long time, int barsWidth) {
        long span = Math.max(1, timeline.end() - timeline.start());
        return labelWidth + (int) ((time - timeline.start()) * (double) barsWidth / span);
    }

    private long timeOf(int x, int barsWidth) {
        long span = Math.max(1, timeline.end() - timeline.start());
        return timeline.start() + (long) ((x - labelWidth) * (double) span / barsWidth);
    }

    private int rowAt(int y) {
        if (y < AXIS_HEIGHT || y >= canvas.getClientArea().height - LEGEND_HEIGHT) {
            return -1;
        }
        return (y - AXIS_HEIGHT + canvas.getVerticalBar().getSelection()) / ROW_HEIGHT;
    }

    /** The segment under canvas point (x, y), or null. */
    private Segment segmentAt(int x, int y) {
        if (timeline == null || x < labelWidth) {
            return null;
        }
        return timeline.segmentAt(rowAt(y), timeOf(x, barsWidth()));
    }

    /** The tooltip at canvas point (x, y): the state under it with its times and cause, or null. */
    String tooltipAt(int x, int y) {
        Segment s = segmentAt(x, y);
        if (s == null) {
            return null;
        }
        Row row = timeline.rows().get(rowAt(y));
        long first = capture.packetCount() > 0 ? capture.file().timestampNanos(0) : timeline.start();
        return timeline.describe(row, s, first);
    }

    /** A click on a row's label selects that binding (in Bindings, Packets' filter and the chart too). */
    private void selectRowAt(int y) {
        int r = rowAt(y);
        if (timeline != null && r >= 0 && r < timeline.rows().size()) {
            events.send(UiTopics.BINDING_SELECTED, timeline.rows().get(r).binding());
        }
    }

    /** A click on a bar goes to the packet of the change that started it; returns the 0-based packet or -1. */
    int clickAt(int x, int y) {
        Segment s = segmentAt(x, y);
        if (s == null || !s.change().isSetFrame() || s.change().getFrame() <= 0) {
            return -1;
        }
        int index = (int) s.change().getFrame() - 1;
        events.send(UiTopics.GOTO_PACKET, index);
        return index;
    }

    /** The canvas point at the middle of the bar of segment {@code segment} of row {@code row} (tests). */
    Point pointOf(int row, Segment segment) {
        int barsWidth = barsWidth();
        int x0 = xOf(segment.start(), barsWidth);
        int x1 = Math.max(x0 + 2, xOf(segment.end(), barsWidth));
        int y = AXIS_HEIGHT + row * ROW_HEIGHT - canvas.getVerticalBar().getSelection() + ROW_HEIGHT / 2;
        return new Point((x0 + x1) / 2, y);
    }

    /** The binding outlined (selected in Bindings or here), or null. */
    Binding selectedBinding() {
        return selected;
    }

    /** The canvas point in the label column of row {@code row} (tests). */
    Point labelPointOf(int row) {
        return new Point(4, AXIS_HEIGHT + row * ROW_HEIGHT - canvas.getVerticalBar().getSelection() + ROW_HEIGHT / 2);
    }

    StateTimeline timeline() {
        return timeline;
    }

    Canvas canvas() {
        return canvas;
    }

    /** Sends a mouse event to the canvas as a click would (tests). */
    void canvasEvent(int type, Event e) {
        canvas.notifyListeners(type, e);
    }

    @PreDestroy
    void dispose() {
        if (watcher != null) {
            watcher.watch(null);
        }
        colours.values().forEach(Color::dispose);
    }
}
