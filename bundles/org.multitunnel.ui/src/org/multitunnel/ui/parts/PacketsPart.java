package org.multitunnel.ui.parts;

import java.nio.file.Path;

import jakarta.annotation.PostConstruct;
import jakarta.inject.Inject;

import org.eclipse.e4.core.di.annotations.Optional;
import org.eclipse.e4.core.services.events.IEventBroker;
import org.eclipse.e4.ui.di.Focus;
import org.eclipse.e4.ui.di.UIEventTopic;
import org.eclipse.jface.dialogs.IDialogConstants;
import org.eclipse.jface.dialogs.InputDialog;
import org.eclipse.swt.SWT;
import org.eclipse.swt.dnd.DND;
import org.eclipse.swt.dnd.DropTarget;
import org.eclipse.swt.dnd.DropTargetAdapter;
import org.eclipse.swt.dnd.DropTargetEvent;
import org.eclipse.swt.dnd.FileTransfer;
import org.eclipse.swt.dnd.Transfer;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
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
import org.multitunnel.ui.UiTopics;
import org.multitunnel.ui.packets.PacketRow;
import org.multitunnel.ui.packets.PacketRowFormatter;
import org.multitunnel.ui.packets.RowColours;
import org.multitunnel.ui.packets.TimeFormat;
import org.multitunnel.ui.session.CaptureSessionService;
import org.multitunnel.ui.session.OpenCapture;

/**
 * Packets view: a virtual table over the packet index, so a capture of millions of packets costs only the rows on
 * screen; rows appear while indexing continues. Selecting a row tells Details and Bytes; Ctrl+G goes to a packet;
 * the context menu switches the time reading; captures can be dropped onto it.
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
    private final PacketRowFormatter formatter = new PacketRowFormatter();
    private TimeFormat timeFormat = TimeFormat.RELATIVE;
    private OpenCapture capture;

    @PostConstruct
    public void createControls(Composite parent) {
        body = new PartBody(parent, WHAT_IT_SHOWS);
        Composite content = body.content(new Composite(parent, SWT.NONE));
        GridLayout layout = new GridLayout(2, false);
        layout.marginWidth = layout.marginHeight = 0;
        content.setLayout(layout);
        table = new Table(content, SWT.VIRTUAL | SWT.FULL_SELECTION | SWT.SINGLE | SWT.BORDER);
        table.setLayoutData(new GridData(SWT.FILL, SWT.FILL, true, true, 2, 1));
        table.setHeaderVisible(true);
        for (int i = 0; i < COLUMNS.length; i++) {
            TableColumn c = new TableColumn(table, i == 0 || i == 5 ? SWT.RIGHT : SWT.LEFT);
            c.setText(COLUMNS[i]);
            c.setWidth(WIDTHS[i]);
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
        cancel.addListener(SWT.Selection, e -> service.cancel());
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
        table.removeAll();
        table.setItemCount(c.packetCount());
        body.showContent(true);
        updateStatus();
    }

    @Inject
    @Optional
    void grown(@UIEventTopic(UiTopics.PACKETS_GROWN) OpenCapture c) {
        if (c == capture && !table.isDisposed()) {
            table.setItemCount(c.packetCount());
            updateStatus();
        }
    }

    @Inject
    @Optional
    void analysed(@UIEventTopic(UiTopics.ANALYSIS_DONE) OpenCapture c) {
        if (c == capture && !table.isDisposed()) {
            table.setItemCount(c.packetCount());
            table.clearAll(); // rows with findings get their colour now
            updateStatus();
        }
    }

    @Inject
    @Optional
    void goTo(@UIEventTopic(UiTopics.GOTO_PACKET) Integer index) {
        select(index);
    }

    /** Selects and reveals packet {@code index} (0-based) and tells the other views; false if out of range. */
    boolean select(int index) {
        if (capture == null || table.isDisposed() || index < 0 || index >= table.getItemCount()) {
            return false;
        }
        table.setSelection(index);
        table.showSelection();
        selected();
        return true;
    }

    private void selected() {
        int i = table.getSelectionIndex();
        if (i >= 0 && capture != null) {
            events.send(UiTopics.PACKET_SELECTED, i);
        }
    }

    private void fillRow(Event e) {
        TableItem item = (TableItem) e.item;
        int i = e.index;
        OpenCapture c = capture;
        if (c == null || i >= c.packetCount()) {
            return;
        }
        PacketRow row = formatter.format(c.file(), i);
        item.setText(new String[] { Integer.toString(i + 1), timeFormat.format(c.file(), i), row.source(),
                row.destination(), row.protocol(), Integer.toString(c.file().originalLength(i)), row.info() });
        item.setBackground(RowColours.of(row, c.hasFinding(i)));
    }

    private void updateStatus() {
        status.setText(capture.statusText());
        boolean running = !capture.analysisDone();
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
        int n = table.getItemCount();
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
            select(Integer.parseInt(d.getValue().strip()) - 1);
        }
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

    Table table() {
        return table;
    }
}
