package dev.lvsa.vqeval.api;

import java.util.List;

/**
 * What the repeat model found. Frame numbers and periods are in original frames. Everything but the
 * event list is derived from the events.
 *
 * @param events the video explained as replays, ping-pong reversals and freezes, in order of start
 * @param cycleDetected at least one replay event, or a still whose residual motion cycles
 * @param cyclePeriodFrames the dominant replay's lag (the replay covering most frames); without a replay, the
 *     cycle of the longest still that has one (its freeze event's lag); else null
 * @param cycleStrength the dominant replay's strength; for a still's cycle, the share of its frames closer to
 *     their partner one period later than to the partners a few lags around it; 0 without a cycle
 * @param cycleRepeats video length over the period, 0 without a cycle
 * @param pingPongDetected at least one ping-pong event
 * @param pingPongStrength the strongest ping-pong event's strength, 0 without one
 * @param pingPongTurnFrames frames where the motion turns back
 * @param replayRatio share of frames inside replay and ping-pong events (they show earlier content again)
 * @param duplicatePairRatio share of frame pairs at least {@code duplicateMinLag} apart that are near-identical
 * @param duplicateMinLag that minimum lag, original frames
 * @param freezeRatio share of frames inside freeze events
 * @param freezeMinFrames shortest hard freeze, original frames
 * @param freezeOnsetFrame the first freeze event's start, or null
 * @param freezeRuns the freeze events' spans
 * @param consecutiveDuplicateRatio share of consecutive pairs that are duplicates (freezes, cadence, stutter)
 * @param stutterRatio share of consecutive pairs that are duplicates outside freezes and outside a cadence
 * @param cadence a regular duplicate cadence (frame-rate conversion), or null
 * @param firstRepeatFrame the first replay or ping-pong event's start, or null
 * @param noveltyProfile per analysed frame: descriptor distance to its best match at least
 *     {@code duplicateMinLag} earlier (grey levels; NaN before that lag)
 * @param noveltyMean mean of the novelty profile
 * @param nearDistance median descriptor distance between consecutive frames
 * @param farDistance median descriptor distance between frames at least a third of the video apart
 * @param search how the recurrence plot was searched: {@code matrix_frames}, {@code matrix_step} (analysed
 *     frames per matrix row; above 1 for long videos, with lags refined on every analysed frame)
 * @param selfSimilarity the matrix and its lag profile
 */
public record LoopFindings(
        List<RepeatEvent> events,
        boolean cycleDetected,
        Integer cyclePeriodFrames,
        double cycleStrength,
        double cycleRepeats,
        boolean pingPongDetected,
        double pingPongStrength,
        List<Integer> pingPongTurnFrames,
        double replayRatio,
        double duplicatePairRatio,
        int duplicateMinLag,
        double freezeRatio,
        int freezeMinFrames,
        Integer freezeOnsetFrame,
        List<FrameRange> freezeRuns,
        double consecutiveDuplicateRatio,
        double stutterRatio,
        Cadence cadence,
        Integer firstRepeatFrame,
        double[] noveltyProfile,
        double noveltyMean,
        double nearDistance,
        double farDistance,
        java.util.Map<String, Object> search,
        SelfSimilarity selfSimilarity) {}
