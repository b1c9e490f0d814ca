package dev.lvsa.vqeval.dimension;

import dev.lvsa.vqeval.api.AnalysisContext;
import dev.lvsa.vqeval.api.DimensionResult;
import dev.lvsa.vqeval.api.FrameSeries;
import dev.lvsa.vqeval.api.LoopFindings;
import dev.lvsa.vqeval.api.NormRange;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * frame_similarity: consecutive frames should be alike (continuity) while the video as a whole should
 * not be (it should travel somewhere and keep showing new content). Uses consecutive SSIM/PSNR, SSIM of
 * the last frame to the first, the distance between frames a third of the video apart, and the novelty
 * profile.
 */
public final class FrameSimilarityDimension extends BuiltInDimension {

    public static final String NAME = "frame_similarity";

    private static final Map<String, NormRange> RANGES = Map.of(
            "ssim_mean", new NormRange(0.85, 0.45),
            "first_last_ssim", new NormRange(0.35, 0.92),
            "far_distance", new NormRange(8.0, 1.5),
            "novelty_mean", new NormRange(4.0, 0.6));

    public FrameSimilarityDimension() {
        super(NAME, 0.15, RANGES);
    }

    @Override
    public DimensionResult evaluate(AnalysisContext context) {
        FrameSeries s = context.series();
        LoopFindings loop = context.loop();
        double ssimMean = Stats.mean(s.ssimPrev());
        double firstLast = s.ssimFirst()[s.size() - 1];
        Scorer sc = new Scorer(this, context);
        sc.blend("ssim_mean", ssimMean, 0.3);
        sc.blend("first_last_ssim", firstLast, 0.2);
        sc.blend("far_distance", loop.farDistance(), 0.25);
        sc.blend("novelty_mean", loop.noveltyMean(), 0.25);

        Map<String, Object> m = new LinkedHashMap<>();
        m.put("ssim_mean", ssimMean);
        m.put("ssim_std", Stats.std(s.ssimPrev()));
        m.put("ssim_min", Stats.min(s.ssimPrev()));
        m.put("psnr_mean", Stats.mean(s.psnrPrev()));
        m.put("first_last_ssim", firstLast);
        m.put("far_distance", loop.farDistance());
        m.put("near_distance", loop.nearDistance());
        m.put("similarity_spread", spread(loop));
        m.put("novelty_mean", loop.noveltyMean());
        return sc.blendResult(m);
    }

    /** 90th minus 10th percentile of all off-diagonal self-similarity distances (grey levels). */
    static double spread(LoopFindings loop) {
        var ssm = loop.selfSimilarity();
        int n = ssm.size();
        if (n < 3) {
            return 0;
        }
        int step = Math.max(1, (n * (n - 1) / 2) / 200_000);
        int count = 0;
        double[] v = new double[(n * (n - 1) / 2) / step + 1];
        int k = 0;
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                if (k++ % step == 0 && count < v.length) {
                    v[count++] = ssm.distance(i, j);
                }
            }
        }
        double[] c = java.util.Arrays.copyOf(v, count);
        return Stats.quantile(c, 0.9) - Stats.quantile(c, 0.1);
    }
}
