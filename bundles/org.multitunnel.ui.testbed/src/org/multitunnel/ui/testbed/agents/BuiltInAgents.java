package org.multitunnel.ui.testbed.agents;

import java.io.IOException;
import java.net.BindException;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.multitunnel.agent.fa.ForeignAgent;
import org.multitunnel.agent.fa.ForeignAgentConfig;
import org.multitunnel.agent.ha.BindingListener;
import org.multitunnel.agent.ha.HaBinding;
import org.multitunnel.agent.ha.HomeAgent;
import org.multitunnel.agent.mn.ReferenceMobileNode;
import org.multitunnel.agent.mn.MobileNodeConfig;
import org.multitunnel.ui.prefs.KeyEntry;
import org.multitunnel.ui.prefs.KeyStore;
import org.multitunnel.wire.mip.auth.MapKeyTable;

/**
 * The reference home agent, foreign agent and mobile node running inside the workbench, started and stopped from
 * the Agents form — UI-free, so tests drive it directly. Starting the HA first makes sure the built-in key exists
 * ({@link BuiltInKey}) and gives the agent the whole GUI key table. A listen port that is taken becomes an
 * {@link AgentStartException} naming a free port instead. Listeners hear about starts/stops and, re-registered on
 * every new HA, its binding changes; they run on the agents' threads and must hand off to the UI themselves.
 */
public final class BuiltInAgents implements AutoCloseable {
    /** Opens the GUI key table (secure storage); tests give a temporary one. */
    @FunctionalInterface
    public interface KeyStoreOpener {
        KeyStore open() throws IOException;
    }

    private static final int LOG_LINES = 500;
    private static final int PORT_SEARCH = 64;

    private final KeyStoreOpener keys;
    private final List<Runnable> stateListeners = new CopyOnWriteArrayList<>();
    private final List<BindingListener> bindingListeners = new CopyOnWriteArrayList<>();
    private final BindingListener forward = (c, b) -> bindingListeners.forEach(l -> l.bindingChanged(c, b));
    private final Deque<String> log = new ArrayDeque<>();
    /**
     * Serialises starts and stops, which can take a while (a mobile node waits for its de-registration replies);
     * the fields are volatile so the UI reads them without waiting for that lock.
     */
    private final Object lifecycle = new Object();
    private volatile HomeAgent ha;
    private volatile HaSettings haSettings;
    private volatile ForeignAgent fa;
    private volatile ReferenceMobileNode mn;
    private volatile String problem;

    public BuiltInAgents(KeyStoreOpener keys) {
        this.keys = keys;
    }

    public void addStateListener(Runnable l) {
        stateListeners.add(l);
    }

    public void removeStateListener(Runnable l) {
        stateListeners.remove(l);
    }

    /** Binding changes of whichever home agent is running now or later. */
    public void addBindingListener(BindingListener l) {
        bindingListeners.add(l);
    }

    public void removeBindingListener(BindingListener l) {
        bindingListeners.remove(l);
    }

    /** The MN-HA association of the built-in SPI, created on first use. */
    public KeyEntry builtInKey() throws AgentStartException {
        try {
            return BuiltInKey.ensure(keys.open());
        } catch (Exception e) {
            throw new AgentStartException("The key table (secure storage) could not be read or written: "
                    + e.getMessage(), 0, e);
        }
    }

    /** The GUI key table as a lookup table (null when empty), for agents and for verifying replies. */
    public MapKeyTable keyTable() throws AgentStartException {
        try {
            return keys.open().keyTable();
        } catch (Exception e) {
            throw new AgentStartException("The key table (secure storage) could not be read: " + e.getMessage(), 0,
                    e);
        }
    }

    /**
     * Starts the home agent with {@code s}, replacing a running one. When the new settings cannot start, the
     * previous agent (if any) is started again with its settings, so a typo never leaves the testbed without one.
     */
    public HomeAgent startHomeAgent(HaSettings s) throws AgentStartException {
        builtInKey();
        MapKeyTable table = keyTable();
        HomeAgent started;
        synchronized (lifecycle) {
            HaSettings previous = ha == null ? null : haSettings;
            closeHomeAgent();
            try {
                started = open(s, table);
            } catch (AgentStartException e) {
                String restored = "";
                if (previous != null && !previous.equals(s)) {
                    try {
                        install(open(previous, table), previous);
                        restored = " The previous home agent was started again.";
                    } catch (AgentStartException again) {
                        // keep the first problem: it is what the user asked for
                    }
                }
                problem = e.getMessage() + restored;
                fire();
                throw new AgentStartException(problem, e.suggestedPort(), e.getCause());
            }
            install(started, s);
            problem = null;
        }
        fire();
        return started;
    }

