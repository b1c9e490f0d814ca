package dev.lvsa.baselines.method;

import dev.lvsa.baselines.model.Geometry;
import dev.lvsa.baselines.plan.RiflexTransform;
import dev.lvsa.common.BadInputException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * RIFLEx (arXiv 2502.15894): attention stays dense; one temporal RoPE frequency is lowered. The worker picks the
 * frequency from the loaded model's RoPE (unless {@code k} is given): the one whose period is closest to
 * {@code N}, the latent frame where repetition starts, by default the training horizon.
 *
 * @param repeatLatentFrames N, or null for the model's training horizon in latent frames
 * @param k                  1-based frequency index, or null to let the worker pick
 * @param scale              the new frequency is {@code scale * 2 pi / L} (default 0.9)
 */
public record RiflexMethod(Integer repeatLatentFrames, Integer k, double scale) implements AttentionMethod {
    /** RIFLEx's published scale. */
    public static final double DEFAULT_SCALE = 0.9;

    public RiflexMethod {
        if (repeatLatentFrames != null && repeatLatentFrames < 1) {
            throw new BadInputException("RIFLEx N " + repeatLatentFrames + ": must be >= 1 latent frame");
        }
        if (k != null && k < 1) {
            throw new BadInputException("RIFLEx k " + k + ": must be >= 1 (1-based frequency index)");
        }
        if (!(scale > 0 && scale <= 1)) {
            throw new BadInputException("RIFLEx scale " + scale + ": must be in (0, 1]");
        }
    }

    /** Defaults: N = training horizon, k picked by the worker, scale 0.9. */
    public static RiflexMethod defaults() {
        return new RiflexMethod(null, null, DEFAULT_SCALE);
    }

    @Override
    public String name() {
        return "riflex";
    }

    @Override
    public MethodPlan plan(Geometry g, int steps) {
        Steps.check(steps);
        int n = repeatLatentFrames != null ? repeatLatentFrames : g.referenceLatentFrames();
        RiflexTransform t = new RiflexTransform(RiflexTransform.KIND, k, n, scale);
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("repeat_latent_frames", n);
        params.put("repeat_latent_frames_from", repeatLatentFrames != null ? "user" : "training horizon");
        params.put("k", k);
        params.put("k_from", k != null ? "user" : "worker picks from the loaded model's RoPE");
        params.put("scale", scale);
        return new MethodPlan(name(), g, steps, true, Steps.fullMasks(g, steps), null, t, params, null);
    }
}
