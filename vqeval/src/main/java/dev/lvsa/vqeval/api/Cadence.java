package dev.lvsa.vqeval.api;

/**
 * A regular pattern of duplicated consecutive frames: frame-rate conversion, not generation stutter.
 *
 * @param periodFrames the pattern repeats every this many analysed frames
 * @param duplicatesPerPeriod duplicated frames in each period
 * @param likelySourceFps the frame rate before conversion ({@code fps x (period - duplicates) / period})
 * @param duplicateRatio share of consecutive pairs (outside freezes) that are duplicates
 * @param duplicate per analysed frame: whether it repeats its predecessor as part of the cadence (the frames
 *     the other dimensions leave out, so they see the video at its source rate); shared, read-only
 */
public record Cadence(
        int periodFrames,
        int duplicatesPerPeriod,
        double likelySourceFps,
        double duplicateRatio,
        boolean[] duplicate) {}
