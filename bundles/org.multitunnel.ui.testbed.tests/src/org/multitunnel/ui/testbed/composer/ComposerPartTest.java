package org.multitunnel.ui.testbed.composer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;

import org.eclipse.e4.core.contexts.ContextInjectionFactory;
import org.eclipse.e4.core.contexts.EclipseContextFactory;
import org.eclipse.e4.core.contexts.IEclipseContext;
import org.eclipse.emf.ecore.util.EcoreUtil;
import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.FillLayout;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Event;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Text;
import org.eclipse.swt.widgets.TreeItem;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.multitunnel.model.template.AuthSpec;
import org.multitunnel.model.template.FlowBindingSpec;
import org.multitunnel.model.template.IdentificationMode;
import org.multitunnel.model.template.MultipathSpec;
import org.multitunnel.model.template.NaiSpec;
import org.multitunnel.model.template.RegistrationTemplate;
import org.multitunnel.model.template.TemplatePackage.Literals;
import org.multitunnel.ui.prefs.KeyEntry;
import org.multitunnel.ui.prefs.KeyStore;
import org.multitunnel.ui.testbed.ComposedMessage;
import org.multitunnel.ui.testbed.TestbedSession;
import org.multitunnel.ui.testbed.parts.ComposerPart;
import org.multitunnel.wire.mip.MipCodec;
import org.multitunnel.wire.mip.RegistrationRequest;
import org.multitunnel.wire.mip.auth.AuthResult;
import org.multitunnel.wire.mip.auth.MapKeyTable;
import org.multitunnel.wire.mip.auth.MipAuthenticator;
import org.multitunnel.wire.mip.auth.SecurityAssociation;
import org.multitunnel.wire.mip.ext.FlowBindingExtension;
import org.multitunnel.wire.mip.ext.MipExtension;
import org.multitunnel.wire.mip.ext.MultipathExtension;
import org.multitunnel.wire.mip.ext.NaiExtension;
import org.multitunnel.wire.mip.ext.UdpTunnelRequestExtension;

/**
 * The composer part on a plain shell (no workbench): created by injection like the workbench creates it, with a
 * key table in a temporary secure storage holding the built-in home agent's association (SPI 4096), and driven
 * through its widgets.
 */
class ComposerPartTest {
    private static final String KEY_HEX = "00112233445566778899aabbccddeeff";
    private static final MapKeyTable KEYS = new MapKeyTable()
            .add(SecurityAssociation.hmacMd5(4096, HexFormat.of().parseHex(KEY_HEX)));

    @TempDir
    Path dir;
    private final Display display = Display.getDefault();
    private Shell shell;
    private TestbedSession session;
    private ComposerPart part;
    private IEclipseContext ctx;

    @BeforeEach
    void open() throws Exception {
        KeyStore store = KeyStore.open(dir.resolve("keys.secure_storage"), dir.resolve("keys.password"));
        store.save(List.of(new KeyEntry(4096, null, "hmac-md5", KEY_HEX)));
        shell = new Shell(display);
        shell.setLayout(new FillLayout());
        shell.setSize(1280, 960);
        ctx = EclipseContextFactory.create("composer test");
        ctx.set(Composite.class, shell);
        ctx.set(KeyStore.class, store);
        session = new TestbedSession();
        ctx.set(TestbedSession.class, session);
        ctx.set(ComposerPart.TEMPLATE_FILE, "");
        part = ContextInjectionFactory.make(ComposerPart.class, ctx);
        shell.open();
        part.reloadKeys().join();
        flush();
    }

    @AfterEach
    void close() {
        if (part != null) {
            ContextInjectionFactory.uninject(part, ctx);
        }
        shell.dispose();
        ctx.dispose();
    }

    private void flush() {
        while (display.readAndDispatch()) {
            // run the pending async refreshes
        }
    }

    private ComposerViews views() {
        return part.views();
    }

    private RegistrationTemplate template() {
        return part.editor().template();
    }

