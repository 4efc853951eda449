package org.multitunnel.ui.prefs;

import java.io.IOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import javax.crypto.spec.PBEKeySpec;

import org.eclipse.core.runtime.Platform;
import org.eclipse.equinox.security.storage.ISecurePreferences;
import org.eclipse.equinox.security.storage.SecurePreferencesFactory;
import org.eclipse.equinox.security.storage.StorageException;
import org.eclipse.equinox.security.storage.provider.IProviderHints;
import org.multitunnel.wire.mip.auth.MapKeyTable;
import org.osgi.framework.FrameworkUtil;

/**
 * The MN-HA key table in Eclipse secure storage, node {@value #NODE}: one child per association with its SPI, peer
 * and algorithm in clear and the key encrypted ({@code put(key, value, true)}).
 * <p>
 * Secure storage is opened at an explicit file with a generated password given as
 * {@link IProviderHints#DEFAULT_PASSWORD} and {@link IProviderHints#PROMPT_USER} false, so it never prompts (the
 * product has no password-provider UI and Linux has no platform keyring module in the target). The password file
 * sits next to the storage with owner-only permissions: this keeps keys out of clear-text preference files and
 * logs, but anyone who can read the user's workspace can decrypt them.
 */
public final class KeyStore {
    public static final String NODE = "/org.multitunnel/keys";
    private static final String SPI = "spi";
    private static final String PEER = "peer";
    private static final String ALGORITHM = "algorithm";
    private static final String KEY = "key";

    private final ISecurePreferences root;

    public KeyStore(ISecurePreferences root) {
        this.root = root;
    }

    /** Opens (or creates) the storage file {@code storage}, encrypted with the password in {@code passwordFile}. */
    public static KeyStore open(Path storage, Path passwordFile) throws IOException {
        Files.createDirectories(storage.toAbsolutePath().getParent());
        Map<String, Object> options = new HashMap<>();
        options.put(IProviderHints.PROMPT_USER, Boolean.FALSE);
        options.put(IProviderHints.DEFAULT_PASSWORD, new PBEKeySpec(password(passwordFile).toCharArray()));
        URL url = storage.toAbsolutePath().toUri().toURL();
        ISecurePreferences prefs = SecurePreferencesFactory.open(url, options);
        if (prefs == null) {
            throw new IOException("secure storage could not be opened at " + storage);
        }
        return new KeyStore(prefs);
    }

    /** The application's key table, under the workspace's state location of this bundle. */
    public static KeyStore openDefault() throws IOException {
        Path dir = Path.of(Platform.getStateLocation(FrameworkUtil.getBundle(KeyStore.class)).toOSString());
        return open(dir.resolve("keys.secure_storage"), dir.resolve("keys.password"));
    }

    /** Reads the generated password, creating it (owner read/write only) on first use. */
    private static synchronized String password(Path file) throws IOException {
        if (Files.isRegularFile(file)) {
            String p = Files.readString(file, StandardCharsets.US_ASCII).trim();
            if (!p.isEmpty()) {
                return p;
            }
        }
        byte[] random = new byte[32];
        new SecureRandom().nextBytes(random);
        String p = HexFormat.of().formatHex(random);
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.writeString(file, p, StandardCharsets.US_ASCII);
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException e) {
            // Not a POSIX file system: the file keeps the default permissions.
        }
        return p;
    }

    /** The stored entries, ordered by SPI then peer. Entries that cannot be read are skipped. */
    public List<KeyEntry> load() throws StorageException {
        List<KeyEntry> out = new ArrayList<>();
        if (!root.nodeExists(NODE)) {
            return out;
        }
        ISecurePreferences keys = root.node(NODE);
        for (String name : keys.childrenNames()) {
            ISecurePreferences n = keys.node(name);
            try {
                out.add(new KeyEntry(Long.parseLong(n.get(SPI, "-1")), n.get(PEER, null), n.get(ALGORITHM, ""),
                        n.get(KEY, "")));
            } catch (IllegalArgumentException e) {
                // A damaged entry is left out rather than failing the whole table.
            }
        }
        out.sort(Comparator.comparingLong(KeyEntry::spi).thenComparing(KeyEntry::peerLabel));
        return out;
    }

    /** Replaces the stored table with {@code entries} and writes it to disk. */
    public void save(List<KeyEntry> entries) throws StorageException, IOException {
        if (root.nodeExists(NODE)) {
            root.node(NODE).removeNode();
        }
        ISecurePreferences keys = root.node(NODE);
        int i = 0;
        for (KeyEntry e : entries) {
            ISecurePreferences n = keys.node("sa" + i++);
            n.put(SPI, Long.toString(e.spi()), false);
            n.put(PEER, e.peer() == null ? "" : e.peer(), false);
            n.put(ALGORITHM, e.algorithm(), false);
            n.put(KEY, e.keyHex(), true);
        }
        root.flush();
    }

    /** The stored table as the analysis wants it, or null when it is empty (nothing to verify). */
    public MapKeyTable keyTable() throws StorageException {
        return toKeyTable(load());
    }

    public static MapKeyTable toKeyTable(List<KeyEntry> entries) {
        if (entries.isEmpty()) {
            return null;
        }
        MapKeyTable table = new MapKeyTable();
        for (KeyEntry e : entries) {
            table.add(e.toAssociation());
        }
        return table;
    }

    /** Whether the stored key of the {@code index}-th saved entry is encrypted (tests). */
    boolean keyEncrypted(int index) throws StorageException {
        return root.node(NODE).node("sa" + index).isEncrypted(KEY);
    }
}
