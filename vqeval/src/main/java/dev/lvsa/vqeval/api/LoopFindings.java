package dev.lvsa.vqeval.api;

import java.util.List;

/**
 * What the self-similarity analysis found. Frame numbers and periods are in original frames.
 *
 * @param cycleDetected stripes parallel to the diagonal: the video repeats with a period
 * @param cyclePeriodFrames the period in original frames, or null when no cycle was detected
 * @param cycleStrength relative depth of the repeat valleys in the lag profile (0 none, 1 exact repeat);
 *     for the best candidate period even when no cycle was detected
 * @param cycleSignificance valley depth over the lag profile's own jitter (a z-like number)
 * @param cycleRepeats video length over the period (how many times the cycle plays), 0 without a cycle
 * @param pingPongDetected stripes across the anti-diagonal: motion that plays forwards then backwards
 * @param pingPongStrength best palindrome strength over all turn points (0 none, 1 exact mirror)
 * @param pingPongTurnFrames frames where the motion turns back
 * @param duplicatePairRatio share of frame pairs at least {@code duplicateMinLag} apart that are near-identical
 * @param duplicateMinLag that minimum lag, original frames
 * @param freezeRatio share of frames inside freeze runs (near-identical consecutive frames held at least
 *     {@code freezeMinFrames})
 * @param freezeMinFrames shortest run counted as a freeze, original frames
 * @param freezeOnsetFrame first frame of the first freeze run, or null
 * @param freezeRuns all freeze runs
 * @param consecutiveDuplicateRatio share of consecutive pairs that are duplicates (inside freezes or not)
 * @param stutterRatio share of consecutive pairs that are duplicates outside freeze runs
 * @param firstRepeatFrame first frame from which the video re-shows (near-identically) a frame at least
 *     {@code duplicateMinLag} earlier, for at least three frames running; null when it never does
 * @param noveltyProfile per analysed frame: descriptor distance to its best match at least
 *     {@code duplicateMinLag} earlier (grey levels; NaN before that lag)
 * @param noveltyMean mean of the novelty profile
 * @param nearDistance median descriptor distance between consecutive frames
 * @param farDistance median descriptor distance between frames at least a third of the video apart
 * @param selfSimilarity the matrix and its lag profile
 */
public record LoopFindings(boolean cycleDetected, Integer cyclePeriodFrames, double cycleStrength,
    double cycleSignificance, double cycleRepeats, boolean pingPongDetected, double pingPongStrength,
    List<Integer> pingPongTurnFrames, double duplicatePairRatio, int duplicateMinLag, double freezeRatio,
    int freezeMinFrames, Integer freezeOnsetFrame, List<FrameRange> freezeRuns,
    double consecutiveDuplicateRatio, double stutterRatio, Integer firstRepeatFrame, double[] noveltyProfile,
    double noveltyMean, double nearDistance, double farDistance, SelfSimilarity selfSimilarity) {
}