    private byte[] shown() {
        return views().preview().bytes();
    }

    private RegistrationRequest shownRequest() {
        return (RegistrationRequest) new MipCodec().decode(shown());
    }

    private <T extends Control> T control(Class<T> type, String attribute) {
        Control c = views().find(attribute);
        assertNotNull(c, "no control for " + attribute);
        return type.cast(c);
    }

    private static void click(Button b) {
        b.setSelection(!b.getSelection());
        b.notifyListeners(SWT.Selection, new Event());
    }

    private static void choose(Combo c, int index) {
        c.select(index);
        c.notifyListeners(SWT.Selection, new Event());
    }

    private void key(int keyCode, int stateMask) {
        Event e = new Event();
        e.keyCode = keyCode;
        e.stateMask = stateMask;
        views().list().table().notifyListeners(SWT.KeyDown, e);
    }

    private List<String> treeTexts() {
        List<String> out = new ArrayList<>();
        collect(views().preview().tree().getItems(), out);
        return out;
    }

    private static void collect(TreeItem[] items, List<String> out) {
        for (TreeItem i : items) {
            out.add(i.getText());
            collect(i.getItems(), out);
        }
    }

    private List<Class<?>> wireExtensions() {
        return shownRequest().extensions().stream().<Class<?>>map(MipExtension::getClass).toList();
    }

    private static AuthResult.Status mnHa(byte[] b) {
        RegistrationRequest r = (RegistrationRequest) new MipCodec().decode(b);
        return MipAuthenticator.resultFor(MipAuthenticator.verify(b, r, KEYS, null), 32).status();
    }

    @Test
    void opensTheSampleAimedAtTheBuiltInHomeAgentAndItsMessageVerifiesWithTheBuiltInKey() throws Exception {
        assertNull(part.editor().file(), "the sample is not a file yet");
        assertFalse(part.editor().dirty());
        assertTrue(views().preview().hex().getText().startsWith("0000  01 00 01 2c 0a 01 00 05  7f 00 00 01"),
                views().preview().hex().getText());
        assertTrue(treeTexts().stream().anyMatch(t -> t.contains("Multipath Extension")), treeTexts().toString());
        assertEquals("(no findings)", views().preview().findings().getItem(0).getText(1));
        assertFalse(views().preview().status().getText().contains("zero key"), views().preview().status().getText());

        assertNotNull(session.messageSource(), "the composer publishes its message source");
        ComposedMessage m = session.messageSource().build();
        assertEquals("127.0.0.1", m.target().getAddress().getHostAddress());
        assertEquals(TestbedSession.BUILT_IN_HOME_AGENT.getPort(), m.target().getPort());
        assertEquals(AuthResult.Status.VALID, mnHa(m.payload()));
        assertTrue(m.summary().contains("HoA=10.1.0.5"), m.summary());
        ComposedMessage again = session.messageSource().build();
        assertTrue(Long.compareUnsigned(((RegistrationRequest) new MipCodec().decode(again.payload())).identification(),
                ((RegistrationRequest) new MipCodec().decode(m.payload())).identification()) > 0,
                "each send gets a fresh, increasing NTP identification");
    }

    @Test
    void editingAFieldUpdatesTheHexAndTheDecodedTree() {
        control(Text.class, "homeAddress").setText("10.1.0.77");
        flush();
        assertEquals("10.1.0.77", shownRequest().homeAddress());
        assertTrue(views().preview().hex().getText().contains("0a 01 00 4d"), views().preview().hex().getText());
        assertTrue(treeTexts().stream().anyMatch(t -> t.contains("10.1.0.77")), treeTexts().toString());

        click(control(Button.class, "flags.T"));
        assertEquals(RegistrationRequest.T, shownRequest().flags());
        control(Text.class, "lifetime").setText("0x10");
        assertEquals(16, shownRequest().lifetime());
        control(Text.class, "lifetime").setText("ten");
        assertEquals(16, template().getLifetime(), "text that is not a number is not applied");
        assertTrue(part.editor().dirty());
    }

