package dev.lvsa.datasets.cli;

import dev.lvsa.common.CliErrors;
import dev.lvsa.common.ExitCodes;
import dev.lvsa.common.VersionProvider;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/** {@code lvsa-datasets}: dataset tools. Exit codes: 0 ok, 1 failure, 2 usage error. */
@Command(
        name = "lvsa-datasets",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "Dataset tools of lvsa-toolkit.",
        subcommands = {SynthCommand.class, ValidateCommand.class},
        footer = {"", "Exit codes: 0 ok, 1 failure, 2 usage error."})
public final class DatasetsCli implements java.util.concurrent.Callable<Integer> {

    @Spec
    CommandSpec spec;

    /** Read by {@link CliErrors}, which prints a failure's stack trace with it; every subcommand takes it. */
    @Option(
            names = {"-v", "--verbose"},
            scope = ScopeType.INHERIT,
            description = "Show the stack trace of an error.")
    boolean verbose;

    public static void main(String[] args) {
        System.exit(run(args));
    }

    public static int run(String... args) {
        return CliErrors.install(new CommandLine(new DatasetsCli()), CliErrors.Prefix.PROGRAM, null)
                .execute(args);
    }

    @Override
    public Integer call() {
        spec.commandLine()
                .getErr()
                .println("lvsa-datasets: a subcommand is required: "
                        + String.join(", ", spec.commandLine().getSubcommands().keySet())
                        + " (see lvsa-datasets --help)");
        return ExitCodes.USAGE;
    }
}
