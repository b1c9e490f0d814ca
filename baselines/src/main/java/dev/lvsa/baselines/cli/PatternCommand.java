package dev.lvsa.baselines.cli;

import dev.lvsa.baselines.plan.AttentionPlan;
import dev.lvsa.common.CliErrors;
import dev.lvsa.common.ExitCodes;
import dev.lvsa.common.VersionProvider;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/** {@code pattern}: design, analyse, check and plan attention patterns, without a GPU. */
@Command(
        name = "pattern",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "Attention patterns: list models, show a mask, analyse density and FLOPs, check a candidate "
                + "against a baseline, write an attention plan for the worker.",
        subcommands = {
            ModelsCommand.class,
            ShowCommand.class,
            AnalyzeCommand.class,
            CheckCommand.class,
            PlanCommand.class
        })
public final class PatternCommand implements Callable<Integer>, VersionProvider.Details {
    /** What {@code --version} adds after the version: the attention-plan schema the plans are written in. */
    public static final String VERSION_DETAILS = "lvsa-toolkit, attention plan schema v" + AttentionPlan.SCHEMA_VERSION;

    @Spec
    CommandSpec spec;

    @Option(
            names = {"-v", "--verbose"},
            scope = ScopeType.INHERIT,
            description = "show the stack trace of an error")
    boolean verbose;

    @Override
    public Integer call() {
        spec.commandLine()
                .getErr()
                .println("pattern: a subcommand is required (models, show, analyze, check, plan;" + " see --help)");
        return ExitCodes.USAGE;
    }

    @Override
    public String versionDetails() {
        return VERSION_DETAILS;
    }

    /** A stand-alone {@code pattern} command line with the toolkit's exit-code mapping (used by tests). */
    public static CommandLine newCommandLine() {
        return CliErrors.install(new CommandLine(new PatternCommand()));
    }
}
