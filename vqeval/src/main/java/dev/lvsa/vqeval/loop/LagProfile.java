package dev.lvsa.vqeval.loop;

import java.util.Arrays;

/** A low percentile of the distances along each diagonal of the self-similarity matrix, percentiles and medians. */
public final class LagProfile {

    private LagProfile() {}

    /**
     * {@code d[L]} = the {@code q}-quantile over i of distance(i, i+L). A low quantile keeps the valley of a
     * loop that covers only part of the video (e.g. one that starts late), where the mean would dilute it.
     */
    public static double[] quantile(DistanceMatrix m, double q) {
        int n = m.size();
        double[] d = new double[Math.max(1, n)];
        double[] buf = new double[Math.max(1, n)];
        for (int lag = 1; lag < n; lag++) {
            int len = 0;
            for (int i = 0; i + lag < n; i++) {
                buf[len++] = m.distance(i, i + lag);
            }
            Arrays.sort(buf, 0, len);
            d[lag] = interpolate(buf, len, q);
        }
        return d;
    }

    /** The {@code q}-quantile of {@code values} (not changed), interpolated between order statistics; NaN if empty. */
    static double percentile(double[] values, double q) {
        if (values.length == 0) {
            return Double.NaN;
        }
        double[] c = values.clone();
        Arrays.sort(c);
        return interpolate(c, c.length, q);
    }

    private static double interpolate(double[] sorted, int len, double q) {
        double pos = q * (len - 1);
        int lo = (int) Math.floor(pos);
        int hi = Math.min(len - 1, lo + 1);
        return sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - lo);
    }

    static double medianInPlace(double[] c, int len) {
        if (len == 0) {
            return Double.NaN;
        }
        Arrays.sort(c, 0, len);
        return len % 2 == 1 ? c[len / 2] : 0.5 * (c[len / 2 - 1] + c[len / 2]);
    }
}
