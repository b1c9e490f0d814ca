package dev.lvsa.vqeval.loop;

import java.util.Arrays;

/**
 * Motion that collapses into a crawl: a shot moving at its own pace that slows, within a second or so, to a small
 * fraction of it and stays there (the "slower motion" of position-interpolated models, a gesture finishing over
 * six seconds). Its picture stays within the soft level of a frame for seconds, like a still, but it keeps creeping
 * the same way, so the soft test's check that a still has stopped leaving its first frame fails: what marks it is
 * the collapse of its pace. Pace is the mean grey-cell difference between consecutive frames, measured within one
 * shot (a cut is a step far above the video's typical step, as in {@link ReplayFinder}, and motion in an earlier shot says nothing about this
 * one). A clip that is slow from its first frame, or from a cut, has no pace to collapse from. The same shots and
 * paces tell {@link FreezeFinder}'s soft test whether a still after a cut slowed down into it ({@link #slowedBy}), and
 * where a still that the motion slowed into began ({@link #turnedSlow}).
 */
final class MotionCollapse {

    /** A crawl moves at least this many times slower than its shot did in the span before it. */
    static final double SLOWER = 5.0;

    /**
     * Where the motion turned slow: the crawl's onset reaches back over the frames that move at most this fraction
     * of the pace before it (the labels of real slow-motion freezes mark where the motion turns slow, not where it
     * is slowest).
     */
    static final double TURNED_SLOW = 0.5;

    /**
     * A still whose motion before it lies in an earlier shot (a cut is not motion) must show its own shot slowing
     * down into it: the shot's pace before it at least this many times the still's (2.7 to 13 times in the published
     * slow-motion freezes of the RIFLEx page, 0.9 to 1.5 in its clean talking head, measured from its cut).
     */
    static final double SHOT_SLOWED = 2.0;

    private final double[] steps;
    private final int[] shot;

    /**
     * @param steps mean cell difference between consecutive frames ({@link FreezeFinder#steps})
     * @param softLevel the soft level: no smaller step is a cut
     */
    MotionCollapse(double[] steps, double softLevel) {
        this.steps = steps;
        int n = steps.length + 1;
        // a cut: a step at least ReplayFinder.CUT_FACTOR times the video's median step, as for the replays' shots
        double cut = steps.length == 0
                ? 0
                : Math.max(ReplayFinder.CUT_FACTOR * LagProfile.percentile(steps, 0.5), softLevel);
        shot = new int[n];
        for (int k = 1; k < n; k++) {
            shot[k] = steps[k - 1] >= cut ? k : shot[k - 1];
        }
    }

    /**
     * Where a soft stretch from {@code s} (to {@code e}) began as a crawl, or -1 when it is not one: its onset (see
     * below), if the shot's pace in the {@code span} frames before that onset is at least {@link #SLOWER} times the
     * pace from {@code s} on (the median step over the next {@code span} frames). Pace is taken before the onset, not
     * before {@code s}: a crawl that creeps almost as far as the soft level lets a stretch start only seconds after
     * the motion turned slow, when the frames just before it are slow already.
     */
    int crawlOnset(int floor, int s, int e, int span) {
        int end = Math.min(e, s + span);
        if (end <= s) {
            return -1;
        }
        int onset = onset(floor, s, span);
        double before = paceBefore(onset, span);
        return before > 0 && before >= SLOWER * paceFrom(s, end) ? onset : -1;
    }

    /**
     * From {@code s} back (not before {@code floor} nor its shot's first frame) over the frames whose steps (their
     * median over a third of a second or so, so that one uneven step does not stop the walk) are at most
     * {@link #TURNED_SLOW} times the shot's pace in the {@code span} frames before them: where the motion turned slow.
     */
    private int onset(int floor, int s, int span) {
        int k = s;
        while (k - 1 >= Math.max(floor, shot[s]) && smoothedStep(k - 1) <= TURNED_SLOW * paceBefore(k - 1, span)) {
            k--;
        }
        return k;
    }

    /** The pace of frames {@code s} to {@code end} (exclusive): the median of their steps. */
    private double paceFrom(int s, int end) {
        return LagProfile.percentile(Arrays.copyOfRange(steps, s, end), 0.5);
    }

    /** The shot's pace in the {@code span} frames before {@code s}: the 75th percentile of its steps (0: none). */
    private double paceBefore(int s, int span) {
        int from = Math.max(shot[s], s - span);
        return from >= s ? 0 : LagProfile.percentile(Arrays.copyOfRange(steps, from, s), 0.75);
    }

    /**
     * How many times slower frames {@code s} on move (median step over the next {@code span} frames) than the shot
     * did in the {@code span} frames before {@code s} ({@link #paceBefore}); 0 when the shot begins at {@code s}.
     */
    double slowedBy(int s, int span) {
        int end = Math.min(steps.length, s + span);
        if (end <= s) {
            return 0;
        }
        double during = paceFrom(s, end);
        double before = paceBefore(s, span);
        return during > 0 ? before / during : (before > 0 ? Double.MAX_VALUE : 0);
    }

