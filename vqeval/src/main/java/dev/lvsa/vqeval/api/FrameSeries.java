package dev.lvsa.vqeval.api;

import java.util.List;

/**
 * Everything VQeval measured while the frames went by: per-frame signals, tiny per-frame descriptors for
 * self-similarity and spatial samples. Index {@code i} is the i-th analysed frame (original frame
 * {@code i * stride}); per-pair arrays hold at {@code i} the value for frames {@code i-1, i} and NaN at 0.
 * Arrays are shared, not copied: treat them as read-only.
 *
 * @param info what the container says, and the frames decoded
 * @param stride every {@code stride}-th frame was analysed (1 = every frame)
 * @param analysisWidth width of the downscaled grey frames used for flow and SSIM
 * @param analysisHeight their height
 * @param descriptorWidth width of the grey descriptor grid (chroma grid is half of it each way)
 * @param descriptorHeight height of the grey descriptor grid
 * @param descriptors per analysed frame: grey cells (mean removed) then two chroma planes, grey levels
 * @param thumbnails per analysed frame: 8x8 grey thumbnail, 0-255
 * @param flowMean per pair: mean Farneback flow magnitude, analysis pixels
 * @param flowTop5 per pair: mean of the strongest 5% of flow magnitudes, analysis pixels
 * @param ssimPrev per pair: SSIM of consecutive analysed frames
 * @param psnrPrev per pair: PSNR (dB, capped at 100) of consecutive analysed frames
 * @param absDiffPrev per pair: mean absolute grey difference, 0-255
 * @param subjectPrev per pair: SSIM over the centre region (the likely subject) to the previous frame
 * @param ssimFirst per frame: SSIM of the whole frame to the first frame
 * @param subjectFirst per frame: SSIM over the centre region to the first frame
 * @param backgroundPrev per pair: SSIM over the border region to the previous frame
 * @param backgroundFirst per frame: SSIM over the border region to the first frame
 * @param lumaMean per frame: mean grey level of the analysis frame
 * @param interpolationError per frame i with neighbours: mean absolute error (0-255) of predicting frame
 *     i from frames i-1 and i+1 by flow-based interpolation; computed for odd i, NaN elsewhere
 * @param directionHistogram 8 flow-direction bins weighted by magnitude, summed over all pairs
 * @param spatialSamples full-resolution statistics of sampled frames
 * @param frameIndex original frame of each analysed frame, or null for {@code i * stride} (set when frames
 *     were left out, see {@link #without})
 */
public record FrameSeries(
        VideoInfo info,
        int stride,
        int analysisWidth,
        int analysisHeight,
        int descriptorWidth,
        int descriptorHeight,
        float[][] descriptors,
        float[][] thumbnails,
        double[] flowMean,
        double[] flowTop5,
        double[] ssimPrev,
        double[] psnrPrev,
        double[] absDiffPrev,
        double[] ssimFirst,
        double[] subjectPrev,
        double[] subjectFirst,
        double[] backgroundPrev,
        double[] backgroundFirst,
        double[] lumaMean,
        double[] interpolationError,
        double[] directionHistogram,
        List<SpatialSample> spatialSamples,
        int[] frameIndex) {

    /** Number of analysed frames. */
    public int size() {
        return descriptors.length;
    }

    /** Diagonal of the analysis frame in pixels (flow magnitudes are relative to it). */
    public double analysisDiagonal() {
        return Math.hypot(analysisWidth, analysisHeight);
    }

    /** Original frame index of analysed frame {@code i}. */
    public int originalFrame(int i) {
        return frameIndex == null ? i * stride : frameIndex[i];
    }

    /**
     * The same series without the frames marked in {@code drop} (duplicates of their predecessor, e.g. a
     * frame-rate cadence): per-frame values of a dropped frame go, and so does the pair ending at it; the
     * pair after it then joins two frames that differ as the source frames did. Spatial samples and the
     * direction histogram are kept.
     */
    public FrameSeries without(boolean[] drop) {
        int keep = 0;
        for (int i = 0; i < size(); i++) {
            keep += i < drop.length && drop[i] ? 0 : 1;
        }
        int[] idx = new int[keep];
        int k = 0;
        for (int i = 0; i < size(); i++) {
            if (!(i < drop.length && drop[i])) {
                idx[k++] = i;
            }
        }
        float[][] d = new float[keep][];
        float[][] t = new float[keep][];
        int[] original = new int[keep];
        for (int j = 0; j < keep; j++) {
            d[j] = descriptors[idx[j]];
            t[j] = thumbnails[idx[j]];
            original[j] = originalFrame(idx[j]);
        }
        return new FrameSeries(
                info,
                stride,
                analysisWidth,
                analysisHeight,
                descriptorWidth,
                descriptorHeight,
                d,
                t,
                pick(flowMean, idx),
                pick(flowTop5, idx),
                pick(ssimPrev, idx),
                pick(psnrPrev, idx),
                pick(absDiffPrev, idx),
                pick(ssimFirst, idx),
                pick(subjectPrev, idx),
                pick(subjectFirst, idx),
                pick(backgroundPrev, idx),
                pick(backgroundFirst, idx),
                pick(lumaMean, idx),
                pick(interpolationError, idx),
                directionHistogram,
                spatialSamples,
                original);
    }

    private static double[] pick(double[] a, int[] idx) {
        double[] out = new double[idx.length];
        for (int j = 0; j < idx.length; j++) {
            out[j] = idx[j] < a.length ? a[idx[j]] : Double.NaN;
        }
        return out;
    }
}
