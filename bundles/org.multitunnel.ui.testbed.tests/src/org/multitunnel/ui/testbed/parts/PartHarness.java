package org.multitunnel.ui.testbed.parts;

import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import java.util.function.BooleanSupplier;

import org.eclipse.e4.core.contexts.ContextInjectionFactory;
import org.eclipse.e4.core.contexts.EclipseContextFactory;
import org.eclipse.e4.core.contexts.IEclipseContext;
import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.FillLayout;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Shell;
import org.multitunnel.ui.prefs.KeyEntry;
import org.multitunnel.ui.prefs.KeyStore;
import org.multitunnel.ui.testbed.TestbedSession;

/**
 * Creates one Testbed part the way the workbench does (dependency injection into a test context on a plain SWT
 * shell, so no second workbench starts in the test JVM), with its own key store in a temporary directory, and
 * pumps the display while jobs post their results back.
 */
final class PartHarness implements AutoCloseable {
    final Display display = Display.getDefault();
    final Shell shell = new Shell(display);
    final IEclipseContext context = EclipseContextFactory.create("testbed part test");
    final TestbedSession session = new TestbedSession();

    PartHarness(Path dir, List<KeyEntry> keys) throws Exception {
        shell.setLayout(new FillLayout());
        shell.setSize(1100, 750);
        KeyStore store = KeyStore.open(dir.resolve("keys.secure_storage"), dir.resolve("keys.password"));
        store.save(keys);
        context.set(KeyStore.class, store);
        context.set(TestbedSession.class, session);
    }

    <T> T make(Class<T> part) {
        Composite parent = new Composite(shell, SWT.NONE);
        context.set(Composite.class, parent);
        T p = ContextInjectionFactory.make(part, context);
        shell.layout(true, true);
        shell.open();
        return p;
    }

    /** Runs the event loop until {@code condition} holds; fails after {@code millis}. */
    void await(long millis, BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + millis * 1_000_000L;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                fail("timed out after " + millis + " ms waiting for " + what);
            }
            if (!display.readAndDispatch()) {
                Thread.sleep(5);
            }
        }
    }

    /** Lets queued asyncExecs run. */
    void drain() {
        while (display.readAndDispatch()) {
            // keep going
        }
    }

    static byte[] randomKey() {
        byte[] k = new byte[16];
        new SecureRandom().nextBytes(k);
        return k;
    }

    static KeyEntry entry(long spi, byte[] key) {
        return new KeyEntry(spi, null, "hmac-md5", HexFormat.of().formatHex(key));
    }

    @Override
    public void close() {
        context.dispose();
        shell.dispose();
        drain();
    }
}
