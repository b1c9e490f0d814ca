package dev.lvsa.vqeval.diagnostics;

import dev.lvsa.vqeval.api.FrameSeries;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * VBench-like diagnostics computed from VQeval's own signals (no neural features):
 * <ul>
 *   <li>subject / background consistency: per frame, the mean of its SSIM to the previous frame and to
 *       the first frame, over the centre region (subject) or the border region (background);</li>
 *   <li>temporal flicker: 1 - mean absolute difference of consecutive frames / 255;</li>
 *   <li>motion smoothness: 1 - mean error of predicting odd frames by flow-based interpolation of their
 *       neighbours / 255;</li>
 *   <li>dynamic degree: share of frame pairs whose strongest 5% of flow exceeds 6 x (short side / 256)
 *       pixels, with flow scaled to VBench's sampling of about 8 frames per second.</li>
 * </ul>
 * All but dynamic degree reward static video: a frozen clip scores 1.0.
 */
public final class VbenchLike {

    private VbenchLike() {}

    public static Map<String, Object> compute(FrameSeries s) {
        int n = s.size();
        double subject = 0;
        double background = 0;
        int k = 0;
        for (int i = 1; i < n; i++) {
            subject += 0.5 * (s.subjectPrev()[i] + s.subjectFirst()[i]);
            background += 0.5 * (s.backgroundPrev()[i] + s.backgroundFirst()[i]);
            k++;
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("subject_consistency", k == 0 ? Double.NaN : subject / k);
        out.put("background_consistency", k == 0 ? Double.NaN : background / k);
        out.put("temporal_flicker", 1 - mean(s.absDiffPrev()) / 255.0);
        out.put("motion_smoothness", 1 - mean(s.interpolationError()) / 255.0);
        out.put("dynamic_degree", dynamicDegree(s));
        out.put("rewards_static_video", true);
        return out;
    }

    /** Share of pairs whose top-5% flow, scaled to ~8 fps sampling, exceeds 6 x short side / 256. */
    public static double dynamicDegree(FrameSeries s) {
        double fps = s.info().fps();
        double framesPerSample = fps > 0 ? Math.max(1.0, fps / 8.0) : 1.0;
        double scale = framesPerSample / s.stride();
        double threshold = 6.0 * Math.min(s.analysisWidth(), s.analysisHeight()) / 256.0;
        int pairs = 0;
        int dynamic = 0;
        for (int i = 1; i < s.size(); i++) {
            double f = s.flowTop5()[i];
            if (!Double.isNaN(f)) {
                pairs++;
                dynamic += f * scale > threshold ? 1 : 0;
            }
        }
        return pairs == 0 ? 0 : (double) dynamic / pairs;
    }

    static double mean(double[] a) {
        double sum = 0;
        int n = 0;
        for (double v : a) {
            if (!Double.isNaN(v)) {
                sum += v;
                n++;
            }
        }
        return n == 0 ? Double.NaN : sum / n;
    }
}
