package dev.lvsa.vqeval.dimension;

import java.util.Arrays;
import org.apache.commons.math3.stat.StatUtils;
import org.apache.commons.math3.stat.descriptive.rank.Percentile;
import org.apache.commons.math3.stat.descriptive.rank.Percentile.EstimationType;

/** NaN-skipping statistics over per-frame arrays (commons-math3 underneath). */
final class Stats {

    private Stats() {}

    private static double[] finite(double[] a) {
        return Arrays.stream(a).filter(v -> !Double.isNaN(v)).toArray();
    }

    static double mean(double[] a) {
        double[] f = finite(a);
        return f.length == 0 ? Double.NaN : StatUtils.mean(f);
    }

    static double mean(double[] a, int from, int to) {
        return mean(Arrays.copyOfRange(a, Math.max(0, from), Math.min(a.length, to)));
    }

    /** Sample standard deviation. */
    static double std(double[] a) {
        double[] f = finite(a);
        return f.length < 2 ? Double.NaN : Math.sqrt(StatUtils.variance(f));
    }

    static double min(double[] a) {
        double[] f = finite(a);
        return f.length == 0 ? Double.NaN : StatUtils.min(f);
    }

    /** Quantile q in [0, 1], linear interpolation between order statistics (R-7, as numpy's default). */
    static double quantile(double[] a, double q) {
        double[] f = finite(a);
        if (f.length == 0) {
            return Double.NaN;
        }
        return new Percentile().withEstimationType(EstimationType.R_7).evaluate(f, Math.max(1e-9, q * 100));
    }

    static double median(double[] a) {
        return quantile(a, 0.5);
    }
}