    @Test
    void clickingAByteSelectsTheFieldThatCoversIt() {
        for (int i = 0; i < 64; i++) {
            assertEquals(i, PreviewView.byteAt(PreviewView.charOf(i)), "hex layout round trip at byte " + i);
            assertEquals(i, PreviewView.byteAt(PreviewView.charOf(i) + 1));
        }
        views().preview().selectByte(26); // the Multipath Extension's 16-bit Length
        assertEquals("Extension Length: 4", views().preview().tree().getSelection()[0].getText());
        views().preview().selectByte(1);
        assertEquals("Flags: 0x0", views().preview().tree().getSelection()[0].getText());
        assertEquals(1, views().preview().hex().getStyleRanges().length, "the flags octet is highlighted");
    }

    @Test
    void addsMovesAndRemovesExtensionsInWireOrder() {
        views().list().select(template().getExtensions().get(0));
        views().list().add(Literals.NAI_SPEC);
        assertEquals(List.of(MultipathExtension.class, NaiExtension.class,
                org.multitunnel.wire.mip.ext.AuthExtension.class), wireExtensions());
        key(SWT.ARROW_UP, SWT.ALT); // the new NAI is selected: Alt+Up moves it first
        assertEquals(List.of(NaiExtension.class, MultipathExtension.class,
                org.multitunnel.wire.mip.ext.AuthExtension.class), wireExtensions());
        assertInstanceOf(NaiSpec.class, views().list().selection());
        views().list().moveSelected(1);
        assertEquals(NaiExtension.class, wireExtensions().get(1));
        key(SWT.DEL, 0);
        assertEquals(List.of(MultipathExtension.class, org.multitunnel.wire.mip.ext.AuthExtension.class),
                wireExtensions());
        assertEquals(AuthResult.Status.VALID, mnHa(shown()), "the authenticator follows the edits");
        views().list().select(template().getExtensions().get(1)); // the authenticator
        views().list().add(Literals.UDP_TUNNEL_REQUEST_SPEC);
        assertEquals(List.of(MultipathExtension.class, UdpTunnelRequestExtension.class,
                org.multitunnel.wire.mip.ext.AuthExtension.class), wireExtensions(),
                "a new extension goes ahead of the authenticator (after it only when moved there)");
    }

    @Test
    void undoAndRedoRestoreTheBytesExactly() {
        part.editor().set(template(), Literals.REGISTRATION_TEMPLATE__IDENTIFICATION_MODE, IdentificationMode.FIXED);
        part.editor().set(template(), Literals.REGISTRATION_TEMPLATE__FIXED_IDENTIFICATION, 0x1122334455667788L);
        byte[] before = shown();
        Text hoa = control(Text.class, "homeAddress");
        hoa.setText("10.1.0.");
        hoa.setText("10.1.0.9"); // one typing session: one undo step
        hoa.notifyListeners(SWT.FocusOut, new Event());
        views().list().add(Literals.MULTIPATH_SPEC);
        click(control(Button.class, "flags.S"));
        byte[] after = shown();
        assertFalse(Arrays.equals(before, after));

        key('z', SWT.MOD1);
        key('z', SWT.MOD1);
        key('z', SWT.MOD1);
        flush();
        assertArrayEquals(before, shown(), "three undos restore the bytes");
        assertEquals("10.1.0.5", hoa.getText(), "and the form");
        assertFalse(part.editor().canUndo() && part.editor().template().getHomeAddress().equals("10.1.0.9"));

        key('y', SWT.MOD1);
        key('z', SWT.MOD1 | SWT.SHIFT);
        key('y', SWT.MOD1);
        assertArrayEquals(after, shown(), "Ctrl+Y / Ctrl+Shift+Z redo them");
        assertEquals("10.1.0.9", hoa.getText());
    }

