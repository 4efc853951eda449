package org.multitunnel.capture;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** Locates the public test captures (tests run with the test bundle as working directory, as under Tycho). */
final class PublicCaptures {
    static final Path ROOT = Path.of("../../test-captures/public");

    private PublicCaptures() {
    }

    static Path file(String relative) {
        Path p = ROOT.resolve(relative);
        if (!Files.isRegularFile(p)) {
            throw new IllegalStateException("public test capture missing: " + p.toAbsolutePath());
        }
        return p;
    }

    /** Every capture under the public folder (README files excluded), sorted. */
    static List<Path> all() {
        if (!Files.isDirectory(ROOT)) {
            throw new IllegalStateException("public test captures missing: " + ROOT.toAbsolutePath());
        }
        try (Stream<Path> s = Files.walk(ROOT)) {
            return s.filter(Files::isRegularFile).filter(p -> !p.getFileName().toString().endsWith(".md")).sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
