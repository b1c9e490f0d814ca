package dev.lvsa.baselines.method;

import dev.lvsa.baselines.model.Geometry;
import dev.lvsa.baselines.plan.UltraVicoTransform;
import dev.lvsa.common.BadInputException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * UltraViCo (arXiv 2511.20123): attention stays dense; before the softmax, positive logits whose key is farther
 * than half the training length from the query ({@code P * reference / 2} flattened video tokens) are multiplied
 * by alpha, and queries of the first latent frame do not attend keys beyond the training length
 * ({@code P * reference} tokens). The HunyuanVideo variant's beta damping is not implemented (beta is null).
 *
 * @param alpha decay factor, in (0, 1) (default 0.9)
 */
public record UltraVicoMethod(double alpha) implements AttentionMethod {
    public static final double DEFAULT_ALPHA = 0.9;

    public UltraVicoMethod {
        if (!(alpha > 0 && alpha < 1)) {
            throw new BadInputException("UltraViCo alpha " + alpha + ": must be in (0, 1)");
        }
    }

    @Override
    public String name() {
        return "ultravico";
    }

    @Override
    public MethodPlan plan(Geometry g, int steps) {
        Steps.check(steps);
        long limit = (long) g.tokensPerFrame() * g.referenceLatentFrames();
        long distance = limit / 2;
        UltraVicoTransform t = new UltraVicoTransform(UltraVicoTransform.KIND, alpha, distance, limit, null, null);
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("alpha", alpha);
        params.put("distance_tokens", distance);
        params.put("first_frame_key_limit_tokens", limit);
        params.put("variant", "base (no HunyuanVideo beta damping)");
        return new MethodPlan(name(), g, steps, true, Steps.fullMasks(g, steps), t, null, params, null);
    }
}
