package org.multitunnel.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;

import org.multitunnel.agent.net.Ipv4;
import org.multitunnel.wire.Hex;
import org.multitunnel.wire.mip.auth.AuthAlgorithm;
import org.multitunnel.wire.mip.auth.AuthAlgorithms;
import org.multitunnel.wire.mip.auth.MapKeyTable;
import org.multitunnel.wire.mip.auth.SecurityAssociation;

/**
 * Mobility security associations from the command line, the same for every command that takes keys (agent, send,
 * replay, conformance, analyze, load). A key given literally as {@code --key SPI:HEXKEY} can be read by every local
 * user in {@code ps} and {@code /proc/PID/cmdline}, so it still works but warns; the ways that keep it private are
 * {@code --key-file FILE} (checked for mode 0600/0400, as ssh checks private keys), {@code --key-env VAR} (the
 * variable holds what {@code --key} takes) and {@code --key -} (read from standard input).
 *
 * <p>Key bytes never reach stdout, stderr, logs or exception messages, and neither does any field of a bad line:
 * with columns swapped the "SPI" or "algorithm" may be the key, so errors name the field's position, never its text.
 *
 * <p>Key file format, one association per line, {@code #} starts a comment:
 * <pre>
 * SPI  HEXKEY  [ALGORITHM [PEER]]      ALGORITHM: hmac-md5 (default) or keyed-md5; PEER: dotted IPv4
 * 256  00112233445566778899aabbccddeeff
 * 257  0102030405060708090a0b0c0d0e0f10  keyed-md5  10.1.0.5
 * </pre>
 */
public final class KeyOptions {
    /** The options every key-taking command accepts (all repeatable); {@code analyze --keys} is a key-file alias. */
    public static final Set<String> OPTIONS = Set.of("key", "key-file", "key-env");

    /** At most this much of standard input is read for {@code --key -} (a key table, not a stream). */
    private static final int STDIN_LIMIT = 1 << 20;
    private static final Set<PosixFilePermission> OTHERS = EnumSet.of(PosixFilePermission.GROUP_READ,
            PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_EXECUTE, PosixFilePermission.OTHERS_READ,
            PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_EXECUTE);

    /** Where keys come from besides the command line; tests replace it with {@link #using}. */
    record Sources(InputStream stdin, Function<String, String> env) {
        static Sources system() {
            return new Sources(System.in, System::getenv);
        }
    }

    private static volatile Sources sources = Sources.system();

    /** The associations a command was given, in order: every --key, then every --key-env, then every key file. */
    public record Keys(List<SecurityAssociation> associations) {
        public boolean isEmpty() {
            return associations.isEmpty();
        }

        /** The first association (commands that use one key), or null. */
        public SecurityAssociation first() {
            return associations.isEmpty() ? null : associations.get(0);
        }

        public MapKeyTable table() {
            MapKeyTable t = new MapKeyTable();
            associations.forEach(t::add);
            return t;
        }
    }

    private KeyOptions() {
    }

    /**
     * Reads the keys of {@code --key} (literal, or {@code -} for standard input), {@code --key-env} and
     * {@code --key-file} (plus {@code extraFiles}, e.g. {@code analyze --keys}). {@code values} gives every value of
     * an option by name, e.g. {@code CommandArgs::all}.
     *
     * @throws UsageException a bad or missing value on the command line (64)
     * @throws CliException   a key file that is missing or unreadable (66) or has a bad line (65)
     */
    public static Keys read(Function<String, List<String>> values, List<String> extraFiles, PrintStream err)
            throws UsageException, CliException {
        return read("--key", values.apply("key"), values.apply("key-env"), concat(values.apply("key-file"), extraFiles),
                err);
    }

    /**
     * The same for another key option family, e.g. {@code --fa-ha-key}, {@code --fa-ha-key-env},
     * {@code --fa-ha-key-file}; {@code option} names the literal option in messages.
     */
    public static Keys read(String option, List<String> literal, List<String> envs, List<String> files,
            PrintStream err) throws UsageException, CliException {
        return read(option, literal, k -> true, envs, files, err);
    }

