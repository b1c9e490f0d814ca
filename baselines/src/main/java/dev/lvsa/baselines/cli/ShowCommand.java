package dev.lvsa.baselines.cli;

import dev.lvsa.baselines.analysis.AsciiMask;
import dev.lvsa.baselines.analysis.MaskHeatmap;
import dev.lvsa.baselines.method.MethodPlan;
import dev.lvsa.baselines.model.Geometry;
import dev.lvsa.common.BadInputException;
import dev.lvsa.common.ExitCodes;
import dev.lvsa.common.VersionProvider;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code pattern show}: the frame mask of one step as ASCII, and optionally a PNG heatmap. */
@Command(
        name = "show",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "Print the frame mask of one denoising step (A = anchor, # = attended, . = skipped); "
                + "--png writes a heatmap.")
public final class ShowCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    JobOptions job;

    @Mixin
    MethodOptions methodOptions;

    @Option(
            names = "--step",
            paramLabel = "S",
            defaultValue = "0",
            description = "denoising step to show " + "(default 0)")
    int step;

    @Option(names = "--png", paramLabel = "FILE", description = "also write a PNG heatmap")
    Path png;

    @Option(names = "--all-steps", description = "with --png: grey level = share of steps attending each cell")
    boolean allSteps;

    @Override
    public Integer call() throws IOException {
        Geometry g = job.geometry();
        int steps = job.steps();
        if (step < 0 || step >= steps) {
            throw new BadInputException(
                    "--step " + step + ": must be in [0, " + (steps - 1) + "] for " + steps + " steps");
        }
        if (allSteps && png == null) {
            throw new BadInputException("--all-steps: only with --png");
        }
        MethodPlan mp = methodOptions.toMethod().plan(g, steps);
        PrintWriter out = spec.commandLine().getOut();
        out.printf(
                "%s, %s, %d frames (T=%d), step %d of %d%n",
                g.model().name(), mp.method(), g.videoFrames(), g.latentFrames(), step, steps);
        out.print(AsciiMask.render(mp.mask(step)));
        if (png != null) {
            MaskHeatmap.writePng(
                    allSteps ? MaskHeatmap.renderFrequency(mp.stepMasks()) : MaskHeatmap.render(mp.mask(step)), png);
            out.println("wrote " + png);
        }
        out.flush();
        return ExitCodes.OK;
    }
}
