package dev.lvsa.baselines.method;

import dev.lvsa.baselines.model.Geometry;
import dev.lvsa.baselines.pattern.LvsaPattern;
import dev.lvsa.baselines.pattern.PatternContext;
import dev.lvsa.baselines.pattern.PatternSpec;
import java.util.LinkedHashMap;
import java.util.Map;

/** A user pattern (JSON spec or a code-defined provider) as a method: its masks, no transforms. */
public record PatternMethod(PatternSpec.Named pattern) implements AttentionMethod {
    @Override
    public String name() {
        return pattern.name();
    }

    @Override
    public MethodPlan plan(Geometry g, int steps) {
        Steps.check(steps);
        PatternContext ctx = new PatternContext(g.latentFrames(), g.referenceLatentFrames());
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("spec", pattern.spec());
        params.put("resolved", pattern.pattern().describe(ctx));
        Integer kfi =
                pattern.pattern() instanceof LvsaPattern lp ? lp.resolve(ctx).kfi() : null;
        return new MethodPlan(
                name(), g, steps, false, Steps.masks(pattern.pattern(), g, steps, name()), null, null, params, kfi);
    }
}
