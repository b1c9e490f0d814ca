package dev.lvsa.vqeval.dimension;

import dev.lvsa.vqeval.api.AnalysisContext;
import dev.lvsa.vqeval.api.DimensionResult;
import dev.lvsa.vqeval.api.NormRange;
import dev.lvsa.vqeval.api.SpatialSample;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * spatial_quality: per-frame image quality at the original resolution, on frames sampled evenly over the
 * video: sharpness (variance of the Laplacian), exposure (distance of mean grey from mid-grey, clipped
 * pixels), contrast, colourfulness, noise and codec blockiness; BRISQUE when asked for. Medians over the
 * samples, blended as a weighted mean.
 */
public final class SpatialQualityDimension extends BuiltInDimension {

    public static final String NAME = "spatial_quality";

    private static final Map<String, NormRange> RANGES = Map.of(
            "sharpness", new NormRange(400, 15),
            "exposure_error", new NormRange(20, 90),
            "clipped_ratio", new NormRange(0.01, 0.25),
            "contrast", new NormRange(45, 8),
            "colourfulness", new NormRange(35, 3),
            "noise_sigma", new NormRange(1.5, 8),
            "blockiness", new NormRange(1.05, 1.6),
            "brisque", new NormRange(20, 70));

    public SpatialQualityDimension() {
        super(NAME, 0.15, RANGES);
    }

    @Override
    public DimensionResult evaluate(AnalysisContext context) {
        List<SpatialSample> samples = context.series().spatialSamples();
        double sharpness = median(samples, SpatialSample::sharpness);
        double luma = median(samples, SpatialSample::lumaMean);
        double exposureError = Math.abs(luma - 118);
        double clipped = median(samples, x -> x.clippedDark() + x.clippedBright());
        double contrast = median(samples, SpatialSample::lumaStd);
        double colour = median(samples, SpatialSample::colourfulness);
        double noise = median(samples, SpatialSample::noiseSigma);
        double blockiness = median(samples, SpatialSample::blockiness);
        double brisque = median(samples, SpatialSample::brisque);

        Scorer sc = new Scorer(this, context);
        sc.blend("sharpness", sharpness, 0.25);
        sc.blend("exposure_error", exposureError, 0.15);
        sc.blend("clipped_ratio", clipped, 0.10);
        sc.blend("contrast", contrast, 0.15);
        sc.blend("colourfulness", colour, 0.10);
        sc.blend("noise_sigma", noise, 0.15);
        sc.blend("blockiness", blockiness, 0.10);
        sc.blend("brisque", brisque, 0.25);

        Map<String, Object> m = new LinkedHashMap<>();
        m.put("sharpness", sharpness);
        m.put("luma_mean", luma);
        m.put("exposure_error", exposureError);
        m.put("clipped_ratio", clipped);
        m.put("contrast", contrast);
        m.put("colourfulness", colour);
        m.put("noise_sigma", noise);
        m.put("blockiness", blockiness);
        m.put("brisque", brisque);
        m.put("samples", samples.size());
        return sc.blendResult(m);
    }

    private static double median(List<SpatialSample> samples, ToDoubleFunction<SpatialSample> f) {
        return Stats.median(samples.stream().mapToDouble(f).toArray());
    }
}
