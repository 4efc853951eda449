package org.multitunnel.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.multitunnel.agent.lab.Lab;
import org.multitunnel.agent.lab.LabCapabilities;
import org.multitunnel.agent.lab.LabCase;
import org.multitunnel.agent.lab.Shell;

/**
 * {@code multitunnel lab} for real: namespaces, veth links, the reference agents as child processes, registration
 * of both care-of addresses through their own links, traffic captured on the home agent, and a clean teardown.
 * Needs root (as CI runs); kernel tunnel devices are optional and the lab reports their absence.
 */
class LabCommandTest {
    @Test
    void upCase1RegistersBothCareOfAddressesCapturesTrafficAndDownRemovesEverything(@TempDir Path dir)
            throws Exception {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(buf, true, StandardCharsets.UTF_8);
        Lab lab = new Lab(Shell.system(), dir, LabAgentLauncher.command(), out);
        LabCapabilities caps = lab.probe();
        assertTrue(caps.netns() && caps.veth(), "the lab test needs root and network namespaces: " + caps.detail());
        int up;
        try {
            up = lab.up(LabCase.case1());
        } finally {
            out.flush();
        }
        String text = buf.toString(StandardCharsets.UTF_8);
        try {
            assertEquals(0, up, text);
            assertTrue(text.contains("bindings registered: [10.201.1.2, 10.201.2.2]"), text);
            assertTrue(text.contains(caps.tunnels() ? "tunnel per binding installed" : "kernel tunnels unavailable"),
                    text);
            // 10 datagrams of 200 bytes (228 with IPv4 + UDP headers) per link, plus that link's registration
            for (String coa : List.of("10.201.1.2", "10.201.2.2")) {
                assertTrue(text.matches("(?s).*captured on the home agent from " + coa.replace(".", "\\.")
                        + ": 1[1-9] packets.*"), text);
            }
            assertTrue(Files.size(dir.resolve("ha-signalling.pcapng")) > 0);
            assertTrue(lab.status().contains("namespace mt-mn present"));
        } finally {
            assertEquals(0, lab.down());
        }
        Shell.Result ns = Shell.system().run(List.of("ip", "netns", "list"));
        assertFalse(ns.output().contains("mt-ha") || ns.output().contains("mt-mn"), ns.output());
        assertEquals("lab is not up\n", lab.status());
    }

    @Test
    void labRejectsUnknownCasesAndActions(@TempDir Path dir) {
        PrintStream sink = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
        assertThrows(UsageException.class, () -> new LabCommand().run(List.of("up", "case9", "--state-dir",
                dir.toString()), sink, sink));
        assertThrows(UsageException.class, () -> new LabCommand().run(List.of("sideways"), sink, sink));
        assertThrows(UsageException.class, () -> new LabCommand().run(List.of(), sink, sink));
    }
}
