package dev.lvsa.baselines.method;

import dev.lvsa.baselines.model.Geometry;

/** An attention method: what self-attention does at each step of one job. */
public interface AttentionMethod {
    /** The plan's method name. */
    String name();

    /**
     * The method's masks and transforms for a job.
     *
     * @param geometry the job's validated geometry
     * @param steps    denoising steps (at least 1)
     */
    MethodPlan plan(Geometry geometry, int steps);
}
