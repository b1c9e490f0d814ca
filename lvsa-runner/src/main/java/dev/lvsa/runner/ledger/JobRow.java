package dev.lvsa.runner.ledger;

/**
 * A job as the ledger keeps it: enough to rebuild the worker request without the experiment file.
 *
 * @param jobId           stable id (hash of the spec)
 * @param seq             order in the ledger (0, 1, ...); also the Slurm array index
 * @param model           registry name
 * @param modelPath       what the worker loads (preset name or local folder)
 * @param method          method name
 * @param variant         method label with knobs
 * @param methodParams    resolved knobs, JSON
 * @param horizon         multiple of the training length
 * @param frames          video frames
 * @param height          pixels
 * @param width           pixels
 * @param steps           denoising steps
 * @param guidance        CFG scale
 * @param promptId        prompt id
 * @param prompt          prompt text
 * @param negativePrompt  negative prompt text
 * @param seed            noise seed
 * @param backend         backend asked for
 * @param backendOverride backend sent with the job (null: the plan's)
 * @param dtype           precision or null
 * @param fps             video frame rate
 * @param offload         none or model
 * @param planPath        plan file, relative to the run folder
 * @param videoPath       video file, relative to the run folder
 * @param specJson        the canonical identity JSON the id was hashed from
 * @param status          current state
 * @param message         last message (why it failed, or what happened)
 */
public record JobRow(
        String jobId,
        int seq,
        String model,
        String modelPath,
        String method,
        String variant,
        String methodParams,
        double horizon,
        int frames,
        int height,
        int width,
        int steps,
        double guidance,
        String promptId,
        String prompt,
        String negativePrompt,
        long seed,
        String backend,
        String backendOverride,
        String dtype,
        int fps,
        String offload,
        String planPath,
        String videoPath,
        String specJson,
        JobStatus status,
        String message) {

    /** A short human label: model, variant, frames, prompt, seed. */
    public String label() {
        return model + (dummyWeights() ? " (dummy weights)" : "") + " " + variant + " " + frames + "f " + promptId
                + " s" + seed;
    }

    /**
     * Whether the job's video means nothing and it is timed only: dummy weights, or timed steps (most of its steps
     * never ran). Such jobs are never scored.
     */
    public boolean speedOnly() {
        return dummyWeights() || (specJson != null && specJson.contains("\"timed_steps\":"));
    }

    /** Whether the job runs the real architecture with seeded random weights: speed only, its video means nothing. */
    public boolean dummyWeights() {
        return dummyWeights(specJson);
    }

    /** Whether a job identity ({@code spec_json}, canonical: no spaces) asks for dummy weights. */
    public static boolean dummyWeights(String specJson) {
        return specJson != null && specJson.contains("\"weights\":\"dummy\"");
    }
}
