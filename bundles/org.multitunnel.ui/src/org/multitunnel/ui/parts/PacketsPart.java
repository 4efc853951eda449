package org.multitunnel.ui.parts;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;

import jakarta.annotation.PostConstruct;
import jakarta.inject.Inject;

import org.eclipse.e4.core.di.annotations.Optional;
import org.eclipse.e4.core.services.events.IEventBroker;
import org.eclipse.e4.ui.di.Focus;
import org.eclipse.e4.ui.di.UIEventTopic;
import org.eclipse.jface.dialogs.IDialogConstants;
import org.eclipse.jface.dialogs.InputDialog;
import org.eclipse.jface.dialogs.MessageDialog;
import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.Color;
import org.eclipse.swt.dnd.DND;
import org.eclipse.swt.dnd.DropTarget;
import org.eclipse.swt.dnd.DropTargetAdapter;
import org.eclipse.swt.dnd.DropTargetEvent;
import org.eclipse.swt.dnd.FileTransfer;
import org.eclipse.swt.dnd.Transfer;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Event;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Link;
import org.eclipse.swt.widgets.Menu;
import org.eclipse.swt.widgets.MenuItem;
import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.TableColumn;
import org.eclipse.swt.widgets.TableItem;
import org.eclipse.swt.widgets.Text;
import org.multitunnel.analysis.filter.DisplayFilter;
import org.multitunnel.analysis.filter.FilterSyntaxException;
import org.multitunnel.model.Binding;
import org.multitunnel.model.MobileNode;
import org.multitunnel.ui.UiTopics;
import org.multitunnel.ui.bindings.BindingFilter;
import org.multitunnel.ui.packets.FilterJob;
import org.multitunnel.ui.packets.FilterResult;
import org.multitunnel.ui.packets.PacketRow;
import org.multitunnel.ui.packets.PacketRowFormatter;
import org.multitunnel.ui.packets.RowColours;
import org.multitunnel.ui.packets.RowOrder;
import org.multitunnel.ui.packets.SortJob;
import org.multitunnel.ui.packets.TimeFormat;
import org.multitunnel.ui.session.CaptureSessionService;
import org.multitunnel.ui.session.OpenCapture;

/**
 * Packets view: a virtual table over the packet index, so a capture of millions of packets costs only the rows on
 * screen; rows appear while indexing continues. Selecting a row tells Details and Bytes; Ctrl+G goes to a packet;
 * the context menu switches the time reading; captures can be dropped onto it. The display filter bar above the
 * table runs a {@link FilterJob} and then shows only the matching packets (rows map to packet numbers through a
 * primitive array; No. stays the frame number, and selection still names the packet). Clicking a column header
 * sorts the shown rows in a {@link SortJob} (a permutation of packet indexes; No. restores capture order), and
 * selecting a binding in Bindings puts that binding's filter into the bar. Going to a packet the filter hides
 * asks whether to clear the filter.
 */
public class PacketsPart {
    static final String WHAT_IT_SHOWS = "Packets: every packet of the capture (No., Time, Source, Destination, Protocol, Length, Info), coloured by signalling, tunnel and finding.";
    static final String[] COLUMNS = { "No.", "Time", "Source", "Destination", "Protocol", "Length", "Info" };
    private static final int[] WIDTHS = { 55, 95, 190, 190, 80, 55, 460 };

    @Inject
    private CaptureSessionService service;
    @Inject
    private IEventBroker events;

    private PartBody body;
    private Table table;
    private Label status;
    private Link cancel;
    private PacketRowFormatter formatter = new PacketRowFormatter();
    private TimeFormat timeFormat = TimeFormat.RELATIVE;
    private OpenCapture capture;
    private Text filterText;
    private Label filterError;
    private Color errorBackground;
    /** Packet indices (ascending) shown as rows while a filter is applied; null shows every packet. */
    private int[] rows;
    /** The filter whose result is shown, or null. */
    private DisplayFilter filter;
    /** The filter job running now, or null; UI thread only. */
    private FilterJob filterJob;
    /** How many packets (from the first) the applied filter's rows cover. */
    private int filterCovered;
    private long lastFilterExtension;
    private boolean filterExtensionScheduled;
    private String filterProgress = "";
    /** The filter result in capture order (the base the sort reorders), or null when no filter is applied. */
    private int[] filtered;
    /** Column the rows are sorted by, or {@link SortJob#NUMBER} for capture order. */
    private int sortColumn = SortJob.NUMBER;
    private boolean sortAscending = true;
    /** packet → row while {@link #rows} is sorted (not ascending), else null. */
    private int[] rowOfPacket;
    /** The sort job running now, or null; UI thread only. */
    private SortJob sortJob;
    private String sortProgress = "";
    /** A packet to select once the running filter or sort has produced rows (after "clear filter and go"), or -1. */
    private int pendingSelection = -1;
    /** Asks a yes/no question (title, message); tests replace the modal dialog. */
    private java.util.function.BiPredicate<String, String> confirm = (title, message) -> MessageDialog
            .openQuestion(table.getShell(), title, message);

