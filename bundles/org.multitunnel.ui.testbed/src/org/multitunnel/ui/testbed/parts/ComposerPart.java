package org.multitunnel.ui.testbed.parts;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import org.eclipse.core.runtime.preferences.InstanceScope;
import org.eclipse.e4.core.di.annotations.Optional;
import org.eclipse.e4.ui.di.Focus;
import org.eclipse.e4.ui.di.Persist;
import org.eclipse.e4.ui.model.application.ui.basic.MPart;
import org.eclipse.emf.ecore.util.EcoreUtil;
import org.eclipse.jface.dialogs.MessageDialog;
import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.FileDialog;
import org.eclipse.swt.widgets.Label;
import org.multitunnel.agent.net.NtpIdentification;
import org.multitunnel.agent.template.TemplateEncoder;
import org.multitunnel.agent.template.TemplateFiles;
import org.multitunnel.model.template.IdentificationMode;
import org.multitunnel.model.template.RegistrationTemplate;
import org.multitunnel.ui.prefs.KeyEntry;
import org.multitunnel.ui.prefs.KeyStore;
import org.multitunnel.ui.prefs.UiPreferences;
import org.multitunnel.ui.testbed.agents.BuiltInKey;
import org.multitunnel.ui.testbed.ComposedMessage;
import org.multitunnel.ui.testbed.MessageSource;
import org.multitunnel.ui.testbed.TestbedSession;
import org.multitunnel.ui.testbed.composer.ComposerKeys;
import org.multitunnel.ui.testbed.composer.ComposerViews;
import org.multitunnel.ui.testbed.composer.TemplateEditor;
import org.multitunnel.wire.dissect.MipConfig;
import org.multitunnel.wire.mip.auth.MapKeyTable;
import org.osgi.service.prefs.Preferences;

/**
 * The registration composer (issue 8): a form editor over a registration template file — header, ordered
 * extension list with a form per type, deliberate-error switches — with undo/redo, and a live preview of the
 * exact bytes, their decoding and the findings they trigger. It publishes a {@link MessageSource} so Send and
 * Inject build the message at send time from the current template (fresh NTP identification, keys read from
 * secure storage then). Opens the sample RFC 7629 template aimed at the built-in home agent when no template
 * was used before. The draft extensions are numbered and decoded with the type numbers of Window > Preferences,
 * re-read when the part gets focus, so what the composer sends is what Analysis decodes.
 */
public class ComposerPart {
    /** Context key naming the template file to open instead of the remembered one ("" = the sample). */
    public static final String TEMPLATE_FILE = "org.multitunnel.ui.testbed.composer.templateFile";
    private static final String PREF_NODE = "org.multitunnel.ui.testbed";
    private static final String PREF_LAST = "composer.lastTemplate";

    @Inject
    TestbedSession session;
    @Inject
    @Optional
    MPart part;
    @Inject
    @Optional
    KeyStore keyStore;
    @Inject
    @Optional
    @Named(TEMPLATE_FILE)
    String configuredFile;
    /** Context key of the preference node holding {@link UiPreferences} (tests); the application's by default. */
    public static final String PREFERENCES = "org.multitunnel.ui.testbed.composer.preferences";
    @Inject
    @Optional
    @Named(PREFERENCES)
    Preferences preferences;

    private final TemplateEditor editor = new TemplateEditor();
    private final long previewIdentification = NtpIdentification.of(Instant.now());
    private volatile List<KeyEntry> keys = List.of();
    private long lastKeyReload = System.nanoTime();
    private MessageSource source;
    private Display display;
    private ComposerViews views;
    private Label fileLabel;
    private Button undo;
    private Button redo;
    private Button save;

