package dev.lvsa.runner.ledger;

/**
 * A job's final outcome, as the worker reported it (or as the runner concluded when the worker crashed or hung on
 * every attempt: then {@code resultJson} is null).
 *
 * @param status          ok, oom, error or timeout
 * @param errorCode       the worker's error code, or the runner's ({@code worker_crashed}, {@code worker_hung})
 * @param totalS          wall time of the job in the worker
 * @param peakMemoryGb    peak memory (see {@code peakMemoryKind})
 * @param peakMemoryKind  device_peak_allocated or process_peak_rss
 * @param density         realised attention density
 * @param expectedDensity the plan's density
 * @param backend         the backend that ran
 * @param device          where it ran
 * @param dtype           precision
 * @param riflexK         RIFLEx frequency index used
 * @param stepLatencyJson per-step latencies, JSON array
 * @param meanStepS       mean step latency
 * @param stepsRun        denoising steps completed
 * @param modelCached     whether the model was already loaded
 * @param modelLoadS      seconds spent loading the model (counted in totalS when not cached)
 * @param framesWritten   frames in the video
 * @param output          the video path the worker wrote
 * @param message         one line
 * @param resultJson      the worker's result line
 */
public record ResultRow(
        String status,
        String errorCode,
        Double totalS,
        Double peakMemoryGb,
        String peakMemoryKind,
        Double density,
        Double expectedDensity,
        String backend,
        String device,
        String dtype,
        Integer riflexK,
        String stepLatencyJson,
        Double meanStepS,
        Integer stepsRun,
        Boolean modelCached,
        Double modelLoadS,
        Integer framesWritten,
        String output,
        String message,
        String resultJson) {

    /** A result the runner writes itself, when no worker result exists. */
    public static ResultRow runnerVerdict(String status, String errorCode, String message) {
        return new ResultRow(
                status, errorCode, null, null, null, null, null, null, null, null, null, null, null, null, null, null,
                null, null, message, null);
    }

    /** The same result with the video at {@code path} (a task that ran on a copy of the run folder elsewhere). */
    public ResultRow withOutput(String path) {
        return new ResultRow(
                status,
                errorCode,
                totalS,
                peakMemoryGb,
                peakMemoryKind,
                density,
                expectedDensity,
                backend,
                device,
                dtype,
                riflexK,
                stepLatencyJson,
                meanStepS,
                stepsRun,
                modelCached,
                modelLoadS,
                framesWritten,
                path,
                message,
                resultJson);
    }
}