    @PostConstruct
    public void createControls(Composite parent) {
        body = new PartBody(parent, WHAT_IT_SHOWS);
        Composite content = body.content(new Composite(parent, SWT.NONE));
        GridLayout layout = new GridLayout(2, false);
        layout.marginWidth = layout.marginHeight = 0;
        content.setLayout(layout);
        createFilterBar(content);
        table = new Table(content, SWT.VIRTUAL | SWT.FULL_SELECTION | SWT.SINGLE | SWT.BORDER);
        table.setLayoutData(new GridData(SWT.FILL, SWT.FILL, true, true, 2, 1));
        table.setHeaderVisible(true);
        for (int i = 0; i < COLUMNS.length; i++) {
            TableColumn c = new TableColumn(table, i == 0 || i == 5 ? SWT.RIGHT : SWT.LEFT);
            c.setText(COLUMNS[i]);
            c.setWidth(WIDTHS[i]);
            int column = i;
            c.addListener(SWT.Selection, e -> sortBy(column));
        }
        table.addListener(SWT.SetData, this::fillRow);
        table.addListener(SWT.Selection, e -> selected());
        table.addListener(SWT.KeyDown, e -> {
            if ((e.stateMask & SWT.MOD1) != 0 && (e.keyCode == 'g' || e.keyCode == 'G')) {
                askGoTo();
                e.doit = false;
            }
        });
        table.setMenu(contextMenu(table));
        status = new Label(content, SWT.NONE);
        status.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
        cancel = new Link(content, SWT.NONE);
        cancel.setText("<a>Cancel</a>");
        cancel.setLayoutData(new GridData(SWT.RIGHT, SWT.CENTER, false, false));
        cancel.addListener(SWT.Selection, e -> {
            if (sortJob != null) {
                stopSortJob();
                updateStatus();
            } else if (filterJob != null) {
                filterJob.cancel();
            } else {
                service.cancel();
            }
        });
        acceptDrops(parent);
        acceptDrops(table);
        OpenCapture open = service.current();
        if (open != null) {
            opened(open);
        }
    }

    @Focus
    public void setFocus() {
        table.setFocus();
    }

    @Inject
    @Optional
    void opened(@UIEventTopic(UiTopics.CAPTURE_OPENED) OpenCapture c) {
        if (table == null || table.isDisposed()) {
            return;
        }
        capture = c;
        formatter = new PacketRowFormatter(c.mipConfig());
        stopFilterJob();
        stopSortJob();
        rows = null;
        filtered = null;
        rowOfPacket = null;
        sortColumn = SortJob.NUMBER;
        sortAscending = true;
        pendingSelection = -1;
        table.setSortColumn(null);
        filter = null;
        filterText.setText("");
        showFilterError(null);
        table.deselectAll();
        table.removeAll();
        table.setItemCount(c.packetCount());
        body.showContent(true);
        updateStatus();
    }

    @Inject
    @Optional
    void grown(@UIEventTopic(UiTopics.PACKETS_GROWN) OpenCapture c) {
        if (c == capture && !table.isDisposed()) {
            if (rows == null) {
                table.setItemCount(c.packetCount());
            } else {
                extendFilter(c);
            }
            updateStatus();
        }
    }

    /**
     * While a capture grows (live capture, indexing) an applied filter is continued over the new packets only, at
     * most twice a second, so filtered rows keep arriving; the full run at the end of the analysis settles it.
     */
    private void extendFilter(OpenCapture c) {
        if (c != capture || table.isDisposed() || filter == null || filtered == null || filterJob != null
                || sortJob != null || sortColumn != SortJob.NUMBER || c.packetCount() <= filterCovered) {
            return;
        }
        long wait = lastFilterExtension + 500_000_000L - System.nanoTime();
        if (wait > 0) {
            if (!filterExtensionScheduled) { // the last packets of a burst are filtered too
                filterExtensionScheduled = true;
                table.getDisplay().timerExec((int) (wait / 1_000_000) + 1, () -> {
                    filterExtensionScheduled = false;
                    extendFilter(c);
                });
            }
            return;
        }
        lastFilterExtension = System.nanoTime();
        startFilter(filter, filterCovered, filtered);
    }