    @PostConstruct
    void create(Composite parent) {
        display = parent.getDisplay();
        GridLayout gl = new GridLayout(1, false);
        gl.marginWidth = gl.marginHeight = 2;
        parent.setLayout(gl);
        Composite bar = new Composite(parent, SWT.NONE);
        bar.setLayoutData(new GridData(SWT.FILL, SWT.TOP, true, false));
        GridLayout bl = new GridLayout(7, false);
        bl.marginWidth = bl.marginHeight = 0;
        bar.setLayout(bl);
        button(bar, "Open…", "Open a template file (Ctrl+Shift+O)", this::openDialog);
        save = button(bar, "Save", "Save the template (Ctrl+S)", this::save);
        button(bar, "Save As…", "Save the template to another file (Ctrl+Shift+S)", this::saveAsDialog);
        undo = button(bar, "Undo", "Undo the last edit (Ctrl+Z)", editor::undo);
        redo = button(bar, "Redo", "Redo (Ctrl+Y or Ctrl+Shift+Z)", editor::redo);
        button(bar, "Reload keys", "Re-read the key table from secure storage", this::reloadKeys);
        fileLabel = new Label(bar, SWT.NONE);
        fileLabel.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));

        views = new ComposerViews(parent, editor, () -> keys);
        views.control().setLayoutData(new GridData(SWT.FILL, SWT.FILL, true, true));
        views.preview().configure(readConfig());
        editor.addListener(this::changed);
        ComposerKeys.install(parent, Map.of(ComposerKeys.UNDO, editor::undo, ComposerKeys.REDO, editor::redo,
                ComposerKeys.SAVE, this::save, ComposerKeys.SAVE_AS, this::saveAsDialog, ComposerKeys.OPEN,
                this::openDialog));

        openInitial();
        reloadKeys();
        source = this::build;
        session.setMessageSource(source);
    }

    private static Button button(Composite bar, String text, String tip, Runnable r) {
        Button b = new Button(bar, SWT.PUSH);
        b.setText(text);
        b.setToolTipText(tip);
        b.addListener(SWT.Selection, e -> r.run());
        return b;
    }

    private void openInitial() {
        String f = configuredFile != null ? configuredFile
                : InstanceScope.INSTANCE.getNode(PREF_NODE).get(PREF_LAST, "");
        if (!f.isEmpty() && Files.isRegularFile(Path.of(f))) {
            try {
                editor.open(Path.of(f));
                return;
            } catch (IOException e) {
                views.note("Could not open " + f + ": " + e.getMessage() + "; opened the sample instead");
            }
        }
        editor.openSample();
    }

    /** Everything after a change of the template or the document. */
    private void changed() {
        if (fileLabel.isDisposed()) {
            return;
        }
        views.refresh();
        RegistrationTemplate t = editor.template();
        if (t.getTargetHost() != null && !t.getTargetHost().isBlank()) {
            session.setComposedTarget(InetSocketAddress.createUnresolved(t.getTargetHost().trim(), t.getTargetPort()));
        }
        long id = t.getIdentificationMode() == IdentificationMode.FIXED ? t.getFixedIdentification()
                : previewIdentification;
        try {
            TemplateEncoder.Encoded e = TemplateEncoder.encode(t, id, keyTable(keys), true, views.preview().config());
            List<String> notes = new ArrayList<>(e.notes());
            if (t.getIdentificationMode() == IdentificationMode.NTP) {
                notes.add(0, "Identification: a fresh NTP timestamp at each send");
            }
            views.preview().show(e.bytes(), notes, null);
        } catch (IllegalArgumentException ex) {
            views.preview().show(null, List.of(), ex.getMessage());
        }
        String name = editor.file() == null ? TemplateFiles.SAMPLE_NAME + " (sample, not saved yet)"
                : editor.file().getFileName().toString();
        fileLabel.setText((editor.dirty() ? "*" : "") + name);
        fileLabel.setToolTipText(editor.file() == null ? "Save As to keep your edits" : editor.file().toString());
        undo.setEnabled(editor.canUndo());
        redo.setEnabled(editor.canRedo());
        save.setEnabled(editor.dirty() || editor.file() == null);
        if (part != null) {
            part.setDirty(editor.dirty());
        }
    }

    private static MapKeyTable keyTable(List<KeyEntry> entries) {
        MapKeyTable t = KeyStore.toKeyTable(entries);
        return t == null ? new MapKeyTable() : t;
    }

    /**
     * Reads the key table in the background (secure storage is slow to open) and refreshes the preview. The
     * built-in home agent's association is created first when missing, so the sample template's preview is signed
     * with the key the agent will use even when the composer opens before the agent has started.
     */
    public CompletableFuture<Void> reloadKeys() {
        return CompletableFuture.supplyAsync(() -> {
            try {
                KeyStore store = store();
                BuiltInKey.ensure(store);
                return store.load();
            } catch (Exception e) {
                return List.<KeyEntry>of();
            }
        }).thenAccept(list -> {
            keys = List.copyOf(list);
            if (!display.isDisposed()) {
                display.asyncExec(this::changed);
            }
        });
    }

    private KeyStore store() throws IOException {
        return keyStore != null ? keyStore : KeyStore.openDefault();
    }

    /**
     * The message to send now. Send/Inject may call this on any thread: the template is copied on the UI thread
     * (synchronously, so a caller off the UI thread must not hold the UI thread waiting for it), the rest runs on
     * the caller's thread.
     */
    private ComposedMessage build() throws Exception {
        RegistrationTemplate copy = onUi(() -> EcoreUtil.copy(editor.template()));
        MipConfig config = readConfig(); // the numbers in the preferences now, even if the part has no focus
        MapKeyTable table = keyTable(store().load());
        long id = TemplateEncoder.identification(copy);
        TemplateEncoder.Encoded e = TemplateEncoder.encode(copy, id, table, false, config);
        String summary = e.request().summary() + String.format(" ID=0x%016x", id)
                + (copy.getName() == null || copy.getName().isBlank() ? "" : " (" + copy.getName() + ")");
        return new ComposedMessage(e.bytes(), summary,
                new InetSocketAddress(copy.getTargetHost().trim(), copy.getTargetPort()));
    }

    private <T> T onUi(java.util.function.Supplier<T> s) {
        if (Display.getCurrent() == display) {
            return s.get();
        }
        List<T> out = new ArrayList<>(1);
        display.syncExec(() -> out.add(s.get()));
        return out.get(0);
    }

    @Persist
    void save() {
        if (editor.file() == null) {
            saveAsDialog();
            return;
        }
        try {
            editor.save();
        } catch (IOException e) {
            MessageDialog.openError(fileLabel.getShell(), "Save template", e.getMessage());
        }
    }

    private void saveAsDialog() {
        FileDialog d = new FileDialog(fileLabel.getShell(), SWT.SAVE);
        d.setText("Save template as");
        d.setFilterExtensions(new String[] { "*.xmi", "*" });
        d.setFileName(editor.file() == null ? TemplateFiles.SAMPLE_NAME : editor.file().getFileName().toString());
        d.setOverwrite(true);
        String f = d.open();
        if (f != null) {
            try {
                saveAs(Path.of(f));
            } catch (IOException e) {
                MessageDialog.openError(fileLabel.getShell(), "Save template", e.getMessage());
            }
        }
    }

    private void openDialog() {
        if (editor.dirty() && !MessageDialog.openQuestion(fileLabel.getShell(), "Open template",
                "Discard the unsaved changes to the current template?")) {
            return;
        }
        FileDialog d = new FileDialog(fileLabel.getShell(), SWT.OPEN);
        d.setText("Open template");
        d.setFilterExtensions(new String[] { "*.xmi", "*" });
        String f = d.open();
        if (f != null) {
            try {
                open(Path.of(f));
            } catch (IOException e) {
                MessageDialog.openError(fileLabel.getShell(), "Open template", e.getMessage());
            }
        }
    }

    /** Opens {@code f} (no questions asked) and remembers it for the next start. */
    public void open(Path f) throws IOException {
        editor.open(f);
        remember(f);
    }

    /** Saves to {@code f} and remembers it for the next start. */
    public void saveAs(Path f) throws IOException {
        editor.saveAs(f);
        remember(f);
    }

    private void remember(Path f) {
        if (configuredFile == null) {
            org.eclipse.core.runtime.preferences.IEclipsePreferences node = InstanceScope.INSTANCE.getNode(PREF_NODE);
            node.put(PREF_LAST, f.toAbsolutePath().toString());
            try {
                node.flush();
            } catch (org.osgi.service.prefs.BackingStoreException e) {
                // not remembered: the next start opens the sample again
            }
        }
    }

    /** The document (tests, and parts that want to inspect the template). */
    public TemplateEditor editor() {
        return editor;
    }

    public ComposerViews views() {
        return views;
    }

    private MipConfig readConfig() {
        return (preferences != null ? UiPreferences.load(preferences) : UiPreferences.load()).mipConfig();
    }

    /** Takes the draft extension numbers from the preferences again; shows the message anew when they changed. */
    private void reloadPreferences() {
        MipConfig c = readConfig();
        MipConfig shown = views.preview().config();
        if (c.mirType() != shown.mirType() || c.mtrType() != shown.mtrType()) { // the ports do not matter here
            views.preview().configure(c);
            changed();
        }
    }

    @Focus
    void focus() {
        views.focus();
        reloadPreferences(); // the numbers may have been changed in Window > Preferences
        long now = System.nanoTime();
        if (now - lastKeyReload > 3_000_000_000L) { // keys may have been added in Preferences or by Agents
            lastKeyReload = now;
            reloadKeys();
        }
    }

    @PreDestroy
    void dispose() {
        if (session.messageSource() == source) {
            session.setMessageSource(null);
        }
    }
}
