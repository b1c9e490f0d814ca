package dev.lvsa.vqeval.dimension;

import dev.lvsa.vqeval.api.AnalysisContext;
import dev.lvsa.vqeval.api.DimensionResult;
import dev.lvsa.vqeval.api.FrameSeries;
import dev.lvsa.vqeval.api.NormRange;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * temporal_dynamics: how much and how variously things move, from Farneback optical flow between
 * consecutive analysed frames. Flow is given as a percentage of the frame diagonal per original frame, so
 * it does not depend on resolution or stride. Motion decay compares the last third with the first third.
 */
public final class TemporalDynamicsDimension extends BuiltInDimension {

    public static final String NAME = "temporal_dynamics";
    /** Mean flow (% of diagonal per frame) above which a frame pair counts as moving. */
    static final double MOVING_FLOW_PCT = 0.08;

    private static final Map<String, NormRange> RANGES = Map.of(
            "mean_flow_pct", new NormRange(0.40, 0.03),
            "moving_pair_ratio", new NormRange(0.80, 0.10),
            "motion_decay", new NormRange(0.70, 0.15),
            "direction_diversity", new NormRange(0.60, 0.05));

    public TemporalDynamicsDimension() {
        super(NAME, 0.20, RANGES);
    }

    /** Flow per pair as % of the diagonal per original frame. */
    static double[] flowPct(FrameSeries s) {
        double[] f = s.flowMean().clone();
        double scale = 100.0 / s.analysisDiagonal() / s.stride();
        for (int i = 0; i < f.length; i++) {
            f[i] *= scale;
        }
        return f;
    }

    @Override
    public DimensionResult evaluate(AnalysisContext context) {
        FrameSeries s = context.series();
        double[] flow = flowPct(s);
        int n = flow.length;
        double mean = Stats.mean(flow);
        double p95 = Stats.quantile(flow, 0.95);
        double early = Stats.mean(flow, 1, Math.max(2, n / 3));
        double late = Stats.mean(flow, n - Math.max(1, n / 3), n);
        double decay = early > 1e-6 ? Math.min(2.0, late / early) : (late > 1e-6 ? 2.0 : 1.0);
        // a pair moves when its mean flow is above what encoder noise alone gives Farneback
        double floor = MOVING_FLOW_PCT;
        int moving = 0;
        int pairs = 0;
        for (int i = 1; i < n; i++) {
            if (!Double.isNaN(flow[i])) {
                pairs++;
                moving += flow[i] >= floor ? 1 : 0;
            }
        }
        double movingRatio = pairs == 0 ? 0 : (double) moving / pairs;
        double diversity = directionDiversity(s.directionHistogram());
        double variation = mean > 1e-9 ? Stats.std(flow) / mean : 0;

        Scorer sc = new Scorer(this, context);
        sc.blend("mean_flow_pct", mean, 0.45);
        sc.blend("moving_pair_ratio", movingRatio, 0.15);
        sc.blend("motion_decay", decay, 0.25);
        sc.blend("direction_diversity", diversity, 0.15);

        Map<String, Object> m = new LinkedHashMap<>();
        m.put("mean_flow_pct", mean);
        m.put("p95_flow_pct", p95);
        m.put("moving_pair_ratio", movingRatio);
        m.put("motion_decay", decay);
        m.put("early_flow_pct", early);
        m.put("late_flow_pct", late);
        m.put("direction_diversity", diversity);
        m.put("flow_variation", variation);
        return sc.blendResult(m);
    }

    /** Normalised entropy (0..1) of the magnitude-weighted direction histogram. */
    static double directionDiversity(double[] hist) {
        double total = 0;
        for (double h : hist) {
            total += h;
        }
        if (total <= 0) {
            return 0;
        }
        double e = 0;
        for (double h : hist) {
            if (h > 0) {
                double p = h / total;
                e -= p * Math.log(p);
            }
        }
        return e / Math.log(hist.length);
    }
}