    @Inject
    @Optional
    void analysed(@UIEventTopic(UiTopics.ANALYSIS_DONE) OpenCapture c) {
        if (c == capture && !table.isDisposed()) {
            if (rows == null) {
                table.setItemCount(c.packetCount());
            }
            table.clearAll(); // rows with findings get their colour now
            updateStatus();
            if (filter != null || filterJob != null) {
                startFilter(filterJob != null ? filterJob.filter() : filter); // over every packet, with findings
            }
        }
    }

    @Inject
    @Optional
    void goTo(@UIEventTopic(UiTopics.GOTO_PACKET) Integer index) {
        goToPacket(index); // from Findings or State History: a packet the filter hides is offered, not ignored
    }

    @Inject
    @Optional
    void goToTime(@UIEventTopic(UiTopics.GOTO_TIME) Long nanos) {
        int index = shownPacketAtTime(nanos);
        if (index >= 0) {
            select(index);
        }
    }

    /**
     * The first packet the table shows at or after {@code nanos} (the last shown packet if none follows), or -1 when
     * none is shown: a binary search over the timestamps of the shown packets in capture order.
     */
    int shownPacketAtTime(long nanos) {
        if (capture == null) {
            return -1;
        }
        int[] base = filtered;
        int n = base != null ? base.length : capture.packetCount();
        if (n == 0) {
            return -1;
        }
        int lo = 0;
        int hi = n - 1;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            int p = base != null ? base[mid] : mid;
            if (capture.file().timestampNanos(p) < nanos) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return base != null ? base[lo] : lo;
    }

    /**
     * Selects and reveals packet {@code index} (0-based) and tells the other views; false if out of range or
     * hidden by the display filter.
     */
    boolean select(int index) {
        if (capture == null || table.isDisposed()) {
            return false;
        }
        int row = rowOf(index);
        if (row < 0 || row >= table.getItemCount()) {
            return false;
        }
        table.setSelection(row);
        table.showSelection();
        selected();
        return true;
    }

    private void selected() {
        int row = table.getSelectionIndex();
        if (row >= 0 && capture != null) {
            events.send(UiTopics.PACKET_SELECTED, packetAt(row));
        }
    }

    private void fillRow(Event e) {
        TableItem item = (TableItem) e.item;
        OpenCapture c = capture;
        int[] shown = rows;
        // GTK asks for row -1 while a selected table is emptied for the next capture: nothing to fill then.
        if (c == null || e.index < 0 || (shown != null && e.index >= shown.length)) {
            return;
        }
        int i = shown == null ? e.index : shown[e.index];
        if (i < 0 || i >= c.packetCount()) {
            return;
        }
        PacketRow row = formatter.format(c.file(), i);
        item.setText(new String[] { Integer.toString(i + 1), timeFormat.format(c.file(), i), row.source(),
                row.destination(), row.protocol(), Integer.toString(c.file().originalLength(i)), row.info() });
        item.setBackground(RowColours.of(row, c.hasFinding(i)));
    }

    private void updateStatus() {
        updateStatus(null);
    }

    private void updateStatus(String message) {
        String text = capture.statusText();
        if (filtered != null) {
            text += String.format(" · filter shows %,d", filtered.length);
        }
        if (filterJob != null) {
            text += " · filtering" + filterProgress;
        }
        if (sortJob != null) {
            text += " · sorting" + sortProgress;
        } else if (sortColumn != SortJob.NUMBER) {
            text += " · sorted by " + COLUMNS[sortColumn] + (sortAscending ? " ↑" : " ↓");
        }
        if (message != null) {
            text += " · " + message;
        }
        status.setText(text);
        status.setToolTipText(text);
        boolean running = !capture.analysisDone() || filterJob != null || sortJob != null;
        ((GridData) cancel.getLayoutData()).exclude = !running;
        cancel.setVisible(running);
        status.getParent().layout(true);
    }

