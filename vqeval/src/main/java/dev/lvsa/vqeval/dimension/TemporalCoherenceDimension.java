package dev.lvsa.vqeval.dimension;

import dev.lvsa.vqeval.api.AnalysisContext;
import dev.lvsa.vqeval.api.DimensionResult;
import dev.lvsa.vqeval.api.FrameSeries;
import dev.lvsa.vqeval.api.LoopFindings;
import dev.lvsa.vqeval.api.NormRange;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * temporal_coherence: the video should change smoothly. Penalises luminance flicker (frame-mean jitter
 * around its 5-frame running median), abrupt changes (cuts and glitches: a consecutive distance far above
 * the video's usual one with SSIM collapsing), stutter (duplicated frames outside freezes) and a poor
 * flow-based interpolation of odd frames from their neighbours.
 */
public final class TemporalCoherenceDimension extends BuiltInDimension {

    public static final String NAME = "temporal_coherence";

    private static final Map<String, NormRange> RANGES = Map.of(
            "flicker", new NormRange(0.4, 4.0),
            "cut_ratio", new NormRange(0.0, 0.04),
            "stutter_ratio", new NormRange(0.02, 0.30),
            "interpolation_error", new NormRange(2.0, 14.0));

    public TemporalCoherenceDimension() {
        super(NAME, 0.15, RANGES);
    }

    @Override
    public DimensionResult evaluate(AnalysisContext context) {
        FrameSeries s = context.series();
        LoopFindings loop = context.loop();
        double flicker = flicker(s.lumaMean());
        List<Integer> cuts = cuts(s);
        double cutRatio = s.size() > 1 ? (double) cuts.size() / (s.size() - 1) : 0;
        double interp = Stats.mean(s.interpolationError());

        Scorer sc = new Scorer(this, context);
        sc.penalise("flicker", flicker);
        sc.penalise("cut_ratio", cutRatio);
        sc.penalise("stutter_ratio", loop.stutterRatio());
        sc.penalise("interpolation_error", interp);

        Map<String, Object> m = new LinkedHashMap<>();
        m.put("flicker", flicker);
        m.put("cut_ratio", cutRatio);
        m.put("cut_frames", cuts);
        m.put("stutter_ratio", loop.stutterRatio());
        m.put("interpolation_error", interp);
        m.put("ssim_min", Stats.min(s.ssimPrev()));
        return sc.productResult(Map.of(), m);
    }

    /** Std of frame-mean luminance minus its 5-frame running median (grey levels). */
    static double flicker(double[] luma) {
        int n = luma.length;
        if (n < 5) {
            return 0;
        }
        double[] resid = new double[n];
        double[] w = new double[5];
        for (int i = 0; i < n; i++) {
            int lo = Math.max(0, Math.min(i - 2, n - 5));
            System.arraycopy(luma, lo, w, 0, 5);
            java.util.Arrays.sort(w);
            resid[i] = luma[i] - w[2];
        }
        double s = 0;
        for (double r : resid) {
            s += r * r;
        }
        return Math.sqrt(s / n);
    }

    /**
     * Cuts: consecutive pairs whose mean grey difference is at least 4 times the video's median one and at
     * least 6 grey levels, with SSIM below 0.6. Returned as original frame numbers (first frame after the
     * cut). Computed on the series itself, so it follows whatever frames the series keeps.
     */
    static List<Integer> cuts(FrameSeries s) {
        int n = s.size();
        List<Integer> out = new ArrayList<>();
        if (n < 3) {
            return out;
        }
        double[] d = Arrays.copyOfRange(s.absDiffPrev(), 1, n);
        double med = Stats.median(d);
        for (int i = 1; i < n; i++) {
            double di = s.absDiffPrev()[i];
            if (di >= Math.max(6.0, 4 * med) && s.ssimPrev()[i] < 0.6) {
                out.add(s.originalFrame(i));
            }
        }
        return out;
    }
}