    private HomeAgent open(HaSettings s, MapKeyTable table) throws AgentStartException {
        try {
            createParent(s.recordTo());
            return HomeAgent.start(s.toConfig(table));
        } catch (BindException e) {
            int free = freePort(s.host(), s.port());
            throw new AgentStartException(portInUseMessage("home agent", s.host(), s.port()) + suggestion(free),
                    free, e);
        } catch (IOException | RuntimeException e) {
            throw new AgentStartException("The home agent could not start on " + s.host() + ":" + s.port() + ": "
                    + describe(e), 0, e);
        }
    }

    private void install(HomeAgent started, HaSettings s) {
        started.setLog(l -> log("HA: " + l));
        started.addListener(forward);
        haSettings = s;
        ha = started;
        log("home agent listening on " + address(started.localAddress())
                + (s.recordTo() == null ? "" : ", recording to " + s.recordTo()));
    }

    private static void createParent(Path file) throws IOException {
        if (file != null && file.toAbsolutePath().getParent() != null) {
            Files.createDirectories(file.toAbsolutePath().getParent());
        }
    }

    /** An I/O error in words: file errors carry only the path as their message. */
    static String describe(Exception e) {
        if (e instanceof java.nio.file.NoSuchFileException x) {
            return "no such file or directory: " + x.getFile();
        }
        if (e instanceof java.nio.file.AccessDeniedException x) {
            return "permission denied: " + x.getFile();
        }
        if (e instanceof java.nio.file.FileSystemException x) {
            return x.getFile() + ": " + (x.getReason() == null ? e.getClass().getSimpleName() : x.getReason());
        }
        return e.getMessage() == null ? e.toString() : e.getMessage();
    }

    public void stopHomeAgent() {
        synchronized (lifecycle) {
            if (ha == null) {
                return;
            }
            log("home agent stopped");
            closeHomeAgent();
        }
        fire();
    }

    public HomeAgent homeAgent() {
        return ha;
    }

    /** The settings the running home agent was started with, or null. */
    public HaSettings homeAgentSettings() {
        HaSettings s = haSettings;
        return ha == null ? null : s;
    }

    /** The binding table of the running home agent (empty when none runs). */
    public List<HaBinding> bindings() {
        HomeAgent h = homeAgent();
        return h == null ? List.of() : h.bindings();
    }

    /** Starts the foreign agent relaying to the running home agent. */
    public ForeignAgent startForeignAgent(FaSettings s) throws AgentStartException {
        synchronized (lifecycle) {
            if (ha == null) {
                throw new AgentStartException("Start the home agent first: the foreign agent relays to it.", 0, null);
            }
            closeForeignAgent();
            ForeignAgentConfig c = ForeignAgentConfig.builder().listen(new InetSocketAddress(s.host(), s.port()))
                    .homeAgent(ha.localAddress()).multipleTunnelSupport(s.multipleTunnelSupport())
                    .multiInterfaceRoutingSupport(s.multiInterfaceRoutingSupport()).recordTo(s.recordTo()).build();
            try {
                createParent(s.recordTo());
                fa = ForeignAgent.start(c);
            } catch (BindException e) {
                int free = freePort(s.host(), s.port());
                throw new AgentStartException(portInUseMessage("foreign agent", s.host(), s.port())
                        + suggestion(free), free, e);
            } catch (IOException | RuntimeException e) {
                throw new AgentStartException("The foreign agent could not start: " + describe(e), 0, e);
            }
            fa.setLog(l -> log("FA: " + l));
            log("foreign agent listening on " + address(fa.localAddress()) + ", relaying to "
                    + address(ha.localAddress()));
        }
        fire();
        return fa;
    }

    public void stopForeignAgent() {
        synchronized (lifecycle) {
            if (fa == null) {
                return;
            }
            closeForeignAgent();
            log("foreign agent stopped");
        }
        fire();
    }

    public ForeignAgent foreignAgent() {
        return fa;
    }