    private Menu contextMenu(Control owner) {
        Menu menu = new Menu(owner);
        for (TimeFormat f : TimeFormat.values()) {
            MenuItem item = new MenuItem(menu, SWT.RADIO);
            item.setText("Time: " + f.label());
            item.setSelection(f == timeFormat);
            item.addListener(SWT.Selection, e -> {
                if (item.getSelection()) {
                    setTimeFormat(f);
                }
            });
        }
        new MenuItem(menu, SWT.SEPARATOR);
        MenuItem goTo = new MenuItem(menu, SWT.PUSH);
        goTo.setText("Go to Packet...\tCtrl+G");
        goTo.addListener(SWT.Selection, e -> askGoTo());
        return menu;
    }

    void setTimeFormat(TimeFormat f) {
        timeFormat = f;
        table.clearAll();
    }

    private void askGoTo() {
        if (capture == null) {
            return;
        }
        int n = capture.packetCount();
        InputDialog d = new InputDialog(table.getShell(), "Go to Packet", "Packet number (1 to " + n + "):", "",
                s -> {
                    try {
                        int v = Integer.parseInt(s.strip());
                        return v >= 1 && v <= n ? null : "No packet " + v + " (1 to " + n + ")";
                    } catch (NumberFormatException x) {
                        return "Enter a packet number";
                    }
                });
        if (d.open() == IDialogConstants.OK_ID) {
            goToPacket(Integer.parseInt(d.getValue().strip()) - 1);
        }
    }

    /**
     * Goes to packet {@code index} (0-based) as Ctrl+G does: selects it, or, when the display filter hides it, says
     * so and offers to clear the filter (then selects it once every packet is shown again). Returns true when the
     * packet is selected now or will be after the filter is cleared.
     */
    boolean goToPacket(int index) {
        if (capture == null || index < 0 || index >= capture.packetCount()) {
            return false;
        }
        if (select(index)) {
            return true;
        }
        String message = "Packet " + (index + 1) + " is hidden by the display filter";
        updateStatus(message);
        String question = message + " \"" + filterText.getText().strip() + "\".\n\nClear the filter and go to it?";
        if (!confirm.test("Go to Packet", question)) {
            return false;
        }
        pendingSelection = index;
        clearFilter();
        if (sortJob == null) {
            selectPending();
        }
        return true;
    }

    private void selectPending() {
        int p = pendingSelection;
        pendingSelection = -1;
        if (p >= 0) {
            select(p);
        }
    }

    /** Replaces the yes/no dialog (tests answer without a modal dialog). */
    void setConfirm(java.util.function.BiPredicate<String, String> c) {
        confirm = c;
    }

    /** Shows the traffic of the binding (or node) selected in Bindings by putting its filter into the bar. */
    @Inject
    @Optional
    void bindingSelected(@UIEventTopic(UiTopics.BINDING_SELECTED) Object selected) {
        String text = BindingFilter.of(selected);
        if (text != null && table != null && !table.isDisposed() && capture != null
                && !text.equals(filterText.getText())) {
            applyFilter(text);
        }
    }

    /**
     * Sorts the shown rows by {@code column} (a click on its header): the same column again reverses the order,
     * No. restores capture order at once. Other columns are sorted by a {@link SortJob}; returns it, or null.
     */
    SortJob sortBy(int column) {
        if (capture == null) {
            return null;
        }
        if (column == SortJob.NUMBER) {
            stopSortJob();
            sortColumn = SortJob.NUMBER;
            sortAscending = true;
            int selectedPacket = selectedPacket();
            rows = filtered;
            rowOfPacket = null;
            table.setSortColumn(table.getColumn(SortJob.NUMBER));
            table.setSortDirection(SWT.UP);
            showRows(selectedPacket);
            return null;
        }
        if (!capture.indexingDone()) {
            updateStatus("sorting is possible once indexing has finished");
            return null;
        }
        boolean ascending = column != sortColumn || !sortAscending;
        return startSort(column, ascending);
    }

    private SortJob startSort(int column, boolean ascending) {
        stopSortJob();
        sortColumn = column;
        sortAscending = ascending;
        SortJob job = new SortJob(capture, filtered, column, ascending, timeFormat, new SortJob.Sink() {
            @Override
            public void progress(SortJob j, int percent) {
                asyncUi(() -> {
                    if (j == sortJob) {
                        sortProgress = " " + percent + "%";
                        updateStatus();
                    }
                });
            }

            @Override
            public void done(SortJob j, int[] sorted) {
                asyncUi(() -> sorted(j, sorted));
            }
        });
        sortJob = job;
        sortProgress = "";
        updateStatus();
        job.schedule();
        return job;
    }

