package dev.lvsa.vqeval.decode;

/**
 * How to decode for analysis.
 *
 * @param analysisLongSide longer side of the downscaled analysis frame, pixels
 * @param stride analyse every {@code stride}-th frame (1 = every frame)
 * @param spatialSamples how many frames, spread over the video, get full-resolution spatial statistics
 * @param minFrames fewest frames a video must have to be evaluated
 * @param embedShorterSide shorter side of the frames handed to embedders, pixels (0: no embedder runs)
 * @param embedEvery embed every {@code embedEvery}-th analysed frame (1 = every one)
 */
public record DecodeOptions(
        int analysisLongSide, int stride, int spatialSamples, int minFrames, int embedShorterSide, int embedEvery) {

    /** Smallest frame side accepted, pixels. */
    public static final int MIN_SIDE = 16;
    /** Largest frame side accepted, pixels. */
    public static final int MAX_SIDE = 16384;
    /** Largest ratio of the longer to the shorter side: generated video is at most about 4:1 (32:9). */
    public static final double MAX_ASPECT = 8.0;
    /** Fewest frames that loops and freezes can be judged on (the shortest replay lag searched). */
    public static final int MIN_FRAMES_TO_JUDGE = 8;

    public DecodeOptions {
        if (analysisLongSide < 32 || analysisLongSide > 1024) {
            throw new IllegalArgumentException("analysis size must be 32..1024 pixels, got " + analysisLongSide);
        }
        if (stride < 1) {
            throw new IllegalArgumentException("stride must be >= 1, got " + stride);
        }
        if (spatialSamples < 1) {
            throw new IllegalArgumentException("spatial samples must be >= 1, got " + spatialSamples);
        }
        if (minFrames < 2) {
            throw new IllegalArgumentException("minFrames must be >= 2, got " + minFrames);
        }
        if (embedShorterSide < 0) {
            throw new IllegalArgumentException("embedder frame size must be >= 0, got " + embedShorterSide);
        }
        if (embedEvery < 1) {
            throw new IllegalArgumentException("embedder stride must be >= 1, got " + embedEvery);
        }
    }

    /** Options without embedders. */
    public DecodeOptions(int analysisLongSide, int stride, int spatialSamples, int minFrames) {
        this(analysisLongSide, stride, spatialSamples, minFrames, 0, 1);
    }

    public static DecodeOptions defaults() {
        return new DecodeOptions(160, 1, 8, MIN_FRAMES_TO_JUDGE);
    }
}
