package org.multitunnel.cli;

import java.io.File;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Starts {@code multitunnel agent …} and {@code multitunnel lab tunnel …} in child JVMs for the lab test,
 * independent of which commands {@link Commands} registers. The class path is rebuilt from the code sources of the
 * classes involved (JNA included, for the userspace tunnel), so it also works where the test runs inside OSGi
 * (Tycho) and {@code java.class.path} holds only the framework launcher.
 */
public final class LabAgentLauncher {
    private LabAgentLauncher() {
    }

    public static void main(String[] args) throws Exception {
        List<String> rest = Arrays.asList(args).subList(1, args.length);
        Command c = switch (args[0]) {
            case "agent" -> new AgentCommand();
            case "lab" -> new LabCommand();
            default -> throw new IllegalArgumentException("LabAgentLauncher runs agent or lab, not " + args[0]);
        };
        System.exit(c.run(rest, System.out, System.err));
    }

    static List<String> command() throws URISyntaxException {
        Set<String> cp = new LinkedHashSet<>();
        for (Class<?> c : List.of(LabAgentLauncher.class, AgentCommand.class,
                org.multitunnel.agent.ha.HomeAgent.class, org.multitunnel.wire.mip.MipCodec.class,
                org.multitunnel.capture.CaptureFile.class,
                org.multitunnel.capture.live.tunnel.UserspaceTunnel.class, com.sun.jna.Native.class)) {
            cp.add(Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI()).toString());
        }
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return List.of(java, "--enable-native-access=ALL-UNNAMED", "-cp", String.join(File.pathSeparator, cp),
                LabAgentLauncher.class.getName());
    }
}
