package dev.lvsa.baselines.method;

import dev.lvsa.baselines.model.Geometry;
import dev.lvsa.baselines.pattern.FrameMask;
import dev.lvsa.baselines.pattern.FramePattern;
import dev.lvsa.baselines.pattern.PatternContext;
import dev.lvsa.common.BadInputException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Helpers shared by the methods: step-count checks and per-step masks. */
final class Steps {
    /** The schema's limit on steps. */
    static final int MAX_STEPS = 1000;

    private Steps() {}

    static void check(int steps) {
        if (steps < 1 || steps > MAX_STEPS) {
            throw new BadInputException("steps " + steps + ": must be between 1 and " + MAX_STEPS);
        }
    }

    static List<FrameMask> fullMasks(Geometry g, int steps) {
        return Collections.nCopies(steps, FrameMask.full(g.latentFrames()));
    }

    static List<FrameMask> masks(FramePattern p, Geometry g, int steps, String name) {
        PatternContext ctx = new PatternContext(g.latentFrames(), g.referenceLatentFrames());
        List<FrameMask> out = new ArrayList<>(steps);
        for (int s = 0; s < steps; s++) {
            FrameMask m = p.mask(ctx, s);
            if (m.frames() != g.latentFrames()) {
                throw new IllegalStateException(
                        "pattern " + name + " gave a mask over " + m.frames() + " frames for T=" + g.latentFrames());
            }
            if (m.hasEmptyRow()) {
                throw new BadInputException("pattern " + name + ": at step " + s + " some query frame attends no key"
                        + " frame (T=" + g.latentFrames() + "); attention over nothing is undefined");
            }
            out.add(m);
        }
        return out;
    }
}
