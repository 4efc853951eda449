package org.multitunnel.ui.testbed.composer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.eclipse.core.runtime.preferences.InstanceScope;
import org.eclipse.e4.core.contexts.ContextInjectionFactory;
import org.eclipse.e4.core.contexts.EclipseContextFactory;
import org.eclipse.e4.core.contexts.IEclipseContext;
import org.eclipse.e4.ui.di.Focus;
import org.eclipse.swt.layout.FillLayout;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.TableItem;
import org.eclipse.swt.widgets.TreeItem;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.multitunnel.model.template.MultiInterfaceRoutingSpec;
import org.multitunnel.model.template.MultipleTunnelRequestSpec;
import org.multitunnel.model.template.TemplateFactory;
import org.multitunnel.model.template.TemplatePackage.Literals;
import org.multitunnel.ui.prefs.KeyEntry;
import org.multitunnel.ui.prefs.KeyStore;
import org.multitunnel.ui.prefs.UiPreferences;
import org.multitunnel.ui.testbed.TestbedSession;
import org.multitunnel.ui.testbed.parts.ComposerPart;
import org.multitunnel.wire.dissect.MipConfig;
import org.multitunnel.wire.fast.MipPorts;
import org.multitunnel.wire.mip.RegistrationRequest;
import org.multitunnel.wire.mip.ext.MultiInterfaceRoutingExtension;
import org.multitunnel.wire.mip.ext.MultipleTunnelRequestExtension;
import org.osgi.service.prefs.Preferences;

/**
 * The composer follows the draft extension numbers of Window > Preferences: the bytes it builds, the decoded tree
 * and the findings of its preview use the configured types, re-read when the part gets focus. Runs the part on a
 * plain shell with its preferences in a temporary node (cleared before and after), like {@code ComposerPartTest}.
 */
class ComposerPreferencesTest {
    /** Registration Request fixed part: type, flags, lifetime(2), home address, home agent, care-of, ID(8). */
    private static final int FIRST_EXTENSION = 24;

    @TempDir
    Path dir;
    private final Display display = Display.getDefault();
    private final Preferences node = InstanceScope.INSTANCE.getNode("org.multitunnel.ui.testbed.tests.composerprefs");
    private Shell shell;
    private TestbedSession session;
    private ComposerPart part;
    private IEclipseContext ctx;

    @BeforeEach
    void open() throws Exception {
        node.clear();
        node.flush();
        KeyStore store = KeyStore.open(dir.resolve("keys.secure_storage"), dir.resolve("keys.password"));
        store.save(List.of(new KeyEntry(4096, null, "hmac-md5", "00112233445566778899aabbccddeeff")));
        shell = new Shell(display);
        shell.setLayout(new FillLayout());
        shell.setSize(1280, 960);
        ctx = EclipseContextFactory.create("composer preferences test");
        ctx.set(Composite.class, shell);
        ctx.set(KeyStore.class, store);
        session = new TestbedSession();
        ctx.set(TestbedSession.class, session);
        ctx.set(ComposerPart.TEMPLATE_FILE, "");
        ctx.set(ComposerPart.PREFERENCES, node);
        part = ContextInjectionFactory.make(ComposerPart.class, ctx);
        shell.open();
        part.reloadKeys().join();
        flush();
    }

    @AfterEach
    void close() throws Exception {
        ContextInjectionFactory.uninject(part, ctx);
        shell.dispose();
        ctx.dispose();
        node.clear(); // the defaults again for every other test
        node.flush();
    }

    private void flush() {
        while (display.readAndDispatch()) {
            // run the pending async refreshes
        }
    }

    private void setTypes(int mir, int mtr) throws Exception {
        new UiPreferences().setExtMultiInterfaceRouting(mir).setExtMultipleTunnelRequest(mtr).store(node);
    }

    private void focus() {
        ContextInjectionFactory.invoke(part, Focus.class, ctx); // as the workbench does when the part is activated
        flush();
    }