    /** Starts the mobile node registering with the home agent (or through the foreign agent) and the built-in key. */
    public ReferenceMobileNode startMobileNode(MnSettings s) throws AgentStartException {
        KeyEntry key = builtInKey();
        synchronized (lifecycle) {
            if (ha == null) {
                throw new AgentStartException("Start the home agent first: the mobile node registers with it.", 0,
                        null);
            }
            if (s.viaForeignAgent() && fa == null) {
                throw new AgentStartException("Start the foreign agent first, or register directly with the home "
                        + "agent.", 0, null);
            }
            closeMobileNode();
            InetSocketAddress target = s.viaForeignAgent() ? fa.localAddress() : ha.localAddress();
            MobileNodeConfig.Builder b = MobileNodeConfig.builder().target(target)
                    .homeAgentAddress(ha.localAddress().getAddress().getHostAddress()).homeAddress(s.homeAddress())
                    .securityAssociation(key.toAssociation()).lifetime(s.lifetime()).multipath(s.multipath());
            s.careOfAddresses().forEach(b::careOf);
            try {
                mn = ReferenceMobileNode.start(b.build());
            } catch (IOException | RuntimeException e) {
                throw new AgentStartException("The mobile node could not start: " + describe(e), 0, e);
            }
            mn.setLog(l -> log("MN: " + l));
            log("mobile node " + s.homeAddress() + " registering " + s.careOfAddresses() + " with "
                    + address(target));
        }
        fire();
        return mn;
    }

    public void stopMobileNode() {
        synchronized (lifecycle) {
            if (mn == null) {
                return;
            }
            closeMobileNode();
            log("mobile node stopped (bindings de-registered)");
        }
        fire();
    }

    public ReferenceMobileNode mobileNode() {
        return mn;
    }

    /** Why the last home agent start failed, or null. */
    public String problem() {
        return problem;
    }

    /** One line for the status bar of the Agents part. */
    public String status() {
        HomeAgent h = ha;
        HaSettings hs = haSettings;
        ForeignAgent f = fa;
        String why = problem;
        StringBuilder b = new StringBuilder();
        if (h != null) {
            b.append("Home agent on ").append(address(h.localAddress())).append(": ").append(h.bindings().size())
                    .append(" binding(s), ").append(h.requestCount()).append(" request(s), ")
                    .append(h.acceptedCount()).append(" accepted, ").append(h.rejectedCount()).append(" rejected");
            if (hs != null && hs.recordTo() != null) {
                b.append(", recording to ").append(hs.recordTo().getFileName());
            }
        } else {
            b.append(why != null ? "Home agent not running: " + why : "Home agent stopped");
        }
        b.append(" · Foreign agent ").append(f == null ? "stopped" : "on " + address(f.localAddress()));
        b.append(" · Mobile node ").append(mn == null ? "stopped" : "running");
        return b.toString();
    }

    /** The agents' recent log lines (never key material), oldest first. */
    public synchronized List<String> log() {
        return new ArrayList<>(log);
    }

    private synchronized void log(String line) {
        if (log.size() == LOG_LINES) {
            log.removeFirst();
        }
        log.addLast(line);
    }

    @Override
    public void close() {
        synchronized (lifecycle) {
            closeMobileNode();
            closeForeignAgent();
            closeHomeAgent();
        }
        fire();
    }

    private void closeHomeAgent() {
        closeMobileNode();
        closeForeignAgent();
        if (ha != null) {
            ha.removeListener(forward);
            ha.close();
            ha = null;
        }
    }

    private void closeForeignAgent() {
        if (fa != null) {
            fa.close();
            fa = null;
        }
    }

    private void closeMobileNode() {
        if (mn != null) {
            mn.close();
            mn = null;
        }
    }

    private void fire() {
        stateListeners.forEach(Runnable::run);
    }

    private static String portInUseMessage(String agent, String host, int port) {
        return "UDP " + host + ":" + port + " is already in use (another workbench or 'multitunnel agent' may be "
                + "running there), so the " + agent + " could not start.";
    }

    private static String suggestion(int free) {
        return free > 0 ? " Port " + free + " is free: start it there, or stop the other program." : "";
    }

    /** A UDP port near {@code port} that can be bound on {@code host} now, or 0. */
    static int freePort(String host, int port) {
        for (int p = Math.max(1024, port + 1); p < Math.max(1024, port + 1) + PORT_SEARCH && p <= 0xffff; p++) {
            try (DatagramSocket s = new DatagramSocket(new InetSocketAddress(host, p))) {
                return p;
            } catch (IOException e) {
                // taken: try the next one
            }
        }
        return 0;
    }

    private static String address(InetSocketAddress a) {
        return a.getAddress().getHostAddress() + ":" + a.getPort();
    }
}