    /**
     * Where a still (from {@code s} to {@code e}) reached by slowing down began to slow, the way the labels of real
     * slow-motion freezes mark it: the one point in the shot's frames before {@code s} (at most {@code 2 span} of them)
     * that best splits their steps into a faster and a slower stretch (least squares on the steps' logarithms), if the
     * pace falls there through the slower stretch into the still. That is: the stretch before the point moves at least
     * {@link #SHOT_SLOWED} times faster than the slower stretch (median steps), and the slower stretch moves no slower
     * than the still (its median step over the next {@code span} frames) and is nearer the still's pace than the
     * motion's (below their geometric mean), and it does not pick up again on the way (its later half at most
     * {@link #PICKS_UP} times as fast as its earlier half). Failing that, a decay: the same split within the
     * {@code span / 2} frames before {@code s} ({@link #DECAY_REACH}), whose slower stretch may lie nearer the motion's
     * pace if it keeps slowing (its later half no faster than its earlier half). Otherwise {@code s}: a motion that
     * keeps one pace up to the still, however slow, stopped where the still begins, and a still that moves more than
     * the stretch before it (a shimmer starting where the picture stopped) began where it stopped.
     */
    int turnedSlow(int s, int e, int span) {
        if (s >= steps.length) {
            return s;
        }
        double still = paceFrom(s, Math.max(s + 1, Math.min(e, s + span)));
        int turn = fallsInto(s, still, Math.max(shot[s], s - 2 * span), span, false);
        return turn < s ? turn : fallsInto(s, still, Math.max(shot[s], s - (int) (DECAY_REACH * span)), span, true);
    }

    /**
     * The best split of the steps from {@code from} to {@code s} (each side at least {@code span / 6} frames) if the
     * pace falls there through the slower stretch into a still of pace {@code still} (see {@link #turnedSlow}; with
     * {@code decay}, a slower stretch that keeps slowing counts too), else {@code s}.
     */
    private int fallsInto(int s, double still, int from, int span, boolean decay) {
        int least = Math.max(4, span / 6);
        if (s - from < 2 * least) {
            return s;
        }
        double[] sum = new double[s - from + 1];
        double[] sq = new double[s - from + 1];
        for (int k = from; k < s; k++) {
            double v = Math.log(steps[k] + TINY_STEP);
            sum[k - from + 1] = sum[k - from] + v;
            sq[k - from + 1] = sq[k - from] + v * v;
        }
        int best = -1;
        double bestCost = Double.MAX_VALUE;
        for (int c = from + least; c <= s - least; c++) {
            double cost = spread(sum, sq, 0, c - from) + spread(sum, sq, c - from, s - from);
            if (cost < bestCost) {
                bestCost = cost;
                best = c;
            }
        }
        double before = paceFrom(from, best);
        double after = paceFrom(best, s);
        int mid = (best + s) / 2;
        double early = paceFrom(best, mid);
        double late = paceFrom(mid, s);
        boolean through = before >= SHOT_SLOWED * after && after >= still;
        boolean nearStill = after <= Math.sqrt(before * still) && late <= PICKS_UP * early;
        return through && (nearStill || decay && late <= early) ? best : s;
    }

    /**
     * How far before a still (times the shortest soft still, 3 s) {@link #turnedSlow} looks for a decay into it: the
     * pace falling steadily for about a second into the still, as a playback speed that decays with a time constant
     * of 10 frames or so ({@code scripts/real_set_failures.py}'s slow-motion freezes). Over 6 s, a stretch that keeps
     * slowing is as often the footage's own motion calming down (the clean ocean clip's waves, from 2.4 s on).
     */
    static final double DECAY_REACH = 0.5;

    /**
     * A slower stretch whose later half moves more than this many times faster than its earlier half (median steps)
     * picked up again, as ripples settling and then stirred by a second splash (1.37 in a clean Wave Forcing clip),
     * rather than slowing into the still (0.73 to 1.12 in the dramas of the portrait, 4:3 and 30 fps remakes):
     * {@link #turnedSlow} does not reach over it.
     */
    static final double PICKS_UP = 1.25;

    /** A step this small (grey levels) counts as this much in {@link #turnedSlow}'s logarithms: noise, not motion. */
    private static final double TINY_STEP = 0.05;

    /** The sum of squared deviations from their mean of values {@code a} to {@code b} (exclusive), by prefix sums. */
    private static double spread(double[] sum, double[] sq, int a, int b) {
        double n = b - a;
        double t = sum[b] - sum[a];
        return sq[b] - sq[a] - t * t / n;
    }

    /** The first frame of the shot that frame {@code k} belongs to (0, or the frame right after the last cut). */
    int shotStart(int k) {
        return shot[k];
    }

    private double smoothedStep(int k) {
        return LagProfile.percentile(Arrays.copyOfRange(steps, Math.max(0, k - 4), Math.min(steps.length, k + 5)), 0.5);
    }
}
