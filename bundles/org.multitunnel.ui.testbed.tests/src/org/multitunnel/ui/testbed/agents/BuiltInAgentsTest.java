package org.multitunnel.ui.testbed.agents;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.multitunnel.agent.ha.HaBinding;
import org.multitunnel.agent.ha.HomeAgent;
import org.multitunnel.agent.mn.MnBinding;
import org.multitunnel.ui.prefs.KeyEntry;
import org.multitunnel.ui.prefs.KeyStore;
import org.multitunnel.ui.testbed.TestbedSession;

/**
 * The built-in agents without any UI: the home agent starts and stops on loopback, the built-in key is created
 * once in the (temporary) secure-storage key table and reused, a taken port names a free one, and a mobile node
 * started from the same service registers both care-of addresses with the home agent.
 */
class BuiltInAgentsTest {
    @TempDir
    Path dir;

    private KeyStore store() throws java.io.IOException {
        return KeyStore.open(dir.resolve("keys.secure_storage"), dir.resolve("keys.password"));
    }

    @Test
    void homeAgentStartsAndStopsAndTheBuiltInKeyIsCreatedOnceThenReused() throws Exception {
        try (BuiltInAgents agents = new BuiltInAgents(this::store)) {
            assertTrue(store().load().isEmpty(), "a fresh key table");
            HomeAgent ha = agents.startHomeAgent(HaSettings.defaults().withPort(0));
            int port = ha.localAddress().getPort();
            assertTrue(port > 0);
            assertEquals("127.0.0.1", ha.localAddress().getAddress().getHostAddress());
            List<KeyEntry> keys = store().load();
            assertEquals(1, keys.size());
            KeyEntry key = keys.get(0);
            assertEquals(TestbedSession.BUILT_IN_SPI, key.spi());
            assertNull(key.peer(), "valid for any peer");
            assertEquals("hmac-md5", key.algorithm());
            assertEquals(32, key.keyHex().length(), "16 random bytes");
            assertTrue(agents.status().startsWith("Home agent on 127.0.0.1:" + port), agents.status());

            agents.stopHomeAgent();
            assertNull(agents.homeAgent());
            assertEquals("Home agent stopped · Foreign agent stopped · Mobile node stopped", agents.status());
            try (DatagramSocket s = new DatagramSocket(new InetSocketAddress("127.0.0.1", port))) {
                assertEquals(port, s.getLocalPort(), "the port was released");
            }

            agents.startHomeAgent(HaSettings.defaults().withPort(0));
            assertEquals(List.of(key.keyHex()), store().load().stream().map(KeyEntry::keyHex).toList(),
                    "the second start reuses the stored key");
        }
    }

    @Test
    void aTakenPortIsReportedWithAFreeOneThatWorks() throws Exception {
        try (DatagramSocket taken = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0));
                BuiltInAgents agents = new BuiltInAgents(this::store)) {
            int port = taken.getLocalPort();
            AgentStartException e = assertThrows(AgentStartException.class,
                    () -> agents.startHomeAgent(HaSettings.defaults().withPort(port)));
            assertTrue(e.portInUse());
            assertTrue(e.suggestedPort() > port, "suggested " + e.suggestedPort());
            assertTrue(e.getMessage().startsWith("UDP 127.0.0.1:" + port + " is already in use"), e.getMessage());
            assertTrue(e.getMessage().contains("Port " + e.suggestedPort() + " is free"), e.getMessage());
            assertNull(agents.homeAgent());
            assertTrue(agents.status().startsWith("Home agent not running: UDP 127.0.0.1:" + port), agents.status());

            HomeAgent ha = agents.startHomeAgent(HaSettings.defaults().withPort(e.suggestedPort()));
            assertEquals(e.suggestedPort(), ha.localAddress().getPort());
            assertNull(agents.problem(), "a successful start clears the problem");
        }
    }

    @Test
    void aFailedRestartBringsThePreviousHomeAgentBackAndRecordingCreatesItsDirectory() throws Exception {
        try (DatagramSocket taken = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0));
                BuiltInAgents agents = new BuiltInAgents(this::store)) {
            Path recording = dir.resolve("new/sub/ha.pcapng");
            HaSettings first = HaSettings.defaults().withPort(0).withRecordTo(recording);
            agents.startHomeAgent(first);
            assertTrue(java.nio.file.Files.isRegularFile(recording), "recording file created with its directories");
            AgentStartException e = assertThrows(AgentStartException.class,
                    () -> agents.startHomeAgent(first.withPort(taken.getLocalPort())));
            assertTrue(e.getMessage().endsWith(" The previous home agent was started again."), e.getMessage());
            assertNotNull(agents.homeAgent());
            assertEquals(first, agents.homeAgentSettings());
        }
    }

    @Test
    void mobileNodeRegistersEachCareOfAddressWithTheBuiltInKey() throws Exception {
        try (BuiltInAgents agents = new BuiltInAgents(this::store)) {
            assertThrows(AgentStartException.class, () -> agents.startMobileNode(MnSettings.defaults()),
                    "no home agent yet");
            agents.startHomeAgent(HaSettings.defaults().withPort(0).withDenyMultipath(Set.of("10.1.0.9")));
            agents.startMobileNode(MnSettings.defaults());
            List<HaBinding> b = waitForBindings(agents, 2);
            assertEquals(List.of("10.1.0.5/1/127.0.0.11", "10.1.0.5/2/127.0.0.12"), b.stream()
                    .map(x -> x.homeAddress() + "/" + x.bid() + "/" + x.careOfAddress()).toList());
            assertEquals("rfc7629", b.get(0).extension());
            assertNotNull(agents.mobileNode());
            // the node de-registers what it knows to be registered: wait until it has seen both replies
            long end = System.nanoTime() + 5_000_000_000L;
            while (!agents.mobileNode().bindings().stream().allMatch(m -> m.state() == MnBinding.State.REGISTERED)
                    && System.nanoTime() < end) {
                Thread.sleep(20);
            }

            agents.stopMobileNode();
            assertEquals(0, waitForBindings(agents, 0).size(), "stopping de-registers");
        }
    }

    @Test
    void foreignAgentRelaysTheMobileNodesRegistrations() throws Exception {
        try (BuiltInAgents agents = new BuiltInAgents(this::store)) {
            agents.startHomeAgent(HaSettings.defaults().withPort(0));
            agents.startForeignAgent(new FaSettings("127.0.0.1", 0, true, true, null));
            agents.startMobileNode(new MnSettings("10.1.0.7", List.of("127.0.0.21"), true, 120, true));
            List<HaBinding> b = waitForBindings(agents, 1);
            assertEquals("10.1.0.7", b.get(0).homeAddress());
            assertEquals(1, agents.foreignAgent().visitors().size());
            agents.stopHomeAgent();
            assertNull(agents.foreignAgent(), "the FA and MN stop with the HA they depend on");
            assertNull(agents.mobileNode());
        }
    }

    private static List<HaBinding> waitForBindings(BuiltInAgents agents, int count) throws InterruptedException {
        long end = System.nanoTime() + 5_000_000_000L;
        List<HaBinding> b = agents.bindings();
        while (b.size() != count && System.nanoTime() < end) {
            Thread.sleep(20);
            b = agents.bindings();
        }
        assertEquals(count, b.size(), "bindings " + b);
        return b;
    }
}
