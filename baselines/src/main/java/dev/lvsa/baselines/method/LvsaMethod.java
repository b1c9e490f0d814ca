package dev.lvsa.baselines.method;

import dev.lvsa.baselines.model.Geometry;
import dev.lvsa.baselines.pattern.LvsaParams;
import dev.lvsa.baselines.pattern.LvsaPattern;
import dev.lvsa.baselines.pattern.LvsaResolved;
import dev.lvsa.baselines.pattern.PatternContext;

/** LVSA (see {@code LVSA.md}): rotating anchors plus a local window, one frame mask per step. */
public record LvsaMethod(LvsaParams params) implements AttentionMethod {
    @Override
    public String name() {
        return "lvsa";
    }

    /** The knobs resolved for a geometry (rescale rule, automatic kfi). */
    public LvsaResolved resolve(Geometry g) {
        return new LvsaPattern(params).resolve(new PatternContext(g.latentFrames(), g.referenceLatentFrames()));
    }

    @Override
    public MethodPlan plan(Geometry g, int steps) {
        Steps.check(steps);
        LvsaPattern p = new LvsaPattern(params);
        PatternContext ctx = new PatternContext(g.latentFrames(), g.referenceLatentFrames());
        return new MethodPlan(
                name(),
                g,
                steps,
                false,
                Steps.masks(p, g, steps, name()),
                null,
                null,
                p.describe(ctx),
                p.resolve(ctx).kfi());
    }
}
