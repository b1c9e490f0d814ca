package dev.lvsa.vqeval.loop;

import java.util.Arrays;

/** Differences between two frames' grey descriptor cells (grey levels): the measures the freeze tests compare. */
final class CellDiff {

    private CellDiff() {}

    /** Mean absolute cell difference: how far the picture as a whole has moved. */
    static double mean(float[] x, float[] y) {
        // four partial sums: independent additions instead of one long dependency chain
        double s0 = 0;
        double s1 = 0;
        double s2 = 0;
        double s3 = 0;
        int n = x.length;
        int c = 0;
        for (; c + 3 < n; c += 4) {
            s0 += Math.abs(x[c] - y[c]);
            s1 += Math.abs(x[c + 1] - y[c + 1]);
            s2 += Math.abs(x[c + 2] - y[c + 2]);
            s3 += Math.abs(x[c + 3] - y[c + 3]);
        }
        for (; c < n; c++) {
            s0 += Math.abs(x[c] - y[c]);
        }
        return (s0 + s1 + s2 + s3) / n;
    }

    /**
     * Median absolute cell difference: how far most of the picture is from {@code y}. A shimmer or a blinking eye
     * moves a few cells and leaves it near zero; motion, which shifts the whole picture, does not.
     */
    static double median(float[] x, float[] y) {
        float[] d = sortedAbs(x, y);
        int m = d.length / 2;
        return d.length % 2 == 1 ? d[m] : 0.5 * (d[m - 1] + d[m]);
    }

    /** The cells' absolute differences, sorted: their percentiles are what the freeze tests compare. */
    static float[] sortedAbs(float[] x, float[] y) {
        float[] d = new float[x.length];
        for (int c = 0; c < x.length; c++) {
            d[c] = Math.abs(x[c] - y[c]);
        }
        Arrays.sort(d);
        return d;
    }

    /** The {@code q} quantile of the cells' absolute differences (0.95: the hard freeze test's). */
    static double percentile(float[] x, float[] y, double q) {
        float[] d = sortedAbs(x, y);
        return d[Math.min(d.length - 1, (int) Math.floor(q * d.length))];
    }
}