    private void sorted(SortJob job, int[] sorted) {
        if (job != sortJob || job.capture() != capture) {
            return;
        }
        sortJob = null;
        int selectedPacket = selectedPacket();
        rows = sorted;
        rowOfPacket = RowOrder.inverse(sorted, capture.packetCount());
        table.setSortColumn(table.getColumn(job.column()));
        table.setSortDirection(job.ascending() ? SWT.UP : SWT.DOWN);
        showRows(selectedPacket);
    }

    private void stopSortJob() {
        if (sortJob != null) {
            sortJob.cancel();
            sortJob = null;
        }
    }

    private int selectedPacket() {
        int selectedRow = table.getSelectionIndex();
        return selectedRow >= 0 && selectedRow < table.getItemCount() ? packetAt(selectedRow) : -1;
    }

    /** The sort job running now, or null (tests wait for it). */
    SortJob sortJob() {
        return sortJob;
    }

    private void acceptDrops(Control target) {
        DropTarget drop = new DropTarget(target, DND.DROP_COPY | DND.DROP_DEFAULT);
        drop.setTransfer(new Transfer[] { FileTransfer.getInstance() });
        drop.addDropListener(new DropTargetAdapter() {
            @Override
            public void dragEnter(DropTargetEvent e) {
                e.detail = DND.DROP_COPY;
            }

            @Override
            public void drop(DropTargetEvent e) {
                if (e.data instanceof String[] files && files.length > 0) {
                    service.open(Path.of(files[0]));
                }
            }
        });
    }

    /** The packet (0-based index) shown in table row {@code row}. */
    int packetAt(int row) {
        int[] shown = rows;
        return shown == null ? row : shown[row];
    }

    /** The table row showing packet {@code index}, or -1 when the filter hides it. */
    int rowOf(int index) {
        int[] shown = rows;
        if (shown == null) {
            return index;
        }
        int[] inverse = rowOfPacket;
        if (inverse != null) {
            return index >= 0 && index < inverse.length ? inverse[index] : -1;
        }
        int r = Arrays.binarySearch(shown, index);
        return r >= 0 ? r : -1;
    }

