package dev.lvsa.baselines.cli;

import dev.lvsa.baselines.analysis.AnalysisReport;
import dev.lvsa.baselines.analysis.PatternAnalyzer;
import dev.lvsa.baselines.method.AttentionMethod;
import dev.lvsa.baselines.model.Geometry;
import dev.lvsa.baselines.plan.PlanJson;
import dev.lvsa.common.ExitCodes;
import dev.lvsa.common.VersionProvider;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code pattern analyze}: density, FLOPs, compute reduction, anchor coverage and budget of a method. */
@Command(
        name = "analyze",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "Analyse a method over one job: frame and token density per step, attention and "
                + "whole-transformer FLOPs per step and per generation, compute reduction vs dense, anchor coverage, "
                + "frames per query.")
public final class AnalyzeCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    JobOptions job;

    @Mixin
    MethodOptions methodOptions;

    @Option(
            names = "--cfg-passes",
            paramLabel = "N",
            description = "transformer passes per step to count (default: the model's usual, 2 with classifier-free "
                    + "guidance)")
    Integer cfgPasses;

    @Option(names = "--json", description = "print JSON")
    boolean json;

    @Override
    public Integer call() {
        Geometry g = job.geometry();
        AttentionMethod m = methodOptions.toMethod();
        int cfg = cfgPasses != null ? cfgPasses : g.model().cfgPasses();
        AnalysisReport r = PatternAnalyzer.analyze(m.plan(g, job.steps()), cfg);
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            out.print(PlanJson.toJson(r));
        } else {
            out.print(text(r));
        }
        out.flush();
        return ExitCodes.OK;
    }

    static String text(AnalysisReport r) {
        StringBuilder sb = new StringBuilder();
        sb.append(job(r));
        sb.append(density(r));
        sb.append(anchorCoverage(r));
        sb.append(flops(r));
        if (r.architectureNominal()) {
            sb.append("note: this model's layer sizes are nominal; FLOP figures are illustrative only\n");
        }
        return sb.toString();
    }

    /** The job: model, method, frames, size and tokens; the steps and passes counted, LVSA's knobs. */
    private static String job(AnalysisReport r) {
        return String.format(
                        Locale.ROOT,
                        "%s, %s: %d frames (T=%d latent, %.2fx the training length of %d "
                                + "latent), %dx%d, P=%d tokens per latent frame, %d text tokens in self-attention%n",
                        r.model(),
                        r.method(),
                        r.videoFrames(),
                        r.latentFrames(),
                        r.horizon(),
                        r.referenceLatentFrames(),
                        r.height(),
                        r.width(),
                        r.tokensPerFrame(),
                        r.textTokens())
                + String.format(
                        Locale.ROOT,
                        "steps %d, %d transformer pass(es) per step counted%s%n",
                        r.steps(),
                        r.cfgPasses(),
                        r.kfi() == null ? "" : knobs(r.methodParams()));
    }

    /** Frame and token density, and the key frames each query frame attends. */
    private static String density(AnalysisReport r) {
        return String.format(
                        Locale.ROOT,
                        "frame density: step 0 %.3f, mean over steps %.3f; token density: step 0 %.3f, mean %.3f%n",
                        r.density(),
                        r.meanDensity(),
                        r.tokenDensity(),
                        r.meanTokenDensity())
                + String.format(
                        Locale.ROOT,
                        "key frames per query frame: min %d, mean %.2f, max %d (of %d)%n",
                        r.budget().min(),
                        r.budget().mean(),
                        r.budget().max(),
                        r.latentFrames());
    }

    /** By which step every frame has been an anchor, or how many never become one. */
    private static String anchorCoverage(AnalysisReport r) {
        if (r.anchorFullCoverageStep() == null) {
            return String.format(
                    Locale.ROOT,
                    "anchor coverage: %d of %d frames never become an anchor in %d steps%n",
                    r.anchorCountPerFrame().stream().filter(n -> n == 0).count(),
                    r.latentFrames(),
                    r.steps());
        }
        return String.format(
                Locale.ROOT,
                "anchor coverage: every frame has been an anchor by step %d%n",
                r.anchorFullCoverageStep());
    }

    /** Self-attention and whole-transformer FLOPs per generation against dense. */
    private static String flops(AnalysisReport r) {
        return String.format(
                        Locale.ROOT,
                        "self-attention FLOPs per generation: dense %.3e, %s %.3e -> %.2fx less%n",
                        r.attentionFlopsDense(),
                        r.method(),
                        r.attentionFlops(),
                        r.attentionComputeReduction())
                + String.format(
                        Locale.ROOT,
                        "whole-transformer FLOPs per generation: dense %.3e, %s %.3e -> "
                                + "%.2fx less (self-attention is %.0f%% of a dense step)%n",
                        r.transformerFlopsDense(),
                        r.method(),
                        r.transformerFlops(),
                        r.computeReduction(),
                        100 * r.attentionShareOfDenseStep());
    }

    private static String knobs(Map<String, Object> p) {
        StringBuilder sb = new StringBuilder("; LVSA W=")
                .append(p.get("window"))
                .append(", n_first=")
                .append(p.get("n_first"))
                .append(", kfi=")
                .append(p.get("kfi"))
                .append(Boolean.TRUE.equals(p.get("kfi_auto")) ? " (auto)" : "")
                .append(", rotation ")
                .append(Boolean.TRUE.equals(p.get("rotate")) ? "on" : "off");
        if (Boolean.TRUE.equals(p.get("rescaled"))) {
            sb.append(" (W and n_first rescaled: 2W+1+n_first >= T)");
        }
        return sb.toString();
    }
}
