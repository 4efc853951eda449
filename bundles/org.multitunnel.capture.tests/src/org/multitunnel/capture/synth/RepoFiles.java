package org.multitunnel.capture.synth;

import java.nio.file.Files;
import java.nio.file.Path;

/** Finds the repository's {@code test-captures/} by walking up from the working directory (Tycho or devtest). */
final class RepoFiles {
    private RepoFiles() {
    }

    static Path testCaptures() {
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.isDirectory(p.resolve("test-captures")) && Files.isDirectory(p.resolve("bundles"))) {
                return p.resolve("test-captures");
            }
        }
        throw new IllegalStateException("no test-captures/ above " + Path.of("").toAbsolutePath());
    }
}