    /**
     * As {@link #read(String, List, List, List, PrintStream)}, warning only about the literal keys for which
     * {@code onCommandLine} is true (an agent's {@code --config} file may hold {@code key = ...} privately).
     */
    static Keys read(String option, List<String> literal, Predicate<String> onCommandLine, List<String> envs,
            List<String> files, PrintStream err) throws UsageException, CliException {
        List<SecurityAssociation> out = new ArrayList<>();
        boolean warned = false;
        for (String k : literal) {
            if (k.equals("-")) {
                out.addAll(fromStdin(option));
                continue;
            }
            out.add(parseKey(k, option));
            if (!warned && onCommandLine.test(k)) {
                err.println("warning: " + option + " on the command line can be read by other local users (ps,"
                        + " /proc/PID/cmdline); use " + option + "-file FILE, " + option + "-env VAR or " + option
                        + " - (standard input)");
                warned = true;
            }
        }
        for (String var : envs) {
            out.addAll(fromEnv(var, option));
        }
        for (String f : files) {
            out.addAll(loadFile(f, option + "-file", err));
        }
        return new Keys(List.copyOf(out));
    }

    /** Parses {@code SPI:HEXKEY} into an HMAC-MD5 association valid for any peer. */
    public static SecurityAssociation parseKey(String spec) throws UsageException {
        return parseKey(spec, "--key");
    }

    private static SecurityAssociation parseKey(String spec, String what) throws UsageException {
        int colon = spec.indexOf(':');
        if (colon <= 0 || colon == spec.length() - 1) {
            throw new UsageException(what + " wants SPI:HEXKEY (the value is not echoed)");
        }
        Long spi = spi(spec.substring(0, colon));
        if (spi == null) {
            throw new UsageException(what + ": the SPI before ':' is not a number from 0 to 4294967295 (the value is"
                    + " not echoed)");
        }
        byte[] key = hex(spec.substring(colon + 1));
        if (key == null) {
            throw new UsageException(what + ": the key after ':' is not an even number of hexadecimal digits (the"
                    + " value is not echoed)");
        }
        return SecurityAssociation.hmacMd5(spi, key);
    }

    private static List<SecurityAssociation> fromStdin(String option) throws UsageException {
        String text;
        try {
            byte[] b = sources.stdin().readNBytes(STDIN_LIMIT + 1);
            if (b.length > STDIN_LIMIT) {
                throw new UsageException(option + " - : standard input holds more than a key table");
            }
            text = new String(b, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UsageException(option + " - : cannot read standard input: " + e.getMessage());
        }
        List<SecurityAssociation> out = tokens(text, option + " - (standard input)");
        if (out.isEmpty()) {
            throw new UsageException(option + " - : standard input holds no SPI:HEXKEY (it can be read once: give '-'"
                    + " to one option only)");
        }
        return out;
    }

    private static List<SecurityAssociation> fromEnv(String var, String option) throws UsageException {
        String v = sources.env().apply(var);
        if (v == null || v.isBlank()) {
            throw new UsageException(option + "-env " + var + ": the variable is not set");
        }
        return tokens(v, option + "-env " + var);
    }

    /** {@code SPI:HEXKEY} words separated by white space or commas; {@code #} comments to the end of a line. */
    private static List<SecurityAssociation> tokens(String text, String what) throws UsageException {
        List<SecurityAssociation> out = new ArrayList<>();
        for (String line : text.split("\\R")) {
            int hash = line.indexOf('#');
            for (String w : (hash >= 0 ? line.substring(0, hash) : line).split("[\\s,]+")) {
                if (!w.isEmpty()) {
                    out.add(parseKey(w, what));
                }
            }
        }
        return out;
    }

    /** Loads a key file into {@code table}; warns on {@code err} when others may read it. */
    public static void loadFile(Path file, MapKeyTable table, PrintStream err) throws CliException {
        loadFile(file.toString(), "--key-file", err).forEach(table::add);
    }

    private static List<SecurityAssociation> loadFile(String name, String option, PrintStream err)
            throws CliException {
        Path file;
        try {
            file = Path.of(name);
        } catch (InvalidPathException e) {
            throw new CliException(Sysexits.NOINPUT, option + " '" + name + "' is not a valid path");
        }
        List<String> lines;
        try {
            if (Files.isDirectory(file)) {
                throw new CliException(Sysexits.NOINPUT, option + " " + file + ": is a directory, not a file");
            }
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new CliException(Sysexits.NOINPUT, option + " " + file + ": no such file");
        } catch (AccessDeniedException e) {
            throw new CliException(Sysexits.NOINPUT, option + " " + file + ": permission denied");
        } catch (java.nio.charset.CharacterCodingException e) {
            throw new CliException(Sysexits.DATAERR, option + " " + file + ": not a text file");
        } catch (IOException e) {
            throw new CliException(Sysexits.IOERR, option + " " + file + ": cannot be read");
        }
        warnIfReadableByOthers(file, err);
        List<SecurityAssociation> out = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            int hash = line.indexOf('#');
            String text = (hash >= 0 ? line.substring(0, hash) : line).trim();
            if (!text.isEmpty()) {
                out.add(line(text, option + " " + file + ":" + (i + 1) + ": "));
            }
        }
        return out;
    }