    @Test
    void savedTemplateReloadsEqualAndSavingClearsTheDirtyState() throws Exception {
        control(Text.class, "careOfAddress").setText("127.0.0.2");
        views().list().add(Literals.FLOW_BINDING_SPEC);
        assertTrue(part.editor().dirty());
        Path f = dir.resolve("composed.xmi");
        part.saveAs(f);
        assertFalse(part.editor().dirty());
        assertTrue(Files.readString(f).contains("127.0.0.2"));
        assertFalse(Files.readString(f).contains(KEY_HEX), "a template never holds key bytes");
        RegistrationTemplate saved = EcoreUtil.copy(template());
        byte[] bytes = shown();

        control(Text.class, "careOfAddress").setText("127.0.0.3");
        assertTrue(part.editor().dirty());
        part.open(f);
        flush();
        assertTrue(EcoreUtil.equals(saved, template()), "the reloaded template equals the saved one");
        assertFalse(part.editor().dirty());
        assertEquals(f, part.editor().file());
        assertEquals(Arrays.toString(Arrays.copyOfRange(bytes, 0, 16)),
                Arrays.toString(Arrays.copyOfRange(shown(), 0, 16)));
    }

    @Test
    void wrongAuthenticatorSwitchSendsAMessageWhoseAuthenticatorDoesNotVerify() throws Exception {
        views().list().select(template().getExtensions().get(1));
        assertInstanceOf(AuthSpec.class, views().list().selection());
        Combo keys = control(Combo.class, "key");
        assertEquals("SPI 4096 · peer any · hmac-md5", keys.getItem(0));
        assertTrue(Arrays.stream(keys.getItems()).noneMatch(i -> i.contains(KEY_HEX)), "key bytes never shown");
        assertEquals(0, keys.getSelectionIndex(), "the sample's SPI 4096 is the stored association");

        click(control(Button.class, "wrongAuthenticator"));
        assertTrue(((AuthSpec) template().getExtensions().get(1)).isWrongAuthenticator());
        ComposedMessage m = session.messageSource().build();
        assertEquals(AuthResult.Status.INVALID, mnHa(m.payload()));
        click(control(Button.class, "wrongAuthenticator"));
        assertEquals(AuthResult.Status.VALID, mnHa(session.messageSource().build().payload()));
    }

    @Test
    void flowBindingFormEditsBidsAndTheTrafficSelectorAndShowsFindings() {
        views().list().select(template().getExtensions().get(0));
        FlowBindingSpec fb = (FlowBindingSpec) views().list().add(Literals.FLOW_BINDING_SPEC);
        control(Text.class, "bids").setText("1, 2");
        click(control(Button.class, "selector.add"));
        flush();
        assertEquals(1, fb.getSelectorFields().size());
        control(Text.class, "selector.value").setText("192.0.2.9");
        FlowBindingExtension x = (FlowBindingExtension) shownRequest().extensions().get(1);
        assertArrayEquals(new int[] { 1, 2 }, x.bids());
        assertEquals("192.0.2.9", x.selector().values().get("mip.ext.fb.ts.src_start"));

        control(Text.class, "tsFormat").setText("0");
        List<String> rules = new ArrayList<>();
        for (var item : views().preview().findings().getItems()) {
            rules.add(item.getText(1));
        }
        assertTrue(rules.contains("RFC7629-4.2-TS-FORMAT-RESERVED"), rules.toString());

        control(Text.class, "lengthOverride").setText("200");
        MipExtension mp = shownRequest().extensions().get(0);
        assertInstanceOf(MultipathExtension.class, mp);
        assertTrue(views().preview().findings().getItemCount() > 0);
    }

    @Test
    void anInvalidAddressShowsWhyNothingCanBeBuilt() {
        byte[] before = shown();
        control(Text.class, "homeAgent").setText("127.0.0");
        assertTrue(views().preview().status().getText().contains("home agent is not an IPv4 address"),
                views().preview().status().getText());
        assertArrayEquals(before, shown(), "the last good message stays visible");
        assertTrue(template().getExtensions().get(0) instanceof MultipathSpec);
    }
}
