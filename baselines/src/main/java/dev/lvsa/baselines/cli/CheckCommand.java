package dev.lvsa.baselines.cli;

import dev.lvsa.baselines.check.CheckReport;
import dev.lvsa.baselines.check.CheckThresholds;
import dev.lvsa.baselines.check.RegressionCheck;
import dev.lvsa.baselines.method.PatternMethod;
import dev.lvsa.baselines.model.ModelRegistry;
import dev.lvsa.baselines.model.ModelSpec;
import dev.lvsa.baselines.pattern.PatternSpec;
import dev.lvsa.baselines.plan.PlanJson;
import dev.lvsa.common.AtomicFiles;
import dev.lvsa.common.BadInputException;
import dev.lvsa.common.ExitCodes;
import dev.lvsa.common.VersionProvider;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code pattern check}: a candidate pattern against a baseline over models x horizons, with thresholds. */
@Command(
        name = "check",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "Check a candidate pattern against a baseline over a grid of models and horizons. Prints JSON "
                + "(one row per cell, every failure). Exit 0 pass, 1 fail, 2 bad input.")
public final class CheckCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(
            names = "--candidate",
            required = true,
            paramLabel = "SPEC",
            description = "pattern spec JSON file, or TYPE[:key=value,...] (e.g. lvsa:window=2)")
    String candidate;

    @Option(
            names = "--baseline",
            paramLabel = "SPEC",
            defaultValue = "lvsa",
            description = "pattern to compare with (default lvsa with its defaults)")
    String baseline;

    @Option(
            names = "--models",
            split = ",",
            paramLabel = "NAME",
            defaultValue = "wan2.1-t2v-1.3b",
            description = "models of the grid (default wan2.1-t2v-1.3b)")
    List<String> models;

    @Option(
            names = "--horizons",
            split = ",",
            paramLabel = "X",
            description = "lengths as multiples of each model's training length (default 2,4,6)")
    List<Double> horizons;

    @Option(
            names = "--frames",
            split = ",",
            paramLabel = "N",
            description = "lengths in video frames instead of --horizons")
    List<Integer> frames;

    @Option(names = "--steps", paramLabel = "N", description = "denoising steps (default: each model's)")
    Integer steps;

    @Option(
            names = "--cfg-passes",
            paramLabel = "N",
            description = "transformer passes per step (default: the " + "model's)")
    Integer cfgPasses;

    @Option(
            names = "--max-density-ratio",
            paramLabel = "R",
            description = "candidate mean density / baseline mean density at most R in every cell")
    Double maxDensityRatio;

    @Option(names = "--max-density", paramLabel = "D", description = "candidate mean frame density at most D")
    Double maxDensity;

    @Option(names = "--require-full-coverage", description = "every frame must become an anchor within the steps")
    boolean requireFullCoverage;

    @Option(names = "--budget-min", paramLabel = "N", description = "every query frame attends at least N frames")
    Integer budgetMin;

    @Option(names = "--budget-max", paramLabel = "N", description = "every query frame attends at most N frames")
    Integer budgetMax;

    @Option(names = "--out", paramLabel = "FILE", description = "also write the JSON report to FILE")
    Path out;

    @Override
    public Integer call() throws IOException {
        CheckThresholds th =
                new CheckThresholds(maxDensityRatio, maxDensity, requireFullCoverage, budgetMin, budgetMax);
        if (th.isEmpty()) {
            throw new BadInputException("no threshold given: a check without one cannot fail (use "
                    + "--max-density-ratio, --max-density, --require-full-coverage, --budget-min or --budget-max)");
        }
        if (frames != null && horizons != null) {
            throw new BadInputException("--frames and --horizons: give one of them");
        }
        PatternSpec.Named cand = PatternSpec.resolve(candidate);
        PatternSpec.Named base = PatternSpec.resolve(baseline);
        List<RegressionCheck.Job> jobs = new ArrayList<>();
        for (String name : models) {
            ModelSpec m = ModelRegistry.standard().get(name.trim());
            int s = steps != null ? steps : m.defaultSteps();
            int cfg = cfgPasses != null ? cfgPasses : m.cfgPasses();
            if (frames != null) {
                for (int f : frames) {
                    jobs.add(new RegressionCheck.Job(m.geometry(f, null, null), s, cfg));
                }
            } else {
                for (double h : horizons != null ? horizons : List.of(2.0, 4.0, 6.0)) {
                    jobs.add(new RegressionCheck.Job(m.geometry(m.framesAtHorizon(h), null, null), s, cfg));
                }
            }
        }
        CheckReport report =
                RegressionCheck.run(new PatternMethod(cand), candidate, new PatternMethod(base), baseline, jobs, th);
        String json = PlanJson.toJson(report);
        if (out != null) {
            AtomicFiles.writeString(out, json, AtomicFiles.Folder.MUST_EXIST);
        }
        PrintWriter stdout = spec.commandLine().getOut();
        stdout.print(json);
        stdout.flush();
        PrintWriter err = spec.commandLine().getErr();
        long failed = report.cells().stream().filter(c -> !c.pass()).count();
        err.println(
                report.pass()
                        ? "check passed: " + report.cells().size() + " cells"
                        : "check FAILED: " + failed + " of " + report.cells().size() + " cells");
        err.flush();
        return report.pass() ? ExitCodes.OK : ExitCodes.FAILURE;
    }
}
