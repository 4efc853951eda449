package org.multitunnel.wire.mip;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import org.multitunnel.wire.Hex;

/** Loads the crafted Mobile IPv4 vectors in data/mip/vectors.txt (name, hex payload per line). */
final class MipVectors {
    static final Path FILE = Path.of("data", "mip", "vectors.txt");
    /** Key and SPI the vectors' MN-HA authenticators were computed with (see data/mip/genvectors.py). */
    static final byte[] KEY = Hex.decode("000102030405060708090a0b0c0d0e0f");
    static final long SPI = 256;

    private MipVectors() {
    }

    static Map<String, byte[]> all() {
        if (!Files.isRegularFile(FILE)) {
            throw new IllegalStateException("test vectors missing: " + FILE.toAbsolutePath()
                    + " (tests run from the test bundle directory)");
        }
        Map<String, byte[]> out = new LinkedHashMap<>();
        try {
            for (String line : Files.readAllLines(FILE)) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] p = line.trim().split("\\s+", 2);
                out.put(p[0], Hex.decode(p[1]));
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + FILE, e);
        }
        return out;
    }

    static byte[] get(String name) {
        byte[] b = all().get(name);
        if (b == null) {
            throw new IllegalStateException("no vector named " + name + " in " + FILE);
        }
        return b;
    }
}
