package dev.lvsa.baselines.method;

import dev.lvsa.baselines.pattern.FrameMask;
import dev.lvsa.baselines.plan.AttentionPlan;
import dev.lvsa.baselines.plan.DenseMask;
import dev.lvsa.baselines.plan.FrameBlocksMask;
import dev.lvsa.baselines.plan.PlanBackend;
import dev.lvsa.baselines.plan.PlanExpected;
import dev.lvsa.baselines.plan.PlanGeometry;
import dev.lvsa.baselines.plan.PlanMask;
import dev.lvsa.common.ToolkitVersion;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns a {@link MethodPlan} into an {@link AttentionPlan}. Frame masks are stored once each, in the order steps
 * first use them ({@code step_patterns[s]} names step s's mask); LVSA with rotation therefore stores its kfi
 * distinct rotations (fewer if there are fewer steps than kfi).
 */
public final class PlanBuilder {
    private PlanBuilder() {}

    /** The {@code created_by} string: tool and version. */
    public static String createdBy() {
        return "lvsa-toolkit baselines " + ToolkitVersion.version();
    }

    /**
     * Builds the plan.
     *
     * @param mp      the method's plan
     * @param backend backend name ({@link PlanBackend#NAMES})
     */
    public static AttentionPlan build(MethodPlan mp, String backend) {
        PlanMask mask = mp.denseMask() ? new DenseMask() : frameBlocks(mp.stepMasks());
        List<Double> perStep = new ArrayList<>();
        double frameSum = 0;
        double tokenSum = 0;
        for (FrameMask m : mp.stepMasks()) {
            double d = m.density();
            perStep.add(d);
            frameSum += d;
            tokenSum += mp.geometry().tokenDensity(m.attendedPairs());
        }
        PlanExpected expected = new PlanExpected(perStep, frameSum / mp.steps(), tokenSum / mp.steps());
        Map<String, Object> params = new LinkedHashMap<>(mp.params());
        return new AttentionPlan(
                AttentionPlan.SCHEMA_VERSION,
                createdBy(),
                mp.geometry().model().name(),
                mp.method(),
                params,
                PlanGeometry.of(mp.geometry()),
                mp.steps(),
                mask,
                mp.scoreTransform(),
                mp.ropeTransform(),
                PlanBackend.of(backend),
                expected);
    }

    static FrameBlocksMask frameBlocks(List<FrameMask> stepMasks) {
        Map<FrameMask, Integer> index = new LinkedHashMap<>();
        List<Integer> stepPatterns = new ArrayList<>();
        for (FrameMask m : stepMasks) {
            stepPatterns.add(index.computeIfAbsent(m, k -> index.size()));
        }
        List<FrameBlocksMask.Rows> patterns = new ArrayList<>();
        for (FrameMask m : index.keySet()) {
            List<List<List<Integer>>> rows = new ArrayList<>();
            for (int q = 0; q < m.frames(); q++) {
                List<List<Integer>> row = new ArrayList<>();
                for (int[] iv : m.intervals(q)) {
                    row.add(List.of(iv[0], iv[1]));
                }
                rows.add(row);
            }
            patterns.add(new FrameBlocksMask.Rows(rows));
        }
        return new FrameBlocksMask(patterns, stepPatterns);
    }
}
