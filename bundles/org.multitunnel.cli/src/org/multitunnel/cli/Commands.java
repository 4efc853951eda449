package org.multitunnel.cli;

import java.util.List;

/** The registered subcommands, in the order {@code --help} lists them. */
public final class Commands {
    private Commands() {
    }

    public static List<Command> all() {
        return List.of(new DecodeCommand(), new AnalyzeCommand(), new BenchCommand(), new SynthCommand(),
                new AgentCommand(), new SendCommand(), new ReplayCommand(), new ConformanceCommand(), new LoadCommand(),
                new LabCommand());
    }
}
