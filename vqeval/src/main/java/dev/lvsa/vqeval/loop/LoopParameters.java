package dev.lvsa.vqeval.loop;

/**
 * Thresholds of the repetition analysis. Distances are in grey levels of the descriptor (0-255 scale).
 *
 * @param minPeriodFrames shortest cycle period searched, original frames
 * @param profileQuantile the cycle is searched in this quantile of the distances along each diagonal
 *     (below the median, so that a loop covering only part of the video still shows)
 * @param minOverlapFraction a lag is only used when at least this share of the video overlaps itself
 * @param cycleMinStrength smallest valley depth (relative) that counts as a cycle
 * @param cycleMinSignificance smallest valley depth over the lag profile's jitter that counts
 * @param cycleMaxValleyOverNear repeats must be at most this many times the consecutive-frame distance
 *     (plus {@code identicalLevel / 10}); a video that only comes back to a similar pose is no loop
 * @param identicalLevel two frames are near-identical when at most 5% of their grey cells differ by more
 *     than this many grey levels
 * @param duplicateMinLagFrames pairs closer than this (original frames) are not duplicate candidates
 * @param freezeMinSeconds shortest freeze, seconds (at least {@code freezeMinFrames})
 * @param freezeMinFrames shortest freeze, original frames
 * @param freezeDriftFactor a run whose first and last frames differ by more than this many times the
 *     typical consecutive change is slow motion, not a freeze
 * @param stutterRelative a consecutive pair is a duplicate when its change is below this share of the
 *     video's median consecutive change (and near-identical)
 * @param pingPongMinStrength smallest palindrome strength that counts as ping-pong
 * @param pingPongMaxHalfWindow largest half window (analysed frames) around a turn point
 */
public record LoopParameters(int minPeriodFrames, double profileQuantile, double minOverlapFraction, double cycleMinStrength,
    double cycleMinSignificance, double cycleMaxValleyOverNear, double identicalLevel, int duplicateMinLagFrames,
    double freezeMinSeconds, int freezeMinFrames, double freezeDriftFactor, double stutterRelative, double pingPongMinStrength,
    int pingPongMaxHalfWindow) {

  public static LoopParameters defaults() {
    return new LoopParameters(8, 0.35, 0.2, 0.25, 4.0, 3.0, 4.0, 8, 0.5, 8, 2.0, 0.25, 0.6, 24);
  }
}
