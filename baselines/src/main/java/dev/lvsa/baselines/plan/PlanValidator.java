package dev.lvsa.baselines.plan;

import java.util.ArrayList;
import java.util.List;

/**
 * The rules of {@code contracts/README.md} that the JSON Schema cannot state:
 * <ol>
 *   <li>{@code latent_frames == (video_frames - 1) / temporal_factor + 1} exactly;
 *       {@code tokens_per_frame == frame_grid[0] * frame_grid[1]};
 *       {@code frame_grid == [height / (spatial_factor * patch[1]), width / (spatial_factor * patch[2])]}.</li>
 *   <li>For {@code frame_blocks}: {@code rows} has exactly {@code latent_frames} entries; each row's intervals lie
 *       in {@code [0, T-1]}, are sorted, disjoint and not adjacent; {@code step_patterns} has exactly {@code steps}
 *       entries, each a valid index.</li>
 * </ol>
 * Also checked: {@code expected.frame_density_per_step} (when present) has {@code steps} entries.
 * Rules 3 and 4 (text tokens attended by all; both CFG passes use the step's pattern) are execution rules with
 * nothing to check in the document.
 */
public final class PlanValidator {
    private PlanValidator() {}

    /** The problems found, one line each; empty when the plan follows the rules. */
    public static List<String> validate(AttentionPlan plan) {
        List<String> out = new ArrayList<>();
        PlanGeometry g = plan.geometry();
        if ((g.videoFrames() - 1) % g.temporalFactor() != 0
                || g.latentFrames() != (g.videoFrames() - 1) / g.temporalFactor() + 1) {
            out.add("geometry: latent_frames " + g.latentFrames() + " != (video_frames " + g.videoFrames()
                    + " - 1) / temporal_factor " + g.temporalFactor() + " + 1");
        }
        List<Integer> grid = g.frameGrid();
        if ((long) grid.get(0) * grid.get(1) != g.tokensPerFrame()) {
            out.add("geometry: tokens_per_frame " + g.tokensPerFrame() + " != frame_grid " + grid.get(0) + " x "
                    + grid.get(1));
        }
        int hs = g.spatialFactor() * g.patch().get(1);
        int ws = g.spatialFactor() * g.patch().get(2);
        if (g.height() % hs != 0
                || g.width() % ws != 0
                || grid.get(0) != g.height() / hs
                || grid.get(1) != g.width() / ws) {
            out.add("geometry: frame_grid " + grid + " != [height " + g.height() + " / " + hs + ", width " + g.width()
                    + " / " + ws + "] (exactly)");
        }
        if (plan.mask() instanceof FrameBlocksMask fb) {
            checkFrameBlocks(fb, g.latentFrames(), plan.steps(), out);
        }
        if (plan.expected() != null
                && plan.expected().frameDensityPerStep() != null
                && plan.expected().frameDensityPerStep().size() != plan.steps()) {
            out.add("expected: frame_density_per_step has "
                    + plan.expected().frameDensityPerStep().size() + " entries for " + plan.steps() + " steps");
        }
        return out;
    }

    private static void checkFrameBlocks(FrameBlocksMask fb, int t, int steps, List<String> out) {
        for (int p = 0; p < fb.patterns().size(); p++) {
            List<List<List<Integer>>> rows = fb.patterns().get(p).rows();
            String where = "mask.patterns[" + p + "]";
            if (rows.size() != t) {
                out.add(where + ": " + rows.size() + " rows for latent_frames " + t);
            }
            for (int q = 0; q < rows.size(); q++) {
                int prevLast = Integer.MIN_VALUE;
                for (List<Integer> iv : rows.get(q)) {
                    int first = iv.get(0);
                    int last = iv.get(1);
                    String at = where + ".rows[" + q + "] interval " + iv;
                    if (first > last) {
                        out.add(at + ": first > last");
                    }
                    if (first < 0 || last > t - 1) {
                        out.add(at + ": outside [0, " + (t - 1) + "]");
                    }
                    if (prevLast != Integer.MIN_VALUE && first <= prevLast + 1) {
                        out.add(at + ": not sorted, or overlaps/adjoins the previous interval (merge them)");
                    }
                    prevLast = Math.max(prevLast, last);
                }
            }
        }
        if (fb.stepPatterns().size() != steps) {
            out.add("mask.step_patterns: " + fb.stepPatterns().size() + " entries for " + steps + " steps");
        }
        for (int s = 0; s < fb.stepPatterns().size(); s++) {
            int idx = fb.stepPatterns().get(s);
            if (idx < 0 || idx >= fb.patterns().size()) {
                out.add("mask.step_patterns[" + s + "]: " + idx + " is not an index into "
                        + fb.patterns().size() + " patterns");
            }
        }
    }
}
