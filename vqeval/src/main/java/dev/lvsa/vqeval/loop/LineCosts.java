package dev.lvsa.vqeval.loop;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Mean distances along straight lines of a recurrence plot, the measure {@link ReplayFinder} explains a run of
 * returning frames with: a constant lag (parallel to the diagonal: a replay), a constant {@code i + j} (across
 * it: a reversal), or each frame's own best match (no line at all).
 */
final class LineCosts {

    /** A lag's line is as good as the best when within this share of the way from the best to the median. */
    static final double FUNDAMENTAL_SLACK = 0.25;

    /**
     * How far a frame may lie from its partner on a line whose mean distance is {@code lineCost} and still count as
     * on it: where a replay or a reversal starts, the frames must match about as well as the line does on average.
     */
    static double onLineLevel(double lineCost) {
        return 2 * lineCost + 0.02;
    }

    private final Recurrence m;
    private final int minLag;

    /** @param minLag shortest lag a line may have, matrix indices */
    LineCosts(Recurrence m, int minLag) {
        this.m = m;
        this.minLag = minLag;
    }

    /** Mean distance of frames s..e to their best matches at lags of at least {@code lag}. */
    double prefixCost(int s, int e, int lag) {
        double sum = 0;
        for (int j = s; j <= e; j++) {
            double best = Double.MAX_VALUE;
            for (int l = Math.min(lag, j); l <= j; l++) {
                best = Math.min(best, m.distance(j - l, j));
            }
            sum += best;
        }
        return sum / (e - s + 1);
    }

    /** Mean distance along each constant-lag line over frames s..e (NaN where the line covers too little). */
    double[] forwardCosts(int s, int e, int lowest) {
        int len = e - s + 1;
        double[] cost = new double[e + 1];
        Arrays.fill(cost, Double.NaN);
        for (int l = lowest; l <= e; l++) {
            int from = Math.max(s, l);
            int count = e - from + 1;
            if (count < 0.8 * len) {
                continue;
            }
            double sum = 0;
            for (int j = from; j <= e; j++) {
                sum += m.distance(j - l, j);
            }
            cost[l] = sum / count;
        }
        return cost;
    }

    /**
     * The smallest lag at a local minimum whose line is about as good as the best one and of which the best lag is
     * a multiple (a loop of period 20 also lines up at 40: report 20), or -1. A nearby lag that is no divisor of
     * the best (220 against 250) is the same replay seen at another point of a lag that stretches over its length,
     * not a shorter period: the best lag stands.
     */
    static int fundamental(double[] cost) {
        int best = -1;
        List<Double> valid = new ArrayList<>();
        for (int l = 0; l < cost.length; l++) {
            if (!Double.isNaN(cost[l])) {
                valid.add(cost[l]);
                if (best < 0 || cost[l] < cost[best]) {
                    best = l;
                }
            }
        }
        if (best < 0) {
            return -1;
        }
        double[] v = valid.stream().mapToDouble(Double::doubleValue).toArray();
        double med = LagProfile.percentile(v, 0.5);
        double accept = cost[best] + FUNDAMENTAL_SLACK * Math.max(0, med - cost[best]);
        for (int l = 0; l < best; l++) {
            if (Double.isNaN(cost[l]) || cost[l] > accept) {
                continue;
            }
            boolean localMin = (l == 0 || Double.isNaN(cost[l - 1]) || cost[l - 1] >= cost[l])
                    && (l + 1 >= cost.length || Double.isNaN(cost[l + 1]) || cost[l + 1] >= cost[l]);
            if (localMin && dividesNearly(l, best)) {
                return l;
            }
        }
        return best;
    }

    /** Whether {@code lag} is two or more times {@code period}, within the line tolerance of {@code period}. */
    static boolean dividesNearly(int period, int lag) {
        return period > 0 && Math.round((double) lag / period) >= 2 && offLine(lag, period) <= lineTolerance(period);
    }

    /** How far a frame's best-match lag may stray from a replay line of {@code lag}: 8% of it, or 2 rows. */
    static double lineTolerance(int lag) {
        return Math.max(2, 0.08 * lag);
    }

    /** How far lag {@code l} is from the nearest multiple of {@code lag}. */
    static double offLine(int l, int lag) {
        long k = Math.max(1, Math.round((double) l / lag));
        return Math.abs(l - k * lag);
    }

    /** Best mean distance along a line i + j = const over frames s..e with i at least minLag before j. */
    double backwardCost(int s, int e, int[] sumOut) {
        int len = e - s + 1;
        double best = Double.MAX_VALUE;
        for (int sum = 0; sum <= 2 * e - minLag; sum++) {
            double total = 0;
            int count = 0;
            for (int j = s; j <= e; j++) {
                int i = sum - j;
                if (i >= 0 && j - i >= minLag) {
                    total += m.distance(i, j);
                    count++;
                }
            }
            if (count >= 0.8 * len && total / count < best) {
                best = total / count;
                sumOut[0] = sum;
            }
        }
        return best;
    }
}
