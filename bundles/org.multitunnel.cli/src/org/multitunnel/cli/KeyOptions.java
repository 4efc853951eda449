package org.multitunnel.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.List;
import java.util.Set;

import org.multitunnel.wire.Hex;
import org.multitunnel.wire.mip.auth.AuthAlgorithm;
import org.multitunnel.wire.mip.auth.AuthAlgorithms;
import org.multitunnel.wire.mip.auth.MapKeyTable;
import org.multitunnel.wire.mip.auth.SecurityAssociation;

/**
 * Mobility security associations from the command line: {@code --key SPI:HEXKEY} (HMAC-MD5, any peer) and key
 * files the user owns. Key bytes never reach stdout, stderr or logs; a key file readable by group or others gets a
 * warning, as ssh does for private keys.
 *
 * <p>Key file format, one association per line, {@code #} starts a comment:
 * <pre>
 * SPI  HEXKEY  [ALGORITHM [PEER]]      ALGORITHM: hmac-md5 (default) or keyed-md5; PEER: dotted IPv4
 * 256  00112233445566778899aabbccddeeff
 * 257  0102030405060708090a0b0c0d0e0f10  keyed-md5  10.1.0.5
 * </pre>
 */
public final class KeyOptions {
    private KeyOptions() {
    }

    /** Parses {@code SPI:HEXKEY} into an HMAC-MD5 association valid for any peer. */
    public static SecurityAssociation parseKey(String spec) throws UsageException {
        int colon = spec.indexOf(':');
        if (colon <= 0 || colon == spec.length() - 1) {
            throw new UsageException("--key wants SPI:HEXKEY (the key itself is not echoed)");
        }
        long spi = parseSpi(spec.substring(0, colon));
        return SecurityAssociation.hmacMd5(spi, parseHex(spec.substring(colon + 1)));
    }

    /** Loads a key file into {@code table}; warns on {@code err} when others may read it. */
    public static void loadFile(Path file, MapKeyTable table, PrintStream err) throws IOException, UsageException {
        warnIfReadableByOthers(file, err);
        List<String> lines = Files.readAllLines(file);
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            int hash = line.indexOf('#');
            String text = (hash >= 0 ? line.substring(0, hash) : line).trim();
            if (text.isEmpty()) {
                continue;
            }
            String[] f = text.split("\\s+");
            if (f.length < 2 || f.length > 4) {
                throw new UsageException(file + ":" + (i + 1) + ": expected SPI HEXKEY [ALGORITHM [PEER]]");
            }
            AuthAlgorithm alg = f.length >= 3 ? AuthAlgorithms.byName(f[2]) : AuthAlgorithms.HMAC_MD5;
            if (alg == null) {
                throw new UsageException(file + ":" + (i + 1) + ": unknown algorithm '" + f[2]
                        + "' (hmac-md5 or keyed-md5)");
            }
            try {
                table.add(new SecurityAssociation(parseSpi(f[0]), f.length == 4 ? f[3] : null, alg, parseHex(f[1])));
            } catch (UsageException e) {
                throw new UsageException(file + ":" + (i + 1) + ": " + e.getMessage());
            }
        }
    }

    static void warnIfReadableByOthers(Path file, PrintStream err) throws IOException {
        try {
            Set<PosixFilePermission> p = Files.getPosixFilePermissions(file);
            if (p.contains(PosixFilePermission.GROUP_READ) || p.contains(PosixFilePermission.OTHERS_READ)) {
                err.println("warning: key file " + file + " is readable by others; chmod 600 " + file);
            }
        } catch (UnsupportedOperationException e) {
            // not a POSIX file system: nothing to check
        }
    }

    private static long parseSpi(String s) throws UsageException {
        try {
            long spi = Long.parseLong(s.trim());
            if (spi < 0 || spi > 0xffffffffL) {
                throw new UsageException("SPI " + s + " is not a 32-bit unsigned number");
            }
            return spi;
        } catch (NumberFormatException e) {
            throw new UsageException("SPI '" + s + "' is not a number");
        }
    }

    private static byte[] parseHex(String s) throws UsageException {
        try {
            byte[] k = Hex.decode(s);
            if (k.length == 0) {
                throw new UsageException("empty key");
            }
            return k;
        } catch (IllegalArgumentException e) {
            throw new UsageException("key is not hexadecimal (" + e.getMessage() + ")");
        }
    }
}
