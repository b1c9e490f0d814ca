package dev.lvsa.runner.cli;

import dev.lvsa.baselines.cli.PatternCommand;
import dev.lvsa.common.CliErrors;
import dev.lvsa.common.ExitCodes;
import dev.lvsa.common.VersionProvider;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code lvsa-runner}: the toolkit's main command. Subcommands are registered here, in one place; exit codes
 * (0 ok, 1 failure, 2 usage or bad input, 3 partial batch) are mapped once, by {@link CliErrors}.
 */
@Command(
        name = "lvsa-runner",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "Long-video diffusion research toolkit: attention patterns and plans, experiments, reports.",
        subcommands = {
            PatternCommand.class,
            RunCommand.class,
            StatusCommand.class,
            ExportCommand.class,
            CollectCommand.class,
            ReportCommand.class,
        })
public final class RunnerCli implements Callable<Integer>, VersionProvider.Details {
    @Spec
    CommandSpec spec;

    public static void main(String[] args) {
        quietSlf4jFallback();
        System.exit(run(args));
    }

    /**
     * The toolkit logs nothing through SLF4J, but a library does (the JSON Schema validator). With no SLF4J provider
     * on the classpath, SLF4J would print a three-line "no providers" warning on stderr, where the user expects
     * only the command's own messages; keep it quiet unless the user configured SLF4J or added a provider.
     */
    static void quietSlf4jFallback() {
        if (System.getProperty("slf4j.internal.verbosity") == null
                && RunnerCli.class.getClassLoader().getResource("META-INF/services/org.slf4j.spi.SLF4JServiceProvider")
                        == null) {
            System.setProperty("slf4j.internal.verbosity", "ERROR");
        }
    }

    /** Runs the command line and returns its exit code. */
    public static int run(String... args) {
        return newCommandLine().execute(args);
    }

    /** The configured command line: every subcommand, the exit-code mapping. */
    public static CommandLine newCommandLine() {
        return CliErrors.install(new CommandLine(new RunnerCli()));
    }

    @Override
    public String versionDetails() {
        return PatternCommand.VERSION_DETAILS;
    }

    @Override
    public Integer call() {
        spec.commandLine().getErr().println("lvsa-runner: a subcommand is required (see --help)");
        return ExitCodes.USAGE;
    }
}