    private void createFilterBar(Composite content) {
        Composite bar = new Composite(content, SWT.NONE);
        bar.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false, 2, 1));
        GridLayout layout = new GridLayout(4, false);
        layout.marginWidth = 0;
        layout.marginHeight = 2;
        bar.setLayout(layout);
        Label label = new Label(bar, SWT.NONE);
        label.setText("Filter:");
        filterText = new Text(bar, SWT.SINGLE | SWT.BORDER | SWT.SEARCH);
        filterText.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
        filterText.setMessage("mip.homeaddr == 10.1.0.5 && mip.ext.mp.bid == 2, tunnel.coa == …, finding");
        filterText.addListener(SWT.Traverse, e -> {
            if (e.detail == SWT.TRAVERSE_RETURN) {
                applyFilter(filterText.getText());
                e.doit = false;
            } else if (e.detail == SWT.TRAVERSE_ESCAPE) {
                clearFilter();
                e.doit = false;
            }
        });
        filterText.addListener(SWT.Modify, e -> {
            if (filterError.isVisible()) {
                showFilterError(null); // the user is fixing it
            }
        });
        Button apply = new Button(bar, SWT.PUSH);
        apply.setText("Apply");
        apply.addListener(SWT.Selection, e -> applyFilter(filterText.getText()));
        Button clear = new Button(bar, SWT.PUSH);
        clear.setText("Clear");
        clear.addListener(SWT.Selection, e -> clearFilter());
        filterError = new Label(bar, SWT.NONE);
        filterError.setForeground(content.getDisplay().getSystemColor(SWT.COLOR_DARK_RED));
        GridData errorData = new GridData(SWT.FILL, SWT.CENTER, true, false, 4, 1);
        errorData.exclude = true;
        filterError.setLayoutData(errorData);
        filterError.setVisible(false);
        errorBackground = new Color(255, 205, 205);
    }

    /**
     * Parses {@code text} and, when it is valid, starts filtering (rows change when the job is done); a blank text
     * clears the filter. A syntax error is shown under the bar and leaves the rows as they are. Returns the job, or
     * null when nothing was started.
     */
    FilterJob applyFilter(String text) {
        if (!filterText.getText().equals(text)) {
            filterText.setText(text);
        }
        if (text.isBlank()) {
            clearFilter();
            return null;
        }
        DisplayFilter parsed;
        try {
            parsed = DisplayFilter.parse(text);
        } catch (FilterSyntaxException e) {
            showFilterError(e);
            return null;
        }
        showFilterError(null);
        if (capture == null) {
            return null;
        }
        return startFilter(parsed);
    }

    private FilterJob startFilter(DisplayFilter parsed) {
        return startFilter(parsed, 0, new int[0]);
    }

    private FilterJob startFilter(DisplayFilter parsed, int from, int[] prefix) {
        stopFilterJob();
        Set<String> careOfs = new HashSet<>();
        Set<String> homeAgents = new HashSet<>();
        for (MobileNode mn : capture.session().getMobileNodes()) { // the model is read on the UI thread only
            if (mn.getHomeAgent() != null) {
                homeAgents.add(mn.getHomeAgent());
            }
            for (Binding b : mn.getBindings()) {
                if (b.getCareOfAddress() != null) {
                    careOfs.add(b.getCareOfAddress());
                }
            }
        }
        FilterJob job = new FilterJob(capture, parsed, careOfs, homeAgents, new FilterJob.Sink() {
            @Override
            public void progress(FilterJob j, int done, int total) {
                asyncUi(() -> {
                    if (j == filterJob) {
                        filterProgress = String.format(" %d%%", total == 0 ? 100 : done * 100L / total);
                        updateStatus();
                    }
                });
            }

            @Override
            public void done(FilterJob j, int[] matching) {
                asyncUi(() -> filtered(j, matching));
            }
        }, from, prefix);
        filterJob = job;
        filterProgress = "";
        updateStatus();
        job.schedule();
        return job;
    }

    private void asyncUi(Runnable r) {
        if (!table.isDisposed()) {
            table.getDisplay().asyncExec(() -> {
                if (!table.isDisposed()) {
                    r.run();
                }
            });
        }
    }

    /** The job's result arrives on the UI thread: show the matching rows, keeping the selected packet if shown. */
    private void filtered(FilterJob job, int[] matching) {
        if (job != filterJob || job.capture() != capture) {
            return;
        }
        filterJob = null;
        filtered = matching;
        filterCovered = job.covered();
        filter = job.filter();
        events.send(UiTopics.FILTER_APPLIED, new FilterResult(capture, filter.text(), matching));
        if (sortColumn != SortJob.NUMBER) {
            startSort(sortColumn, sortAscending); // the new rows in the chosen order
            return;
        }
        int selectedPacket = selectedPacket();
        rows = matching;
        rowOfPacket = null;
        showRows(selectedPacket);
        extendFilter(capture); // packets that arrived while this run was going
    }

    /** Removes the filter: every packet is a row again. */
    void clearFilter() {
        stopFilterJob();
        if (!filterText.getText().isEmpty()) {
            filterText.setText("");
        }
        showFilterError(null);
        if (filtered == null) {
            if (capture != null) {
                updateStatus();
            }
            return;
        }
        filtered = null;
        filter = null;
        events.send(UiTopics.FILTER_APPLIED, new FilterResult(capture, "", null));
        if (sortColumn != SortJob.NUMBER) {
            startSort(sortColumn, sortAscending); // every packet, in the chosen order
            return;
        }
        int selectedPacket = selectedPacket();
        rows = null;
        rowOfPacket = null;
        showRows(selectedPacket);
    }

    private void showRows(int selectedPacket) {
        table.deselectAll();
        table.setItemCount(rows != null ? rows.length : capture.packetCount());
        table.clearAll();
        int row = selectedPacket >= 0 ? rowOf(selectedPacket) : -1;
        if (row >= 0) {
            table.setSelection(row);
            table.showSelection();
        }
        updateStatus();
        selectPending();
    }

    private void stopFilterJob() {
        if (filterJob != null) {
            filterJob.cancel();
            filterJob = null;
        }
    }

    private void showFilterError(FilterSyntaxException e) {
        GridData data = (GridData) filterError.getLayoutData();
        boolean show = e != null;
        filterError.setText(show ? e.detail() + " at character " + (e.position() + 1) : "");
        filterText.setBackground(show ? errorBackground : null);
        if (data.exclude == !show) {
            return;
        }
        data.exclude = !show;
        filterError.setVisible(show);
        filterError.getParent().getParent().layout(true, true);
    }

    /** The filter bar's error text, or "" when the filter parses. */
    String filterErrorText() {
        return filterError.isVisible() ? filterError.getText() : "";
    }

    Text filterText() {
        return filterText;
    }

    /** The filter job running now, or null (tests join it). */
    FilterJob filterJob() {
        return filterJob;
    }

    Table table() {
        return table;
    }
}
