package dev.lvsa.reports.run;

import java.util.List;

/**
 * Column names of the runner's export CSV (one row per job): the contract between {@code lvsa-runner export}
 * and the reports. Only {@link #REQUIRED} must be present; every other column may be missing or empty.
 */
public final class ExportColumns {

    public static final String JOB_ID = "job_id";
    public static final String MODEL = "model";
    public static final String METHOD = "method";
    public static final String HORIZON = "horizon";
    public static final String FRAMES = "frames";
    public static final String PROMPT_ID = "prompt_id";
    public static final String SEED = "seed";
    public static final String STATUS = "status";
    public static final String TOTAL_S = "total_s";
    public static final String PEAK_MEMORY_GB = "peak_memory_gb";
    /** The attention density the worker realised: the mean frame density over the denoising steps that ran. */
    public static final String DENSITY = "density";
    /** The density the job's plan expects: its {@code expected.mean_frame_density}, the mean over all steps. */
    public static final String EXPECTED_DENSITY = "expected_density";

    public static final String COMPOSITE_SCORE = "composite_score";
    public static final String LOOP_QUALITY = "loop_quality";
    public static final String TEMPORAL_DYNAMICS = "temporal_dynamics";
    public static final String FRAME_SIMILARITY = "frame_similarity";
    public static final String SPATIAL_QUALITY = "spatial_quality";
    public static final String TEMPORAL_COHERENCE = "temporal_coherence";
    public static final String HEIGHT = "height";
    public static final String WIDTH = "width";
    public static final String STEPS = "steps";
    /** The denoising steps the worker ran (fewer than {@link #STEPS} for a timed-steps job or one cut short). */
    public static final String STEPS_RUN = "steps_run";
    /** The method variant's label ({@code lvsa}, {@code lvsa[window=2]}, a user's label). */
    public static final String VARIANT = "variant";
    /** The job's attention plan file, relative to the run folder ({@code plans/....json}). */
    public static final String PLAN = "plan";

    public static final String BACKEND = "backend";
    public static final String VIDEO = "video";
    public static final String PROMPT = "prompt";
    public static final String MESSAGE = "message";
    public static final String CYCLE_PERIOD_FRAMES = "cycle_period_frames";
    public static final String FIRST_REPEAT_FRAME = "first_repeat_frame";
    public static final String NOREPEAT = "norepeat";
    public static final String REPEAT_RATIO = "repeat_ratio";
    public static final String SUBJECT_CONSISTENCY = "subject_consistency";
    public static final String BACKGROUND_CONSISTENCY = "background_consistency";
    public static final String TEMPORAL_FLICKER = "temporal_flicker";
    public static final String MOTION_SMOOTHNESS = "motion_smoothness";
    public static final String DYNAMIC_DEGREE = "dynamic_degree";
    /** The worker's wall time of each denoising step, as a JSON list of seconds ({@code [0.0148,0.0138]}). */
    public static final String STEP_LATENCY_S = "step_latency_s";
    /** {@code dummy} when the job ran the real architecture with random weights (speed only). */
    public static final String WEIGHTS = "weights";
    /** 1 in a record whose job ran with dummy weights (derived from {@link #WEIGHTS}). */
    public static final String DUMMY_WEIGHTS = "dummy_weights";
    /** Speed runs: the denoising steps the job actually ran (fewer than {@link #STEPS}; the rest estimated). */
    public static final String TIMED_STEPS = "timed_steps";
    /** Speed runs: the worker's estimate of the whole job's wall time had every step run (seconds). */
    public static final String ESTIMATED_TOTAL_S = "estimated_total_s";
    /** The device-memory cap the job ran under (GB), empty when none. */
    public static final String MEMORY_CAP_GB = "memory_cap_gb";
    /**
     * Derived when reading: the job's latency as the tables show it, {@link #ESTIMATED_TOTAL_S} where the job ran
     * timed steps, else the measured {@link #TOTAL_S}.
     */
    public static final String LATENCY_S = "latency_s";
    /** Derived: 1 in a record whose {@link #LATENCY_S} is the worker's estimate, not a measurement. */
    public static final String LATENCY_ESTIMATED = "latency_estimated";
    /** Derived from {@link #STEP_LATENCY_S} when reading: the fastest step of the job (seconds). */
    public static final String STEP_MIN_S = "step_min_s";
    /** Derived from {@link #STEP_LATENCY_S}: the slowest step of the job (seconds). */
    public static final String STEP_MAX_S = "step_max_s";
    /** Derived from {@link #STEP_LATENCY_S}: the mean step of the job (seconds). */
    public static final String STEP_MEAN_S = "step_mean_s";

    /** Columns without which a row cannot be placed in a table. */
    public static final List<String> REQUIRED = List.of(MODEL, METHOD, HORIZON, STATUS);

    /** Columns read as text; every other column is read as a number where it parses as one. */
    public static final List<String> TEXT = List.of(
            JOB_ID,
            MODEL,
            METHOD,
            HORIZON,
            PROMPT_ID,
            SEED,
            STATUS,
            BACKEND,
            VIDEO,
            PROMPT,
            MESSAGE,
            STEP_LATENCY_S,
            VARIANT,
            PLAN);

    /** Columns the contract defines as numbers; a cell there that does not parse is warned about. */
    public static final List<String> NUMERIC = List.of(
            FRAMES,
            TOTAL_S,
            PEAK_MEMORY_GB,
            DENSITY,
            EXPECTED_DENSITY,
            STEPS_RUN,
            COMPOSITE_SCORE,
            LOOP_QUALITY,
            TEMPORAL_DYNAMICS,
            FRAME_SIMILARITY,
            SPATIAL_QUALITY,
            TEMPORAL_COHERENCE,
            HEIGHT,
            WIDTH,
            STEPS,
            CYCLE_PERIOD_FRAMES,
            FIRST_REPEAT_FRAME,
            NOREPEAT,
            REPEAT_RATIO,
            SUBJECT_CONSISTENCY,
            BACKGROUND_CONSISTENCY,
            TEMPORAL_FLICKER,
            MOTION_SMOOTHNESS,
            DYNAMIC_DEGREE,
            "riflex_k",
            "mean_step_s",
            TIMED_STEPS,
            ESTIMATED_TOTAL_S,
            MEMORY_CAP_GB);

    private ExportColumns() {}
}