    /** One key-file line; messages name fields by position only, never by content. */
    private static SecurityAssociation line(String text, String where) throws CliException {
        String[] f = text.split("\\s+");
        if (f.length < 2 || f.length > 4) {
            throw new CliException(Sysexits.DATAERR, where + "expected SPI HEXKEY [ALGORITHM [PEER]], found "
                    + f.length + " fields");
        }
        Long spi = spi(f[0]);
        if (spi == null) {
            throw new CliException(Sysexits.DATAERR, where + "field 1 (SPI) is not a number from 0 to 4294967295");
        }
        byte[] key = hex(f[1]);
        if (key == null) {
            throw new CliException(Sysexits.DATAERR, where + "field 2 (key) is not an even number of hexadecimal"
                    + " digits");
        }
        AuthAlgorithm alg = f.length >= 3 ? AuthAlgorithms.byName(f[2]) : AuthAlgorithms.HMAC_MD5;
        if (alg == null) {
            throw new CliException(Sysexits.DATAERR, where + "field 3 (algorithm) is neither hmac-md5 nor keyed-md5");
        }
        String peer = null;
        if (f.length == 4) {
            try {
                peer = Ipv4.parse(f[3]).getHostAddress();
            } catch (IllegalArgumentException e) {
                throw new CliException(Sysexits.DATAERR, where + "field 4 (peer) is not a dotted IPv4 address");
            }
        }
        return new SecurityAssociation(spi, peer, alg, key);
    }

    /**
     * Warns when a file holding keys can be read (or written) by group or others: anything but an owner-only mode
     * such as 0600 or 0400.
     */
    static void warnIfReadableByOthers(Path file, PrintStream err) {
        try {
            Set<PosixFilePermission> p = Files.getPosixFilePermissions(file);
            if (p.stream().anyMatch(OTHERS::contains)) {
                err.printf("warning: key file %s is not private to its owner (mode %s: group or others have"
                        + " access); chmod 600 %s%n", file, mode(p), file);
            }
        } catch (UnsupportedOperationException | IOException e) {
            // not a POSIX file system (or gone meanwhile): nothing to check
        }
    }

    private static String mode(Set<PosixFilePermission> p) {
        int m = 0;
        for (PosixFilePermission x : p) {
            m |= 1 << (8 - x.ordinal()); // OWNER_READ is ordinal 0 = 0400 ... OTHERS_EXECUTE ordinal 8 = 0001
        }
        return String.format("%04o", m);
    }

    private static Long spi(String s) {
        if (s.isEmpty() || s.length() > 10 || !s.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return null;
        }
        long v = Long.parseLong(s);
        return v > 0xffffffffL ? null : v;
    }

    private static byte[] hex(String s) {
        try {
            byte[] k = Hex.decode(s);
            return k.length == 0 ? null : k;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> l = new ArrayList<>(a);
        l.addAll(b);
        return l;
    }

    /** Runs {@code body} with other standard input and environment (tests). */
    static <T> T using(Sources s, java.util.concurrent.Callable<T> body) throws Exception {
        Sources before = sources;
        sources = s;
        try {
            return body.call();
        } finally {
            sources = before;
        }
    }
}
