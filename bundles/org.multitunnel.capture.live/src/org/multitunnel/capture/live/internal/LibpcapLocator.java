package org.multitunnel.capture.live.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Finds libpcap's full path on Linux. pcap4j asks JNA for the bare name "pcap", i.e. libpcap.so, which only the
 * -dev package provides; Debian's runtime package libpcap0.8 ships libpcap.so.0.8 and libpcap.so.1.x. JNA's own
 * fallback search varies with the class loader (OSGi), so we resolve the path ourselves and hand it to pcap4j
 * through its system property {@code org.pcap4j.core.pcapLibName}.
 */
public final class LibpcapLocator {
    /** Directories searched in order (Debian multiarch first). */
    public static final List<Path> DEFAULT_DIRS = defaultDirs();

    private LibpcapLocator() {
    }

    /**
     * The first libpcap found in {@code dirs}: libpcap.so, then libpcap.so.1, libpcap.so.0.8, then the highest
     * versioned libpcap.so.N.N.N.
     */
    public static Optional<Path> find(List<Path> dirs) {
        for (String name : List.of("libpcap.so", "libpcap.so.1", "libpcap.so.0.8")) {
            for (Path d : dirs) {
                Path p = d.resolve(name);
                if (Files.isRegularFile(p)) { // follows symlinks: a dangling link does not count
                    return Optional.of(p);
                }
            }
        }
        for (Path d : dirs) {
            Optional<Path> versioned = highestVersioned(d);
            if (versioned.isPresent()) {
                return versioned;
            }
        }
        return Optional.empty();
    }

    private static Optional<Path> highestVersioned(Path dir) {
        if (!Files.isDirectory(dir)) {
            return Optional.empty();
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.getFileName().toString().matches("libpcap\\.so\\.[0-9][0-9.]*"))
                    .filter(Files::isRegularFile)
                    .max(Comparator.comparing(p -> versionKey(p.getFileName().toString())));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** "libpcap.so.1.10.3" → zero-padded "00001.00010.00003" so that string order is version order. */
    static String versionKey(String fileName) {
        StringBuilder b = new StringBuilder();
        for (String part : fileName.substring("libpcap.so.".length()).split("\\.")) {
            if (!part.isEmpty()) {
                b.append(String.format("%05d.", Integer.parseInt(part.length() > 5 ? part.substring(0, 5) : part)));
            }
        }
        return b.toString();
    }

    private static List<Path> defaultDirs() {
        List<Path> dirs = new ArrayList<>();
        String arch = switch (System.getProperty("os.arch", "")) {
            case "amd64", "x86_64" -> "x86_64-linux-gnu";
            case "aarch64", "arm64" -> "aarch64-linux-gnu";
            case "arm" -> "arm-linux-gnueabihf";
            case "ppc64le" -> "powerpc64le-linux-gnu";
            case "s390x" -> "s390x-linux-gnu";
            case "riscv64" -> "riscv64-linux-gnu";
            default -> null;
        };
        if (arch != null) {
            dirs.add(Path.of("/usr/lib", arch));
            dirs.add(Path.of("/lib", arch));
        }
        for (String d : List.of("/usr/lib64", "/lib64", "/usr/lib", "/lib", "/usr/local/lib")) {
            dirs.add(Path.of(d));
        }
        return List.copyOf(dirs);
    }
}