    private MultiInterfaceRoutingSpec addMirFirst() {
        MultiInterfaceRoutingSpec mir = TemplateFactory.eINSTANCE.createMultiInterfaceRoutingSpec();
        mir.setIfId(7);
        part.editor().add(part.editor().template(), Literals.REGISTRATION_TEMPLATE__EXTENSIONS, mir, 0);
        flush();
        return mir;
    }

    private byte[] shown() {
        return part.views().preview().bytes();
    }

    private List<String> treeTexts() {
        List<String> out = new ArrayList<>();
        collect(part.views().preview().tree().getItems(), out);
        return out;
    }

    private static void collect(TreeItem[] items, List<String> out) {
        for (TreeItem i : items) {
            out.add(i.getText());
            collect(i.getItems(), out);
        }
    }

    private List<String> findingRules() {
        List<String> out = new ArrayList<>();
        for (TableItem ti : part.views().preview().findings().getItems()) {
            out.add(ti.getText(1));
        }
        return out;
    }

    private static RegistrationRequest decode(byte[] b, int mir, int mtr) {
        return (RegistrationRequest) new MipConfig(MipPorts.DEFAULT, mir, mtr).codec().decode(b);
    }

    @Test
    void multiInterfaceRoutingIsEncodedAndDecodedWithTheConfiguredTypeAfterFocus() throws Exception {
        addMirFirst();
        assertEquals(124, shown()[FIRST_EXTENSION] & 0xff, "the draft's default number before any preference");
        List<String> defaultRules = findingRules();

        setTypes(130, 125);
        focus();
        byte[] b = shown();
        assertEquals(130, b[FIRST_EXTENSION] & 0xff, "Type octet of the first extension");
        assertEquals(6, b[FIRST_EXTENSION + 1] & 0xff, "Length of the Multi-Interface Routing extension");
        MultiInterfaceRoutingExtension x = assertInstanceOf(MultiInterfaceRoutingExtension.class,
                decode(b, 130, 125).extensions().get(0));
        assertEquals(7, x.ifId());
        assertTrue(treeTexts().stream().anyMatch(t -> t.contains("Multi-Interface Routing")), treeTexts().toString());
        assertEquals(defaultRules, findingRules(), "the same findings as with the default numbering");
        assertTrue(part.views().preview().status().getText().contains("Multi-Interface Routing sent as type 130"),
                part.views().preview().status().getText());

        byte[] sent = session.messageSource().build().payload();
        assertEquals(130, sent[FIRST_EXTENSION] & 0xff, "Send builds with the configured number too");

        node.clear();
        node.flush();
        focus();
        assertEquals(124, shown()[FIRST_EXTENSION] & 0xff, "back to the default after the preference is removed");
    }

    @Test
    void multipleTunnelRequestFollowsItsPreferenceAndAnExplicitTemplateTypeStays() throws Exception {
        MultiInterfaceRoutingSpec mir = addMirFirst();
        part.editor().set(mir, Literals.MULTI_INTERFACE_ROUTING_SPEC__TYPE, 140); // a deliberate number
        MultipleTunnelRequestSpec mtr = TemplateFactory.eINSTANCE.createMultipleTunnelRequestSpec();
        mtr.setBid(3);
        part.editor().add(part.editor().template(), Literals.REGISTRATION_TEMPLATE__EXTENSIONS, mtr, 1);
        setTypes(231, 200);
        focus();
        byte[] b = shown();
        assertEquals(140, b[FIRST_EXTENSION] & 0xff, "the template's own type wins over the preference");
        int second = FIRST_EXTENSION + 2 + (b[FIRST_EXTENSION + 1] & 0xff);
        assertEquals(200, b[second] & 0xff, "Multiple Tunnel Request at the preference's number");
        MultipleTunnelRequestExtension m = assertInstanceOf(MultipleTunnelRequestExtension.class,
                decode(b, 231, 200).extensions().get(1));
        assertEquals(3, m.bid());
        assertTrue(treeTexts().stream().anyMatch(t -> t.contains("Multiple Tunnel Request")), treeTexts().toString());
    }
}
