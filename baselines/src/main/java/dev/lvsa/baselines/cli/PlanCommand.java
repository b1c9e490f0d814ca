package dev.lvsa.baselines.cli;

import dev.lvsa.baselines.method.MethodPlan;
import dev.lvsa.baselines.method.PlanBuilder;
import dev.lvsa.baselines.model.Geometry;
import dev.lvsa.baselines.plan.AttentionPlan;
import dev.lvsa.baselines.plan.FrameBlocksMask;
import dev.lvsa.baselines.plan.PlanBackend;
import dev.lvsa.baselines.plan.PlanJson;
import dev.lvsa.baselines.plan.PlanSchema;
import dev.lvsa.baselines.plan.PlanValidator;
import dev.lvsa.common.ExitCodes;
import dev.lvsa.common.VersionProvider;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code pattern plan}: writes a schema-valid attention plan for the worker. */
@Command(
        name = "plan",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "Write the attention plan of one job (schema v1), validated against the schema and the "
                + "contract's rules; written atomically.")
public final class PlanCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    JobOptions job;

    @Mixin
    MethodOptions methodOptions;

    @Option(
            names = "--backend",
            paramLabel = "NAME",
            defaultValue = "auto",
            completionCandidates = BackendNames.class,
            description = "kernel backend: ${COMPLETION-CANDIDATES} (default auto); an unavailable backend fails, "
                    + "never falls back")
    String backend;

    @Option(names = "--out", paramLabel = "FILE", description = "plan file to write (default: print to stdout)")
    Path out;

    @Override
    public Integer call() throws IOException {
        PlanBackend.of(backend);
        Geometry g = job.geometry();
        MethodPlan mp = methodOptions.toMethod().plan(g, job.steps());
        AttentionPlan plan = PlanBuilder.build(mp, backend);
        List<String> problems = new ArrayList<>(PlanSchema.validate(PlanJson.toTree(plan)));
        problems.addAll(PlanValidator.validate(plan));
        if (!problems.isEmpty()) {
            throw new IllegalStateException("the planner made an invalid plan (a bug): " + problems);
        }
        PrintWriter stdout = spec.commandLine().getOut();
        if (out == null) {
            stdout.print(PlanJson.toJson(plan));
        } else {
            PlanJson.write(plan, out);
            int distinct =
                    plan.mask() instanceof FrameBlocksMask fb ? fb.patterns().size() : 0;
            stdout.printf(
                    "wrote %s: %s, %s, %d frames (T=%d, P=%d), %d steps, %s, mean frame density %.4f%n",
                    out,
                    plan.model(),
                    plan.method(),
                    g.videoFrames(),
                    g.latentFrames(),
                    g.tokensPerFrame(),
                    plan.steps(),
                    distinct == 0 ? "dense mask" : distinct + " distinct masks",
                    plan.expected().meanFrameDensity());
        }
        stdout.flush();
        return ExitCodes.OK;
    }

    /** The names a plan may carry, for {@code --backend}'s help. */
    static final class BackendNames implements Iterable<String> {
        @Override
        public Iterator<String> iterator() {
            return PlanBackend.NAMES.iterator();
        }
    }
}
