package dev.lvsa.vqeval.api;

/**
 * Spatial statistics of one frame, measured at the video's original resolution.
 *
 * @param frame frame index (original numbering)
 * @param sharpness variance of the Laplacian of the grey image
 * @param lumaMean mean grey level, 0-255
 * @param lumaStd standard deviation of grey levels (RMS contrast), 0-255
 * @param clippedDark share of pixels at grey level 5 or below
 * @param clippedBright share of pixels at grey level 250 or above
 * @param colourfulness Hasler-Suesstrunk colourfulness
 * @param noiseSigma noise standard deviation estimated with Immerkaer's operator, grey levels
 * @param blockiness mean gradient across 8-pixel block borders over the mean gradient elsewhere (1 = none)
 * @param brisque BRISQUE score (lower is better), NaN unless BRISQUE was asked for
 */
public record SpatialSample(
        int frame,
        double sharpness,
        double lumaMean,
        double lumaStd,
        double clippedDark,
        double clippedBright,
        double colourfulness,
        double noiseSigma,
        double blockiness,
        double brisque) {}
