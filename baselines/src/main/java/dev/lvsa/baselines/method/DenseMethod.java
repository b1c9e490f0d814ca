package dev.lvsa.baselines.method;

import dev.lvsa.baselines.model.Geometry;
import java.util.Map;

/** The model's own dense self-attention. */
public record DenseMethod() implements AttentionMethod {
    @Override
    public String name() {
        return "dense";
    }

    @Override
    public MethodPlan plan(Geometry g, int steps) {
        Steps.check(steps);
        return new MethodPlan(name(), g, steps, true, Steps.fullMasks(g, steps), null, null, Map.of(), null);
    }
}
