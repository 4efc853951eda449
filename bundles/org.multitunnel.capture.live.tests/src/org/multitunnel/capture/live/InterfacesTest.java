package org.multitunnel.capture.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.multitunnel.capture.live.internal.Libpcap;

/** Interface listing through libpcap, and that libpcap was loaded from the path we resolved. */
class InterfacesTest {
    @Test
    void listIncludesLoopbackUpWith127001() throws Exception {
        List<LiveInterface> all = Interfaces.list();
        LiveInterface lo = all.stream().filter(i -> i.name().equals("lo")).findFirst()
                .orElseThrow(() -> new AssertionError("no lo in " + all));
        assertTrue(lo.loopback());
        assertTrue(lo.up());
        assertTrue(lo.addresses().contains(InetAddress.getByName("127.0.0.1")), lo.addresses().toString());
        assertEquals(lo, Interfaces.find("lo").orElseThrow());
        assertTrue(Interfaces.find("mtnosuch0").isEmpty());
    }

    @Test
    void libpcapIsLoadedFromTheResolvedFullPath() throws Exception {
        assertTrue(Interfaces.libpcapVersion().startsWith("libpcap version"), Interfaces.libpcapVersion());
        String lib = System.getProperty(Libpcap.LIB_NAME_PROPERTY);
        assertTrue(lib != null && Path.of(lib).isAbsolute() && Files.isRegularFile(Path.of(lib)), "property: " + lib);
        assertTrue(Path.of(lib).getFileName().toString().startsWith("libpcap.so"), lib);
    }
}
