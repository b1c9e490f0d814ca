package dev.lvsa.runner.experiment;

import dev.lvsa.datasets.prompts.Prompt;
import java.nio.file.Path;
import java.util.List;

/**
 * A validated experiment file (see {@code docs/runner.md} for every key and its default).
 *
 * @param name           experiment name (default: the file stem)
 * @param description    free text
 * @param source         the file it was read from
 * @param models         grid axis 1
 * @param methods        grid axis 2 (knob lists already expanded into variants)
 * @param horizons       grid axis 3, as multiples of each model's training length (may be empty if frames given)
 * @param frames         grid axis 3, explicit video frame counts (may be empty if horizons given)
 * @param prompts        grid axis 4 (prompt sets and inline prompts, in order; ids unique)
 * @param seeds          grid axis 5
 * @param steps          denoising steps, or null for each model's default
 * @param height         pixels, or null for each model's default
 * @param width          pixels, or null for each model's default
 * @param guidance       classifier-free guidance scale
 * @param negativePrompt negative prompt for every job
 * @param device         {@code auto}, {@code cpu}, {@code cuda} or {@code npu}
 * @param backend        attention backend, one of {@link dev.lvsa.baselines.plan.PlanBackend#ALL}
 *                       ({@code contracts/backends.json})
 * @param dtype          {@code bf16}, {@code fp16}, {@code fp32}, or null for the worker's default
 * @param fps            frame rate written into the videos
 * @param offload        {@code none} or {@code model}
 * @param timeoutS       per-job time limit given to the worker, seconds
 * @param timeoutGraceS  extra seconds the runner waits past {@code timeoutS} before it kills a silent worker
 * @param readyTimeoutS  seconds to wait for a starting worker's ready line
 * @param retries        retries of a job whose worker crashed or hung (attempts = retries + 1)
 * @param scoring        VQeval settings
 * @param warnings       what the loader accepted but would have the file say otherwise (deprecated spellings), one
 *                       line each ({@code FILE: KEY: cause}); the CLI prints them on stderr
 * @param devicesPerJob  devices (ranks) one job runs over: 1 = one worker per device; N &gt; 1 = each job is one
 *                       {@code torch.distributed.run} launch of N ranks (Ulysses sequence parallelism)
 * @param timedSteps     speed runs: denoising steps actually run per job, spread over the schedule (the worker
 *                       estimates the rest), or null for all of them
 * @param memoryCapGb    device memory a job may allocate (10^9 bytes; e.g. 80 to act as an 80 GB card), or null
 */
public record Experiment(
        String name,
        String description,
        Path source,
        List<ModelEntry> models,
        List<MethodVariant> methods,
        List<Double> horizons,
        List<Integer> frames,
        List<Prompt> prompts,
        List<Long> seeds,
        Integer steps,
        Integer height,
        Integer width,
        double guidance,
        String negativePrompt,
        String device,
        String backend,
        String dtype,
        int fps,
        String offload,
        double timeoutS,
        double timeoutGraceS,
        double readyTimeoutS,
        int retries,
        ScoringSettings scoring,
        List<String> warnings,
        int devicesPerJob,
        Integer timedSteps,
        Double memoryCapGb) {
    public Experiment {
        models = List.copyOf(models);
        methods = List.copyOf(methods);
        horizons = List.copyOf(horizons);
        frames = List.copyOf(frames);
        prompts = List.copyOf(prompts);
        seeds = List.copyOf(seeds);
        warnings = List.copyOf(warnings);
    }
}
