package dev.lvsa.vqeval.loop;

import dev.lvsa.vqeval.api.RepeatEvent;

/**
 * Ping-pong reversals on a recurrence plot: when a run of returning frames reads as a reversal (a line across the
 * diagonal, {@code i + j} constant), and where that reversal starts. The turn is half the line's index sum.
 */
final class Reversals {

    /** A ping-pong line must beat the best forward line by this factor. */
    private static final double ADVANTAGE = 0.7;

    private final Recurrence m;
    private final LineCosts costs;
    private final int minLag;

    Reversals(Recurrence m, LineCosts costs, int minLag) {
        this.m = m;
        this.costs = costs;
        this.minLag = minLag;
    }

    /**
     * Frames s..e are a reversal: their line across the diagonal ({@code lineCost}) beats the best forward line
     * ({@code forwardCost}) by {@link #ADVANTAGE}, and it reads as one: the best matches walk backwards (slope near -1)
     * and the line explains them nearly as well as each frame's own best match does. A replay of a slow scene, whose
     * frames all look alike, has wandering matches that no single line follows.
     */
    boolean accepts(ReplayFinder.Returns r, int s, int e, double lineCost, double forwardCost) {
        return lineCost < ADVANTAGE * forwardCost
                && sourceSlope(r, s, e) < -0.5
                && lineCost <= 1.5 * costs.prefixCost(s, e, minLag) + 0.02;
    }

    /**
     * The reversal of frames s..e about half of {@code sum}, from where it {@link #start starts}; its strength is the
     * median return {@code contrast} of the frames that returned.
     */
    ReplayFinder.Line line(double[] contrast, int s, int e, int sum, double lineCost) {
        return new ReplayFinder.Line(
                RepeatEvent.Kind.PINGPONG, start(s, sum, lineCost), e, sum, ReplayFinder.median(contrast, s, e));
    }

    /**
     * Where a reversal starts: its run's first returning frame {@code s}, walked back towards the turn (half of
     * {@code sum}) over frames that already mirror their counterpart across the turn about as well as the run does
     * on average ({@code lineCost}). Next to the turn a frame lies only a few frames from its mirror image, too
     * close for the video to have got {@link ReplayFinder#HILL_MIN} away in between, so its run begins late, the
     * later the slower the motion.
     */
    int start(int s, int sum, double lineCost) {
        double level = LineCosts.onLineLevel(lineCost);
        int start = s;
        while (2 * (start - 1) - sum >= 1 && m.distance(sum - (start - 1), start - 1) <= level) {
            start--;
        }
        return start;
    }

    /**
     * Least-squares slope of the best-match source frame over the run: +1 for a replay, -1 for a reversal,
     * anything for a slow scene whose frames all look alike (then only a clear -1 makes a reversal).
     */
    static double sourceSlope(ReplayFinder.Returns r, int s, int e) {
        int len = e - s + 1;
        double mx = 0;
        double my = 0;
        for (int j = s; j <= e; j++) {
            mx += j;
            my += j - r.lag()[j];
        }
        mx /= len;
        my /= len;
        double sxy = 0;
        double sxx = 0;
        for (int j = s; j <= e; j++) {
            sxy += (j - mx) * (j - r.lag()[j] - my);
            sxx += (j - mx) * (j - mx);
        }
        return sxx == 0 ? 0 : sxy / sxx;
    }
}
