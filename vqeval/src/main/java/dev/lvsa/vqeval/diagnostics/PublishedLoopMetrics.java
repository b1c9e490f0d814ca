package dev.lvsa.vqeval.diagnostics;

import dev.lvsa.vqeval.api.FrameSeries;
import dev.lvsa.vqeval.api.LoopFindings;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The two loop metrics published with RIFLEx and UltraViCo, computed on 8x8 grey thumbnails (64 values,
 * 0-255) with L2 = Euclidean norm of the difference. The papers do not fix a resolution for their pixel
 * L2; on 8x8 thumbnails their thresholds (100 and 55) mean a per-pixel RMS difference of 12.5 and 6.9
 * grey levels. The raw distances are reported so other thresholds can be applied.
 * <ul>
 *   <li>NoRepeat (RIFLEx): near the cycle period (VQeval's detected period, or anywhere past the minimum
 *       lag when none was found) find the frame closest to the first frame, then compare the segment
 *       starting there with the start of the video; mean L2 above 100 means not repeating. Per video it
 *       is 100 (not repeating) or 0, so that its mean over a set is the published NoRepeat score.</li>
 *   <li>Repeated-frame ratio (UltraViCo): for a video that is not static (VBench-like dynamic degree
 *       above 0), the share of frames whose L2 to some frame at least the minimum lag earlier is under
 *       55; null for static videos, which the metric discards.</li>
 * </ul>
 */
public final class PublishedLoopMetrics {

    public static final double NOREPEAT_THRESHOLD = 100.0;
    public static final double REPEAT_THRESHOLD = 55.0;

    private PublishedLoopMetrics() {}

    public static Map<String, Object> compute(FrameSeries s, LoopFindings loop, double dynamicDegree) {
        float[][] t = s.thumbnails();
        int n = t.length;
        int minLag = Math.max(1, loop.duplicateMinLag() / s.stride());
        Map<String, Object> out = new LinkedHashMap<>();

        Integer match = null;
        double l2 = Double.NaN;
        if (n >= 2 * minLag + 1) {
            int lo = minLag;
            int hi = n - 1 - minLag / 2;
            if (loop.cyclePeriodFrames() != null) {
                int p = loop.cyclePeriodFrames() / s.stride();
                lo = Math.max(minLag, (int) Math.floor(0.75 * p));
                hi = Math.min(n - 1, (int) Math.ceil(1.25 * p));
            }
            double best = Double.MAX_VALUE;
            int bestJ = -1;
            for (int j = lo; j <= hi; j++) {
                double d = l2(t[j], t[0]);
                if (d < best) {
                    best = d;
                    bestJ = j;
                }
            }
            if (bestJ > 0) {
                int seg = Math.min(n - bestJ, bestJ);
                double sum = 0;
                for (int k = 0; k < seg; k++) {
                    sum += l2(t[bestJ + k], t[k]);
                }
                l2 = sum / seg;
                match = bestJ * s.stride();
            }
        }
        out.put("norepeat", Double.isNaN(l2) ? null : (l2 > NOREPEAT_THRESHOLD ? 100 : 0));
        out.put("norepeat_l2", l2);
        out.put("norepeat_match_frame", match);

        boolean isStatic = dynamicDegree <= 0;
        Double ratio = null;
        if (!isStatic && n > minLag) {
            int repeated = 0;
            for (int j = minLag; j < n; j++) {
                for (int i = 0; i + minLag <= j; i++) {
                    if (l2(t[i], t[j]) < REPEAT_THRESHOLD) {
                        repeated++;
                        break;
                    }
                }
            }
            ratio = (double) repeated / n;
        }
        out.put("repeat_ratio", ratio);
        out.put("static_discarded", isStatic);
        out.put("l2_basis", "8x8 grey thumbnail, 0-255");
        return out;
    }

    static double l2(float[] a, float[] b) {
        double s = 0;
        for (int k = 0; k < a.length; k++) {
            double d = a[k] - b[k];
            s += d * d;
        }
        return Math.sqrt(s);
    }
}
