package dev.lvsa.runner.cli;

import dev.lvsa.baselines.cli.ExitCodes;
import dev.lvsa.baselines.cli.PatternCommand;
import dev.lvsa.baselines.cli.VersionProvider;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code lvsa-runner}: the toolkit's main command. Subcommands are registered here, in one place; exit codes
 * (0 ok, 1 failure, 2 usage or bad input, 3 partial batch) are mapped once, by {@link ExitCodes}.
 */
@Command(name = "lvsa-runner", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "Long-video diffusion research toolkit: attention patterns and plans, experiments, reports.",
        subcommands = {
            PatternCommand.class,
        })
public final class RunnerCli implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs the command line and returns its exit code. */
    public static int run(String... args) {
        return newCommandLine().execute(args);
    }

    /** The configured command line: every subcommand, the exit-code mapping. */
    public static CommandLine newCommandLine() {
        return ExitCodes.configure(new CommandLine(new RunnerCli()));
    }

    @Override
    public Integer call() {
        spec.commandLine().getErr().println("lvsa-runner: a subcommand is required (see --help)");
        return ExitCodes.USAGE;
    }
}
