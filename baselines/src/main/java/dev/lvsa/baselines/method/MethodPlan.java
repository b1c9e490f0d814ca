package dev.lvsa.baselines.method;

import dev.lvsa.baselines.model.Geometry;
import dev.lvsa.baselines.pattern.FrameMask;
import dev.lvsa.baselines.plan.RiflexTransform;
import dev.lvsa.baselines.plan.UltraVicoTransform;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a method does for one job.
 *
 * @param method         method name
 * @param geometry       the job's geometry
 * @param steps          denoising steps
 * @param denseMask      whether the plan's mask is {@code {"kind":"dense"}} (the model's own attention)
 * @param stepMasks      the frame mask of every step ({@code steps} entries; full masks for dense methods)
 * @param scoreTransform UltraViCo's transform, or null
 * @param ropeTransform  RIFLEx's transform, or null
 * @param params         resolved knobs, JSON-ready, in a stable order (null values allowed)
 * @param kfi            LVSA's key-frame interval, or null for other methods
 */
public record MethodPlan(
        String method,
        Geometry geometry,
        int steps,
        boolean denseMask,
        List<FrameMask> stepMasks,
        UltraVicoTransform scoreTransform,
        RiflexTransform ropeTransform,
        Map<String, Object> params,
        Integer kfi) {
    public MethodPlan {
        stepMasks = List.copyOf(stepMasks);
        if (stepMasks.size() != steps) {
            throw new IllegalArgumentException(stepMasks.size() + " masks for " + steps + " steps");
        }
        for (FrameMask m : stepMasks) {
            if (m.frames() != geometry.latentFrames()) {
                throw new IllegalArgumentException(
                        "mask over " + m.frames() + " frames for T=" + geometry.latentFrames());
            }
        }
        params = Collections.unmodifiableMap(new LinkedHashMap<>(params));
    }

    /** The frame mask of step {@code s}. */
    public FrameMask mask(int s) {
        return stepMasks.get(s);
    }
}
