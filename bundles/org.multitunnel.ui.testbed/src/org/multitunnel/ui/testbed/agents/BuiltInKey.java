package org.multitunnel.ui.testbed.agents;

import java.io.IOException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

import org.eclipse.equinox.security.storage.StorageException;
import org.multitunnel.ui.prefs.KeyEntry;
import org.multitunnel.ui.prefs.KeyStore;
import org.multitunnel.ui.testbed.TestbedSession;

/**
 * The MN-HA key the built-in home agent and the composer's sample template share: SPI
 * {@link TestbedSession#BUILT_IN_SPI}, any peer, HMAC-MD5, 16 random bytes created once per workspace and kept in
 * the GUI key table (secure storage), so a fresh installation can send an authenticated registration without
 * anyone typing a key, and the user can see or replace it under Preferences. Call {@link #ensure} from any part
 * that needs it: it creates the key only when the table has none for that SPI.
 */
public final class BuiltInKey {
    public static final String ALGORITHM = "hmac-md5";
    private static final int KEY_BYTES = 16;

    private BuiltInKey() {
    }

    /** The stored association for the built-in SPI (any peer), created and saved when missing. */
    public static synchronized KeyEntry ensure(KeyStore store) throws StorageException, IOException {
        List<KeyEntry> entries = store.load();
        for (KeyEntry e : entries) {
            if (e.spi() == TestbedSession.BUILT_IN_SPI && e.peer() == null) {
                return e;
            }
        }
        byte[] key = new byte[KEY_BYTES];
        new SecureRandom().nextBytes(key);
        KeyEntry created = new KeyEntry(TestbedSession.BUILT_IN_SPI, null, ALGORITHM, HexFormat.of().formatHex(key));
        List<KeyEntry> updated = new ArrayList<>(entries);
        updated.add(created);
        store.save(updated);
        return created;
    }
}
