package dev.lvsa.vqeval.loop;

/**
 * Thresholds of the repeat model. Grey-level distances are on the 0-255 scale of the descriptor cells;
 * structure distances are in contrast units (see {@link StructureMatrix}).
 *
 * @param minPeriodFrames shortest replay lag searched, original frames
 * @param minReplaySeconds shortest replay or reversal event, seconds (at least {@code minPeriodFrames})
 * @param identicalLevel hard freeze and duplicates: two frames are near-identical when the 95th percentile
 *     of their grey-cell differences is at most this many grey levels
 * @param softFreezeLevel soft freeze: a near-static shot stays within this mean grey-cell difference of
 *     its first frame
 * @param duplicateMinLagFrames pairs closer than this (original frames) are not duplicate candidates
 * @param freezeMinSeconds shortest hard freeze, seconds (at least {@code freezeMinFrames})
 * @param freezeMinFrames shortest hard freeze, original frames
 * @param softFreezeMinSeconds shortest soft freeze, seconds
 * @param stutterRelative a consecutive pair is a duplicate when its change is below this share of the
 *     video's median consecutive change (and near-identical)
 * @param maxMatrixFrames the recurrence matrix covers at most this many frames; longer videos are searched
 *     on every k-th analysed frame and replay lags refined on every frame (stated in the JSON)
 * @param temporalRadius structure descriptors are averaged over this many frames on each side
 */
public record LoopParameters(
        int minPeriodFrames,
        double minReplaySeconds,
        double identicalLevel,
        double softFreezeLevel,
        int duplicateMinLagFrames,
        double freezeMinSeconds,
        int freezeMinFrames,
        double softFreezeMinSeconds,
        double stutterRelative,
        int maxMatrixFrames,
        int temporalRadius) {

    public static LoopParameters defaults() {
        return new LoopParameters(8, 1.0, 4.0, 6.0, 8, 1.0, 8, 3.0, 0.25, 1600, 1);
    }
}
