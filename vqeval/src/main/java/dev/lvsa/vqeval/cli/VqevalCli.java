package dev.lvsa.vqeval.cli;

import dev.lvsa.common.CliErrors;
import dev.lvsa.common.ExitCodes;
import dev.lvsa.common.OutputException;
import dev.lvsa.common.VersionProvider;
import dev.lvsa.vqeval.api.VideoException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code vqeval}: score videos for loops, freezes, dynamics, similarity, quality and coherence. */
@Command(
        name = "vqeval",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "Scores videos 0-100 on loop_quality, temporal_dynamics, frame_similarity, spatial_quality "
                + "and temporal_coherence, with a weighted composite.",
        footer = {"", "Exit codes: 0 ok, 1 failure, 2 usage error or bad input, 3 batch with failed videos."})
public final class VqevalCli implements java.util.concurrent.Callable<Integer> {

    @Spec
    CommandSpec spec;

    public static void main(String[] args) {
        dev.lvsa.vqeval.NativePreload.start();
        int code = run(args);
        if (code == 0) {
            dev.lvsa.vqeval.NativePreload.recordLoadedLibraries();
        }
        System.exit(code);
    }

    /** Runs the CLI and returns its exit code (for tests). */
    public static int run(String... args) {
        return commandLine(args.length > 0 ? args[0] : null).execute(args);
    }

    /** Subcommand name -> its class, in help order. */
    private static final java.util.Map<String, Class<?>> SUBCOMMANDS = new java.util.LinkedHashMap<>();

    static {
        SUBCOMMANDS.put("evaluate", EvaluateCommand.class);
        SUBCOMMANDS.put("batch", BatchCommand.class);
        SUBCOMMANDS.put("calibrate", CalibrateCommand.class);
        SUBCOMMANDS.put("validate", ValidateCommand.class);
        SUBCOMMANDS.put("bench", BenchCommand.class);
    }

    /** The full command line, every subcommand included. */
    public static CommandLine commandLine() {
        return commandLine(null);
    }

    /**
     * The command line for a run whose first argument is {@code first}: when it names a subcommand, only
     * that one is modelled (picocli builds each model by reflection, a noticeable share of start-up);
     * otherwise (help, version, mistakes) all are.
     */
    static CommandLine commandLine(String first) {
        CommandLine cl = new CommandLine(new VqevalCli());
        for (java.util.Map.Entry<String, Class<?>> e : SUBCOMMANDS.entrySet()) {
            if (first == null || !SUBCOMMANDS.containsKey(first) || first.equals(e.getKey())) {
                cl.addSubcommand(e.getKey(), e.getValue());
            }
        }
        // every subcommand's --help ends with the exit codes, as the root's does (unless it states its own); a video
        // that cannot be evaluated and an output that cannot be written are the user's to fix: one line, exit 2
        return CliErrors.install(
                cl,
                CliErrors.Prefix.PROGRAM,
                ex -> ex instanceof VideoException ve
                        ? ve.oneLine()
                        : ex instanceof OutputException ? ex.getMessage() : null);
    }

    @Override
    public Integer call() {
        // like lvsa-runner: no subcommand is a usage error, told on stderr
        spec.commandLine()
                .getErr()
                .println("vqeval: a subcommand is required: "
                        + String.join(", ", spec.commandLine().getSubcommands().keySet()) + " (see vqeval --help)");
        spec.commandLine().getErr().flush();
        return ExitCodes.USAGE;
    }
}
