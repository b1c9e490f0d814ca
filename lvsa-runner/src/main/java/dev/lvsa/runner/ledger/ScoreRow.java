package dev.lvsa.runner.ledger;

/**
 * VQeval's scores of a job's video ({@code status} ok), or why scoring failed ({@code status} error, scores null).
 *
 * @param status            ok or error
 * @param composite         composite score 0-100
 * @param loopQuality       dimension scores 0-100 ...
 * @param temporalDynamics  ...
 * @param frameSimilarity   ...
 * @param spatialQuality    ...
 * @param temporalCoherence ...
 * @param cycleDetected     loop_quality: a period was found
 * @param cyclePeriodFrames the period, original frames
 * @param firstRepeatFrame  first frame that re-shows earlier content
 * @param freezeRatio       share of frames in freeze runs
 * @param norepeat          RIFLEx NoRepeat (100 = not repeating, 0 = repeating)
 * @param repeatRatio       UltraViCo repeated-frame ratio
 * @param subjectConsistency    VBench-like diagnostics (reward static video) ...
 * @param backgroundConsistency ...
 * @param temporalFlicker       ...
 * @param motionSmoothness      ...
 * @param dynamicDegree         ...
 * @param scoringS          seconds VQeval took
 * @param reportJson        VQeval's JSON report
 * @param message           error message, or null
 */
public record ScoreRow(
        String status,
        Double composite,
        Double loopQuality,
        Double temporalDynamics,
        Double frameSimilarity,
        Double spatialQuality,
        Double temporalCoherence,
        Boolean cycleDetected,
        Integer cyclePeriodFrames,
        Integer firstRepeatFrame,
        Double freezeRatio,
        Double norepeat,
        Double repeatRatio,
        Double subjectConsistency,
        Double backgroundConsistency,
        Double temporalFlicker,
        Double motionSmoothness,
        Double dynamicDegree,
        Double scoringS,
        String reportJson,
        String message) {

    public static ScoreRow failed(String message, double seconds) {
        return new ScoreRow(
                "error", null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null,
                null, seconds, null, message);
    }
}
