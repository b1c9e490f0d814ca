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
 */
public record FrameSeries(VideoInfo info, int stride, int analysisWidth, int analysisHeight,
    int descriptorWidth, int descriptorHeight, float[][] descriptors, float[][] thumbnails,
    double[] flowMean, double[] flowTop5, double[] ssimPrev, double[] psnrPrev, double[] absDiffPrev,
    double[] ssimFirst, double[] subjectPrev, double[] subjectFirst, double[] backgroundPrev, double[] backgroundFirst,
    double[] lumaMean, double[] interpolationError, double[] directionHistogram,
    List<SpatialSample> spatialSamples) {

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
    return i * stride;
  }
}
