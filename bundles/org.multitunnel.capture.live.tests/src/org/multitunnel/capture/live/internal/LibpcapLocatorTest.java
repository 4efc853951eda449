package org.multitunnel.capture.live.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Finding libpcap when only the runtime package (libpcap0.8: libpcap.so.0.8, libpcap.so.1.x) is installed. */
class LibpcapLocatorTest {
    @TempDir
    Path dir;

    private Path touch(Path d, String name) throws IOException {
        Files.createDirectories(d);
        return Files.writeString(d.resolve(name), "ELF?");
    }

    @Test
    void debianRuntimePackageLayoutResolvesToSo08() throws IOException {
        Path multiarch = dir.resolve("usr/lib/x86_64-linux-gnu");
        Path real = touch(multiarch, "libpcap.so.1.10.3");
        Files.createSymbolicLink(multiarch.resolve("libpcap.so.0.8"), real.getFileName());
        assertEquals(Optional.of(multiarch.resolve("libpcap.so.0.8")),
                LibpcapLocator.find(List.of(dir.resolve("lib"), multiarch)));
    }

    @Test
    void theDevSymlinkWinsWhenPresent() throws IOException {
        Path a = dir.resolve("a");
        Path b = dir.resolve("b");
        touch(a, "libpcap.so.0.8");
        Path dev = touch(b, "libpcap.so");
        assertEquals(Optional.of(dev), LibpcapLocator.find(List.of(a, b)));
    }

    @Test
    void otherwiseTheHighestVersionedFile() throws IOException {
        touch(dir, "libpcap.so.1.9.1");
        Path newest = touch(dir, "libpcap.so.1.10.3");
        touch(dir, "libpcap.so.1.2");
        touch(dir, "libpcapng.so.2");
        assertEquals(Optional.of(newest), LibpcapLocator.find(List.of(dir)));
    }

    @Test
    void danglingLinksAndMissingDirectoriesAreIgnored() throws IOException {
        Files.createSymbolicLink(dir.resolve("libpcap.so"), dir.resolve("gone"));
        assertTrue(LibpcapLocator.find(List.of(dir, dir.resolve("nope"))).isEmpty());
    }

    @Test
    void versionKeyOrdersNumerically() {
        assertTrue(key("libpcap.so.1.10.3").compareTo(key("libpcap.so.1.9.9")) > 0);
        assertTrue(key("libpcap.so.1").compareTo(key("libpcap.so.0.8")) > 0);
    }

    private static String key(String fileName) {
        return LibpcapLocator.versionKey(fileName);
    }

    @Test
    void thisMachineHasALibpcapInTheDefaultDirectories() {
        Optional<Path> p = LibpcapLocator.find(LibpcapLocator.DEFAULT_DIRS);
        assertTrue(p.isPresent(), "libpcap not found in " + LibpcapLocator.DEFAULT_DIRS
                + ": install the Debian package libpcap0.8");
        assertTrue(Files.isRegularFile(p.get()));
    }
}
